use crate::cloud::aws::data::checks::require_on;
use crate::cloud::aws::data::dynamodb;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ215",
        name: "dax-cluster-unencrypted",
        title: "DAX cluster is not encrypted at rest",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["AVD-AWS-0023", "aws-dynamodb-enable-at-rest-encryption", "CKV_AWS_47", "W83"],
        rationale: "A DAX cluster caches items read from DynamoDB tables, so it holds the same data they do. Unlike the tables, DAX does not encrypt its nodes' storage unless asked when the cluster is created; it cannot be turned on afterwards.",
        remediation: "Add `server_side_encryption { enabled = true }` to the `aws_dax_cluster` (`SSESpecification.SSEEnabled: true` on `AWS::DAX::Cluster`).",
        bad_example: "resource \"aws_dax_cluster\" \"cache\" {\n  cluster_name       = \"cache\"\n  iam_role_arn       = \"arn:aws:iam::123456789012:role/dax\"\n  node_type          = \"dax.r5.large\"\n  replication_factor = 3\n}\n",
        good_example: "resource \"aws_dax_cluster\" \"cache\" {\n  cluster_name       = \"cache\"\n  iam_role_arn       = \"arn:aws:iam::123456789012:role/dax\"\n  node_type          = \"dax.r5.large\"\n  replication_factor = 3\n  server_side_encryption {\n    enabled = true\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Cache:\n    Type: AWS::DAX::Cluster\n    Properties:\n      IAMRoleARN: arn:aws:iam::123456789012:role/dax\n      NodeType: dax.r5.large\n      ReplicationFactor: 3\n      SSESpecification:\n        SSEEnabled: false\n",
            good: "Resources:\n  Cache:\n    Type: AWS::DAX::Cluster\n    Properties:\n      IAMRoleARN: arn:aws:iam::123456789012:role/dax\n      NodeType: dax.r5.large\n      ReplicationFactor: 3\n      SSESpecification:\n        SSEEnabled: true\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for cluster in dynamodb::dax_clusters(deployment) {
        require_on(
            deployment,
            hits,
            cluster.resource,
            cluster.encrypted,
            "encryption at rest is turned off on the DAX cluster",
            "the DAX cluster does not enable encryption at rest",
        );
    }
}
