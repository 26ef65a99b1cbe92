use crate::cloud::aws::data::opensearch;
use crate::cloud::aws::storage::switch::Switch;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ228",
        name: "opensearch-https-not-enforced",
        title: "OpenSearch domain accepts plain HTTP requests",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["AVD-AWS-0046", "aws-elastic-search-enforce-https", "CKV_AWS_83"],
        rationale: "When HTTPS is not enforced, clients may send requests, credentials and signed headers to the domain endpoint over plain HTTP, where they can be read or tampered with on the way.",
        remediation: "Set `domain_endpoint_options { enforce_https = true }` on the domain (`DomainEndpointOptions.EnforceHTTPS: true` in CloudFormation).",
        bad_example: "resource \"aws_opensearch_domain\" \"search\" {\n  domain_name    = \"search\"\n  engine_version = \"OpenSearch_2.11\"\n  domain_endpoint_options {\n    enforce_https = false\n  }\n}\n",
        good_example: "resource \"aws_opensearch_domain\" \"search\" {\n  domain_name    = \"search\"\n  engine_version = \"OpenSearch_2.11\"\n  domain_endpoint_options {\n    enforce_https       = true\n    tls_security_policy = \"Policy-Min-TLS-1-2-2019-07\"\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Search:\n    Type: AWS::OpenSearchService::Domain\n    Properties:\n      EngineVersion: OpenSearch_2.11\n",
            good: "Resources:\n  Search:\n    Type: AWS::OpenSearchService::Domain\n    Properties:\n      EngineVersion: OpenSearch_2.11\n      DomainEndpointOptions:\n        EnforceHTTPS: true\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for domain in opensearch::domains(deployment) {
        match domain.enforce_https {
            Switch::Off(attr) => {
                deployment.report(hits, domain.resource, Some(attr), "the domain does not enforce HTTPS")
            }
            Switch::Absent if !domain.https_enforced_by_default => deployment.report(
                hits,
                domain.resource,
                None,
                "the domain does not enforce HTTPS (EnforceHTTPS defaults to false)",
            ),
            _ => {}
        }
    }
}
