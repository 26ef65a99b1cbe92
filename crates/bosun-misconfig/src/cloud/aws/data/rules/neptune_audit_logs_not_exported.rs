use crate::cloud::aws::data::checks::list_has;
use crate::cloud::aws::data::neptune;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ244",
        name: "neptune-audit-logs-not-exported",
        title: "Neptune cluster does not export audit logs",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.audit-logging"],
        aliases: &["AVD-AWS-0075", "aws-neptune-enable-log-export", "CKV_AWS_101"],
        rationale: "Neptune audit logs record the queries clients send and who sent them. Without exporting `audit` to CloudWatch Logs, access to the graph leaves no reviewable trail.",
        remediation: "Add `audit` to `enable_cloudwatch_logs_exports` on the `aws_neptune_cluster` (`EnableCloudwatchLogsExports` on `AWS::Neptune::DBCluster`).",
        bad_example: "resource \"aws_neptune_cluster\" \"graph\" {\n  cluster_identifier = \"graph\"\n  engine             = \"neptune\"\n}\n",
        good_example: "resource \"aws_neptune_cluster\" \"graph\" {\n  cluster_identifier = \"graph\"\n  engine             = \"neptune\"\n  enable_cloudwatch_logs_exports = [\"audit\"]\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Graph:\n    Type: AWS::Neptune::DBCluster\n    Properties:\n      DBClusterIdentifier: graph\n      EnableCloudwatchLogsExports:\n        - slowquery\n",
            good: "Resources:\n  Graph:\n    Type: AWS::Neptune::DBCluster\n    Properties:\n      DBClusterIdentifier: graph\n      EnableCloudwatchLogsExports:\n        - audit\n        - slowquery\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for cluster in neptune::clusters(deployment) {
        if list_has(cluster.log_exports, "audit") == Some(false) {
            deployment.report(
                hits,
                cluster.resource,
                cluster.log_exports.filter(|e| !e.is_null()),
                "the Neptune cluster does not export audit logs to CloudWatch Logs",
            );
        }
    }
}
