use crate::cloud::aws::data::redshift;
use crate::cloud::aws::storage::switch::Switch;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ221",
        name: "redshift-cluster-unencrypted",
        title: "Redshift cluster is not encrypted at rest",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["AVD-AWS-0084", "aws-redshift-encryption-customer-key", "CKV_AWS_64"],
        rationale: "A data warehouse concentrates an organisation's data. Declaring encryption (ideally with a KMS key you manage) keeps the data blocks, system metadata and snapshots of the cluster encrypted, and documents the choice instead of relying on account defaults.",
        remediation: "Set `encrypted = true` (and `kms_key_id`) on the `aws_redshift_cluster` (`Encrypted: true` and `KmsKeyId` on `AWS::Redshift::Cluster`).",
        bad_example: "resource \"aws_redshift_cluster\" \"warehouse\" {\n  cluster_identifier = \"warehouse\"\n  node_type          = \"ra3.xlplus\"\n  master_username    = \"admin\"\n  encrypted          = false\n}\n",
        good_example: "resource \"aws_redshift_cluster\" \"warehouse\" {\n  cluster_identifier = \"warehouse\"\n  node_type          = \"ra3.xlplus\"\n  master_username    = \"admin\"\n  encrypted          = true\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Warehouse:\n    Type: AWS::Redshift::Cluster\n    Properties:\n      ClusterType: single-node\n      NodeType: ra3.xlplus\n      DBName: analytics\n      MasterUsername: admin\n",
            good: "Resources:\n  Warehouse:\n    Type: AWS::Redshift::Cluster\n    Properties:\n      ClusterType: single-node\n      NodeType: ra3.xlplus\n      DBName: analytics\n      MasterUsername: admin\n      Encrypted: true\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for cluster in redshift::clusters(deployment) {
        match cluster.encrypted {
            Switch::Off(attr) => {
                deployment.report(hits, cluster.resource, Some(attr), "the cluster is not encrypted at rest")
            }
            Switch::Absent if cluster.kms_key.is_none() => deployment.report(
                hits,
                cluster.resource,
                None,
                "the cluster does not declare encryption at rest",
            ),
            _ => {}
        }
    }
}
