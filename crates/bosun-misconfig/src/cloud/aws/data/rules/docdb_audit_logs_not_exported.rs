use crate::cloud::aws::data::checks::list_has;
use crate::cloud::aws::data::documentdb;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ239",
        name: "docdb-audit-logs-not-exported",
        title: "DocumentDB cluster does not export audit logs",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.audit-logging"],
        aliases: &["AVD-AWS-0020", "aws-documentdb-enable-log-export", "CKV_AWS_85"],
        rationale: "DocumentDB audit logs record authentication attempts and changes to users and collections. Unless `audit` is exported to CloudWatch Logs (and the `audit_logs` parameter is on), these events are not kept anywhere you can review them.",
        remediation: "Add `audit` to `enabled_cloudwatch_logs_exports` on the `aws_docdb_cluster` (`EnableCloudwatchLogsExports` on `AWS::DocDB::DBCluster`).",
        bad_example: "resource \"aws_docdb_cluster\" \"profiles\" {\n  cluster_identifier = \"profiles\"\n  engine             = \"docdb\"\n  master_username    = \"app\"\n  enabled_cloudwatch_logs_exports = [\"profiler\"]\n}\n",
        good_example: "resource \"aws_docdb_cluster\" \"profiles\" {\n  cluster_identifier = \"profiles\"\n  engine             = \"docdb\"\n  master_username    = \"app\"\n  enabled_cloudwatch_logs_exports = [\"audit\", \"profiler\"]\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Profiles:\n    Type: AWS::DocDB::DBCluster\n    Properties:\n      MasterUsername: app\n",
            good: "Resources:\n  Profiles:\n    Type: AWS::DocDB::DBCluster\n    Properties:\n      MasterUsername: app\n      EnableCloudwatchLogsExports:\n        - audit\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for cluster in documentdb::clusters(deployment) {
        if list_has(cluster.log_exports, "audit") == Some(false) {
            deployment.report(
                hits,
                cluster.resource,
                cluster.log_exports.filter(|e| !e.is_null()),
                "the DocumentDB cluster does not export audit logs to CloudWatch Logs",
            );
        }
    }
}
