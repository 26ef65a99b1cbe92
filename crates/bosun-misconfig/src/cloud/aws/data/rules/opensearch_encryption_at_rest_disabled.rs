use crate::cloud::aws::data::checks::require_on;
use crate::cloud::aws::data::opensearch;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ226",
        name: "opensearch-encryption-at-rest-disabled",
        title: "OpenSearch domain is not encrypted at rest",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["AVD-AWS-0048", "aws-elastic-search-enable-domain-encryption", "CKV_AWS_5", "W54"],
        rationale: "Search indexes hold copies of the documents they index, often logs or customer records. Encryption at rest protects the indexes, swap, logs and automated snapshots of the domain; on older domains it could only be chosen at creation.",
        remediation: "Add `encrypt_at_rest { enabled = true }` to the `aws_opensearch_domain` or `aws_elasticsearch_domain` (`EncryptionAtRestOptions.Enabled: true` in CloudFormation).",
        bad_example: "resource \"aws_opensearch_domain\" \"search\" {\n  domain_name    = \"search\"\n  engine_version = \"OpenSearch_2.11\"\n  encrypt_at_rest {\n    enabled = false\n  }\n}\n",
        good_example: "resource \"aws_opensearch_domain\" \"search\" {\n  domain_name    = \"search\"\n  engine_version = \"OpenSearch_2.11\"\n  encrypt_at_rest {\n    enabled = true\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Search:\n    Type: AWS::Elasticsearch::Domain\n    Properties:\n      ElasticsearchVersion: \"7.10\"\n",
            good: "Resources:\n  Search:\n    Type: AWS::Elasticsearch::Domain\n    Properties:\n      ElasticsearchVersion: \"7.10\"\n      EncryptionAtRestOptions:\n        Enabled: true\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for domain in opensearch::domains(deployment) {
        require_on(
            deployment,
            hits,
            domain.resource,
            domain.encrypt_at_rest,
            "encryption at rest is turned off on the domain",
            "the domain does not enable encryption at rest",
        );
    }
}
