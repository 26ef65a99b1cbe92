use crate::cloud::aws::data::opensearch;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ229",
        name: "opensearch-outdated-tls-policy",
        title: "OpenSearch domain allows TLS versions older than 1.2",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["AVD-AWS-0126", "aws-elastic-search-use-secure-tls-policy", "CKV_AWS_228"],
        rationale: "The `Policy-Min-TLS-1-0-2019-07` policy lets clients negotiate TLS 1.0 and 1.1, which have known weaknesses and are no longer accepted by most compliance baselines.",
        remediation: "Set `tls_security_policy` to `Policy-Min-TLS-1-2-2019-07` or a newer policy in `domain_endpoint_options` (`DomainEndpointOptions.TLSSecurityPolicy` in CloudFormation).",
        bad_example: "resource \"aws_opensearch_domain\" \"search\" {\n  domain_name    = \"search\"\n  engine_version = \"OpenSearch_2.11\"\n  domain_endpoint_options {\n    enforce_https       = true\n    tls_security_policy = \"Policy-Min-TLS-1-0-2019-07\"\n  }\n}\n",
        good_example: "resource \"aws_opensearch_domain\" \"search\" {\n  domain_name    = \"search\"\n  engine_version = \"OpenSearch_2.11\"\n  domain_endpoint_options {\n    enforce_https       = true\n    tls_security_policy = \"Policy-Min-TLS-1-2-PFS-2023-10\"\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Search:\n    Type: AWS::OpenSearchService::Domain\n    Properties:\n      EngineVersion: OpenSearch_2.11\n      DomainEndpointOptions:\n        EnforceHTTPS: true\n        TLSSecurityPolicy: Policy-Min-TLS-1-0-2019-07\n",
            good: "Resources:\n  Search:\n    Type: AWS::OpenSearchService::Domain\n    Properties:\n      EngineVersion: OpenSearch_2.11\n      DomainEndpointOptions:\n        EnforceHTTPS: true\n        TLSSecurityPolicy: Policy-Min-TLS-1-2-2019-07\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for domain in opensearch::domains(deployment) {
        if let Some(policy) = domain.allows_old_tls() {
            deployment.report(
                hits,
                domain.resource,
                Some(policy),
                "the domain's TLS policy accepts TLS 1.0 and 1.1",
            );
        }
    }
}
