use crate::cloud::aws::data::neptune;
use crate::cloud::aws::storage::switch::Switch;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ242",
        name: "neptune-storage-unencrypted",
        title: "Neptune cluster storage is not encrypted",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["AVD-AWS-0076", "aws-neptune-enable-storage-encryption", "CKV_AWS_44"],
        rationale: "An unencrypted Neptune cluster keeps its graph, backups and snapshots in clear. Encryption is only chosen at creation; fixing it later means restoring into a new encrypted cluster.",
        remediation: "Set `storage_encrypted = true` on the `aws_neptune_cluster` (`StorageEncrypted: true` on `AWS::Neptune::DBCluster`).",
        bad_example: "resource \"aws_neptune_cluster\" \"graph\" {\n  cluster_identifier = \"graph\"\n  engine             = \"neptune\"\n  storage_encrypted  = false\n}\n",
        good_example: "resource \"aws_neptune_cluster\" \"graph\" {\n  cluster_identifier = \"graph\"\n  engine             = \"neptune\"\n  storage_encrypted  = true\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Graph:\n    Type: AWS::Neptune::DBCluster\n    Properties:\n      DBClusterIdentifier: graph\n",
            good: "Resources:\n  Graph:\n    Type: AWS::Neptune::DBCluster\n    Properties:\n      DBClusterIdentifier: graph\n      StorageEncrypted: true\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for cluster in neptune::clusters(deployment) {
        match cluster.storage_encrypted {
            Switch::Off(attr) => deployment.report(
                hits,
                cluster.resource,
                Some(attr),
                "the Neptune cluster stores its data unencrypted",
            ),
            Switch::Absent if !cluster.derived && cluster.kms_key.is_none() => deployment.report(
                hits,
                cluster.resource,
                None,
                "the Neptune cluster does not enable storage encryption",
            ),
            _ => {}
        }
    }
}
