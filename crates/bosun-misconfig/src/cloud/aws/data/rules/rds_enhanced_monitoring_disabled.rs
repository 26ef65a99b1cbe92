use crate::cloud::aws::data::checks::Number;
use crate::cloud::aws::data::rds;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ209",
        name: "rds-enhanced-monitoring-disabled",
        title: "RDS DB instance does not enable enhanced monitoring",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["CKV_AWS_118"],
        rationale: "Enhanced monitoring reports operating system metrics (processes, memory, disk queues) from the database host every few seconds. Without it, an exhausted instance or an unexpected process is hard to see and to investigate afterwards.",
        remediation: "Set `monitoring_interval` (1 to 60 seconds) and `monitoring_role_arn` on the `aws_db_instance` or `aws_rds_cluster_instance` (`MonitoringInterval` and `MonitoringRoleArn` on `AWS::RDS::DBInstance`).",
        bad_example: "resource \"aws_db_instance\" \"events\" {\n  identifier        = \"events\"\n  engine            = \"mysql\"\n  instance_class    = \"db.t3.micro\"\n  allocated_storage = 20\n}\n",
        good_example: "resource \"aws_db_instance\" \"events\" {\n  identifier          = \"events\"\n  engine              = \"mysql\"\n  instance_class      = \"db.t3.micro\"\n  allocated_storage   = 20\n  monitoring_interval = 30\n  monitoring_role_arn = \"arn:aws:iam::123456789012:role/rds-monitoring\"\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Events:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: mysql\n      DBInstanceClass: db.t3.micro\n      AllocatedStorage: \"20\"\n      MonitoringInterval: 0\n",
            good: "Resources:\n  Events:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: mysql\n      DBInstanceClass: db.t3.micro\n      AllocatedStorage: \"20\"\n      MonitoringInterval: 60\n      MonitoringRoleArn: arn:aws:iam::123456789012:role/rds-monitoring\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for db in rds::instances(deployment) {
        match db.monitoring_interval {
            Number::Known(0, attr) => deployment.report(
                hits,
                db.resource,
                Some(attr),
                "enhanced monitoring is turned off (interval 0) on the DB instance",
            ),
            Number::Absent => deployment.report(
                hits,
                db.resource,
                None,
                "the DB instance does not enable enhanced monitoring",
            ),
            _ => {}
        }
    }
}
