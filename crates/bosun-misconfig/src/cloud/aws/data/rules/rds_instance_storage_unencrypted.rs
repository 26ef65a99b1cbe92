use crate::cloud::aws::data::rds;
use crate::cloud::aws::storage::switch::Switch;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ200",
        name: "rds-instance-storage-unencrypted",
        title: "RDS DB instance storage is not encrypted",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["AVD-AWS-0080", "aws-rds-encrypt-instance-storage-data", "CKV_AWS_16"],
        rationale: "RDS encryption at rest covers the database files, its automated backups, snapshots and read replicas. It can only be chosen when the instance is created: an unencrypted database stays so until it is copied to a new encrypted instance, which means downtime.",
        remediation: "Set `storage_encrypted = true` on the `aws_db_instance` (`StorageEncrypted: true` on `AWS::RDS::DBInstance`), optionally with a KMS key.",
        bad_example: "resource \"aws_db_instance\" \"orders\" {\n  identifier        = \"orders\"\n  engine            = \"postgres\"\n  instance_class    = \"db.t3.micro\"\n  allocated_storage = 20\n}\n",
        good_example: "resource \"aws_db_instance\" \"orders\" {\n  identifier        = \"orders\"\n  engine            = \"postgres\"\n  instance_class    = \"db.t3.micro\"\n  allocated_storage = 20\n  storage_encrypted = true\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Orders:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: postgres\n      DBInstanceClass: db.t3.micro\n      AllocatedStorage: \"20\"\n      StorageEncrypted: false\n",
            good: "Resources:\n  Orders:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: postgres\n      DBInstanceClass: db.t3.micro\n      AllocatedStorage: \"20\"\n      StorageEncrypted: true\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for db in rds::instances(deployment) {
        if db.cluster_member {
            continue;
        }
        match db.storage_encrypted {
            Switch::Off(attr) => deployment.report(
                hits,
                db.resource,
                Some(attr),
                "the DB instance stores its data unencrypted",
            ),
            // Copies of another database inherit its encryption; a KMS key implies it.
            Switch::Absent if !db.derived && db.kms_key.is_none() => deployment.report(
                hits,
                db.resource,
                None,
                "the DB instance does not enable storage encryption",
            ),
            _ => {}
        }
    }
}
