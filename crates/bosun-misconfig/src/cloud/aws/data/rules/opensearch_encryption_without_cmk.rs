use crate::cloud::aws::data::opensearch;
use crate::cloud::aws::storage::switch::{names_customer_key, Switch};
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ233",
        name: "opensearch-encryption-without-cmk",
        title: "OpenSearch domain is not encrypted with a customer managed key",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["CKV_AWS_247"],
        rationale: "Without a KMS key of its own, an encrypted domain uses the AWS managed `aws/es` key, whose policy cannot be narrowed and whose use cannot be revoked for this domain alone.",
        remediation: "Set `kms_key_id` in the domain's `encrypt_at_rest` block to a customer managed key (`EncryptionAtRestOptions.KmsKeyId` in CloudFormation).",
        bad_example: "resource \"aws_opensearch_domain\" \"search\" {\n  domain_name    = \"search\"\n  engine_version = \"OpenSearch_2.11\"\n  encrypt_at_rest {\n    enabled = true\n  }\n}\n",
        good_example: "resource \"aws_opensearch_domain\" \"search\" {\n  domain_name    = \"search\"\n  engine_version = \"OpenSearch_2.11\"\n  encrypt_at_rest {\n    enabled    = true\n    kms_key_id = \"arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab\"\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Search:\n    Type: AWS::OpenSearchService::Domain\n    Properties:\n      EngineVersion: OpenSearch_2.11\n      EncryptionAtRestOptions:\n        Enabled: true\n",
            good: "Resources:\n  Search:\n    Type: AWS::OpenSearchService::Domain\n    Properties:\n      EngineVersion: OpenSearch_2.11\n      EncryptionAtRestOptions:\n        Enabled: true\n        KmsKeyId: arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for domain in opensearch::domains(deployment) {
        if let Switch::On(attr) = domain.encrypt_at_rest {
            if !names_customer_key(domain.kms_key) {
                deployment.report(
                    hits,
                    domain.resource,
                    domain.kms_key.or(Some(attr)),
                    "the domain is encrypted with the AWS managed aws/es key, not a customer managed key",
                );
            }
        }
    }
}
