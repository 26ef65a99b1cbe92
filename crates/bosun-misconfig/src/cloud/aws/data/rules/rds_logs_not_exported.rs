use crate::cloud::aws::data::checks::list_is_empty;
use crate::cloud::aws::data::rds;
use crate::cloud::{Attr, Resource};
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ210",
        name: "rds-logs-not-exported",
        title: "RDS database does not export its logs to CloudWatch Logs",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.audit-logging"],
        aliases: &["CKV_AWS_129", "CKV_AWS_324"],
        rationale: "Database logs (errors, slow queries, audit and general logs depending on the engine) only stay on the instance for a short while and are lost with it. Exporting them to CloudWatch Logs keeps them for investigation and lets alarms watch for failed logins or errors.",
        remediation: "List the engine's log types in `enabled_cloudwatch_logs_exports` on the `aws_db_instance` or `aws_rds_cluster` (`EnableCloudwatchLogsExports` in CloudFormation).",
        bad_example: "resource \"aws_rds_cluster\" \"inventory\" {\n  cluster_identifier = \"inventory\"\n  engine             = \"aurora-mysql\"\n  master_username    = \"app\"\n}\n",
        good_example: "resource \"aws_rds_cluster\" \"inventory\" {\n  cluster_identifier              = \"inventory\"\n  engine                          = \"aurora-mysql\"\n  master_username                 = \"app\"\n  enabled_cloudwatch_logs_exports = [\"audit\", \"error\", \"slowquery\"]\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Inventory:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: postgres\n      DBInstanceClass: db.t3.micro\n      AllocatedStorage: \"20\"\n      EnableCloudwatchLogsExports: []\n",
            good: "Resources:\n  Inventory:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: postgres\n      DBInstanceClass: db.t3.micro\n      AllocatedStorage: \"20\"\n      EnableCloudwatchLogsExports:\n        - postgresql\n        - upgrade\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for db in rds::instances(deployment) {
        // Cluster members export through their cluster.
        if !db.cluster_member {
            judge(deployment, hits, db.resource, db.log_exports, "DB instance");
        }
    }
    for cluster in rds::clusters(deployment) {
        judge(deployment, hits, cluster.resource, cluster.log_exports, "DB cluster");
    }
}

fn judge(deployment: &Deployment, hits: &mut Hits, resource: &Resource, exports: Option<&Attr>, what: &str) {
    if list_is_empty(exports) == Some(true) {
        deployment.report(
            hits,
            resource,
            exports.filter(|e| !e.is_null()),
            format!("the {what} exports no logs to CloudWatch Logs"),
        );
    }
}
