use crate::cloud::aws::network::apigateway;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ088",
        name: "apigw-domain-outdated-tls",
        title: "API Gateway custom domain accepts TLS 1.0",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["AVD-AWS-0005", "aws-apigateway-use-secure-tls-policy", "CKV_AWS_206", "W62"],
        rationale: "The `TLS_1_0` security policy lets clients connect with TLS 1.0 and 1.1 and their weak cipher suites, which a downgrade can force. `TLS_1_2` keeps every connection to the API on a current protocol.",
        remediation: "Set `security_policy = \"TLS_1_2\"` (`SecurityPolicy: TLS_1_2`) on the domain name.",
        bad_example: "resource \"aws_api_gateway_domain_name\" \"api\" {\n  domain_name              = \"api.example.com\"\n  regional_certificate_arn = \"arn:aws:acm:eu-west-1:111122223333:certificate/3f1c7b2e-9d1a-4c55-8e0f-2b6a1d9c4e77\"\n  security_policy          = \"TLS_1_0\"\n\n  endpoint_configuration {\n    types = [\"REGIONAL\"]\n  }\n}\n",
        good_example: "resource \"aws_api_gateway_domain_name\" \"api\" {\n  domain_name              = \"api.example.com\"\n  regional_certificate_arn = \"arn:aws:acm:eu-west-1:111122223333:certificate/3f1c7b2e-9d1a-4c55-8e0f-2b6a1d9c4e77\"\n  security_policy          = \"TLS_1_2\"\n\n  endpoint_configuration {\n    types = [\"REGIONAL\"]\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Api:\n    Type: AWS::ApiGateway::DomainName\n    Properties:\n      DomainName: api.example.com\n      RegionalCertificateArn: arn:aws:acm:eu-west-1:111122223333:certificate/3f1c7b2e-9d1a-4c55-8e0f-2b6a1d9c4e77\n      EndpointConfiguration:\n        Types:\n          - REGIONAL\n",
            good: "Resources:\n  Api:\n    Type: AWS::ApiGateway::DomainName\n    Properties:\n      DomainName: api.example.com\n      RegionalCertificateArn: arn:aws:acm:eu-west-1:111122223333:certificate/3f1c7b2e-9d1a-4c55-8e0f-2b6a1d9c4e77\n      EndpointConfiguration:\n        Types:\n          - REGIONAL\n      SecurityPolicy: TLS_1_2\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for domain in apigateway::domain_names(deployment) {
        for policy in &domain.security_policies {
            if policy.as_str().is_some_and(|p| p.eq_ignore_ascii_case("TLS_1_0")) {
                deployment.report(
                    hits,
                    domain.resource,
                    Some(policy),
                    "the domain's security policy accepts TLS 1.0",
                );
            }
        }
        if domain.rest && domain.security_policies.is_empty() {
            deployment.report(
                hits,
                domain.resource,
                None,
                "no security policy is set; REST API domains have long defaulted to TLS_1_0",
            );
        }
    }
}
