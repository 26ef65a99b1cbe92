use crate::cloud::aws::data::checks::require_on;
use crate::cloud::aws::data::opensearch;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ227",
        name: "opensearch-node-to-node-encryption-disabled",
        title: "OpenSearch domain does not encrypt traffic between its nodes",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["AVD-AWS-0043", "aws-elastic-search-enable-in-transit-encryption", "CKV_AWS_6", "W85"],
        rationale: "Nodes of a domain exchange shards, queries and results over the VPC network. Without node-to-node encryption that traffic is in clear, and fine-grained access control cannot be enabled.",
        remediation: "Add `node_to_node_encryption { enabled = true }` to the domain (`NodeToNodeEncryptionOptions.Enabled: true` in CloudFormation).",
        bad_example: "resource \"aws_opensearch_domain\" \"search\" {\n  domain_name    = \"search\"\n  engine_version = \"OpenSearch_2.11\"\n}\n",
        good_example: "resource \"aws_opensearch_domain\" \"search\" {\n  domain_name    = \"search\"\n  engine_version = \"OpenSearch_2.11\"\n  node_to_node_encryption {\n    enabled = true\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Search:\n    Type: AWS::OpenSearchService::Domain\n    Properties:\n      EngineVersion: OpenSearch_2.11\n      NodeToNodeEncryptionOptions:\n        Enabled: false\n",
            good: "Resources:\n  Search:\n    Type: AWS::OpenSearchService::Domain\n    Properties:\n      EngineVersion: OpenSearch_2.11\n      NodeToNodeEncryptionOptions:\n        Enabled: true\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for domain in opensearch::domains(deployment) {
        require_on(
            deployment,
            hits,
            domain.resource,
            domain.node_to_node_encryption,
            "node-to-node encryption is turned off on the domain",
            "the domain does not enable node-to-node encryption",
        );
    }
}
