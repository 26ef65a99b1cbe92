use crate::cloud::aws::data::rds;
use crate::cloud::aws::storage::switch::Switch;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ201",
        name: "rds-cluster-storage-unencrypted",
        title: "RDS DB cluster storage is not encrypted",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["AVD-AWS-0079", "aws-rds-encrypt-cluster-storage-data", "CKV_AWS_96"],
        rationale: "An Aurora or Multi-AZ DB cluster that is not encrypted keeps its shared storage, backups and snapshots in clear. Encryption is fixed when the cluster is created; turning it on later means restoring a snapshot into a new encrypted cluster.",
        remediation: "Set `storage_encrypted = true` on the `aws_rds_cluster` (`StorageEncrypted: true` on `AWS::RDS::DBCluster`).",
        bad_example: "resource \"aws_rds_cluster\" \"catalog\" {\n  cluster_identifier = \"catalog\"\n  engine             = \"aurora-postgresql\"\n  master_username    = \"app\"\n  storage_encrypted  = false\n}\n",
        good_example: "resource \"aws_rds_cluster\" \"catalog\" {\n  cluster_identifier = \"catalog\"\n  engine             = \"aurora-postgresql\"\n  master_username    = \"app\"\n  storage_encrypted  = true\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Catalog:\n    Type: AWS::RDS::DBCluster\n    Properties:\n      Engine: aurora-postgresql\n      MasterUsername: app\n",
            good: "Resources:\n  Catalog:\n    Type: AWS::RDS::DBCluster\n    Properties:\n      Engine: aurora-postgresql\n      MasterUsername: app\n      StorageEncrypted: true\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for cluster in rds::clusters(deployment) {
        // Aurora Serverless v1 is always encrypted, whatever the setting says.
        if cluster.is_serverless_v1() {
            continue;
        }
        match cluster.storage_encrypted {
            Switch::Off(attr) => deployment.report(
                hits,
                cluster.resource,
                Some(attr),
                "the DB cluster stores its data unencrypted",
            ),
            Switch::Absent if !cluster.derived && cluster.kms_key.is_none() => deployment.report(
                hits,
                cluster.resource,
                None,
                "the DB cluster does not enable storage encryption",
            ),
            _ => {}
        }
    }
}
