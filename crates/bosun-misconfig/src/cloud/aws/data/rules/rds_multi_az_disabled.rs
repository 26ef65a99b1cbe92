use crate::cloud::aws::data::checks::require_on;
use crate::cloud::aws::data::rds;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ208",
        name: "rds-multi-az-disabled",
        title: "RDS DB instance is not deployed across availability zones",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["CKV_AWS_157"],
        rationale: "A single-AZ instance goes down with its availability zone and during some maintenance; restoring it means a restore from backup with data loss up to the last transaction log upload. Multi-AZ keeps a synchronous standby that takes over on its own.",
        remediation: "Set `multi_az = true` on the `aws_db_instance` (`MultiAZ: true` on `AWS::RDS::DBInstance`).",
        bad_example: "resource \"aws_db_instance\" \"payments\" {\n  identifier        = \"payments\"\n  engine            = \"postgres\"\n  instance_class    = \"db.m6g.large\"\n  allocated_storage = 100\n}\n",
        good_example: "resource \"aws_db_instance\" \"payments\" {\n  identifier        = \"payments\"\n  engine            = \"postgres\"\n  instance_class    = \"db.m6g.large\"\n  allocated_storage = 100\n  multi_az          = true\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Payments:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: postgres\n      DBInstanceClass: db.m6g.large\n      AllocatedStorage: \"100\"\n      MultiAZ: false\n",
            good: "Resources:\n  Payments:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: postgres\n      DBInstanceClass: db.m6g.large\n      AllocatedStorage: \"100\"\n      MultiAZ: true\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for db in rds::instances(deployment) {
        // Cluster members get their availability from the cluster; replicas from their source.
        if db.cluster_member || db.replica {
            continue;
        }
        require_on(
            deployment,
            hits,
            db.resource,
            db.multi_az,
            "the DB instance runs in a single availability zone",
            "the DB instance does not enable Multi-AZ",
        );
    }
}
