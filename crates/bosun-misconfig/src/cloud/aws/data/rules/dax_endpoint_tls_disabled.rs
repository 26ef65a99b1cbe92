use crate::cloud::aws::data::dynamodb;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ216",
        name: "dax-endpoint-tls-disabled",
        title: "DAX cluster endpoint does not use TLS",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["CKV_AWS_239"],
        rationale: "Without TLS on the cluster endpoint, the items applications read and write through DAX cross the network in clear text, where anything on the path can read or alter them. The setting is fixed when the cluster is created.",
        remediation: "Set `cluster_endpoint_encryption_type = \"TLS\"` on the `aws_dax_cluster` (`ClusterEndpointEncryptionType: TLS` on `AWS::DAX::Cluster`).",
        bad_example: "resource \"aws_dax_cluster\" \"cache\" {\n  cluster_name       = \"cache\"\n  iam_role_arn       = \"arn:aws:iam::123456789012:role/dax\"\n  node_type          = \"dax.r5.large\"\n  replication_factor = 3\n}\n",
        good_example: "resource \"aws_dax_cluster\" \"cache\" {\n  cluster_name                     = \"cache\"\n  iam_role_arn                     = \"arn:aws:iam::123456789012:role/dax\"\n  node_type                        = \"dax.r5.large\"\n  replication_factor               = 3\n  cluster_endpoint_encryption_type = \"TLS\"\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Cache:\n    Type: AWS::DAX::Cluster\n    Properties:\n      IAMRoleARN: arn:aws:iam::123456789012:role/dax\n      NodeType: dax.r5.large\n      ReplicationFactor: 3\n      ClusterEndpointEncryptionType: NONE\n",
            good: "Resources:\n  Cache:\n    Type: AWS::DAX::Cluster\n    Properties:\n      IAMRoleARN: arn:aws:iam::123456789012:role/dax\n      NodeType: dax.r5.large\n      ReplicationFactor: 3\n      ClusterEndpointEncryptionType: TLS\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for cluster in dynamodb::dax_clusters(deployment) {
        match cluster.endpoint_encryption {
            None => deployment.report(
                hits,
                cluster.resource,
                None,
                "the DAX cluster endpoint accepts clear-text connections (endpoint encryption defaults to NONE)",
            ),
            Some(attr) if attr.as_str().is_some_and(|t| t.eq_ignore_ascii_case("NONE")) => deployment.report(
                hits,
                cluster.resource,
                Some(attr),
                "the DAX cluster endpoint accepts clear-text connections",
            ),
            _ => {}
        }
    }
}
