use crate::cloud::aws::data::documentdb;
use crate::cloud::aws::storage::switch::Switch;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ238",
        name: "docdb-storage-unencrypted",
        title: "DocumentDB cluster storage is not encrypted",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["AVD-AWS-0021", "aws-documentdb-enable-storage-encryption", "CKV_AWS_74"],
        rationale: "Without storage encryption, the cluster's volume, its backups and snapshots hold the documents in clear. Encryption is decided when the cluster is created and cannot be added later without migrating the data.",
        remediation: "Set `storage_encrypted = true` on the `aws_docdb_cluster` (`StorageEncrypted: true` on `AWS::DocDB::DBCluster`).",
        bad_example: "resource \"aws_docdb_cluster\" \"profiles\" {\n  cluster_identifier = \"profiles\"\n  engine             = \"docdb\"\n  master_username    = \"app\"\n}\n",
        good_example: "resource \"aws_docdb_cluster\" \"profiles\" {\n  cluster_identifier = \"profiles\"\n  engine             = \"docdb\"\n  master_username    = \"app\"\n  storage_encrypted  = true\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Profiles:\n    Type: AWS::DocDB::DBCluster\n    Properties:\n      MasterUsername: app\n      StorageEncrypted: false\n",
            good: "Resources:\n  Profiles:\n    Type: AWS::DocDB::DBCluster\n    Properties:\n      MasterUsername: app\n      StorageEncrypted: true\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for cluster in documentdb::clusters(deployment) {
        match cluster.storage_encrypted {
            Switch::Off(attr) => deployment.report(
                hits,
                cluster.resource,
                Some(attr),
                "the DocumentDB cluster stores its data unencrypted",
            ),
            Switch::Absent if !cluster.derived && cluster.kms_key.is_none() => deployment.report(
                hits,
                cluster.resource,
                None,
                "the DocumentDB cluster does not enable storage encryption",
            ),
            _ => {}
        }
    }
}
