use crate::cloud::aws::network::cloudfront;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ083",
        name: "cloudfront-origin-http-only",
        title: "CloudFront distribution reaches a custom origin over plain HTTP",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["CKV2_AWS_72"],
        rationale: "Even when viewers use HTTPS, an `http-only` origin policy sends every request and response between CloudFront and the origin unencrypted across the internet, where it can be read or changed.",
        remediation: "Set `origin_protocol_policy = \"https-only\"` (`OriginProtocolPolicy: https-only`) in the custom origin config.",
        bad_example: "resource \"aws_cloudfront_distribution\" \"api\" {\n  enabled             = true\n  default_root_object = \"index.html\"\n\n  origin {\n    domain_name = \"api.example.com\"\n    origin_id   = \"api\"\n\n    custom_origin_config {\n      http_port              = 80\n      https_port             = 443\n      origin_protocol_policy = \"http-only\"\n      origin_ssl_protocols   = [\"TLSv1.2\"]\n    }\n  }\n}\n",
        good_example: "resource \"aws_cloudfront_distribution\" \"api\" {\n  enabled             = true\n  default_root_object = \"index.html\"\n\n  origin {\n    domain_name = \"api.example.com\"\n    origin_id   = \"api\"\n\n    custom_origin_config {\n      http_port              = 80\n      https_port             = 443\n      origin_protocol_policy = \"https-only\"\n      origin_ssl_protocols   = [\"TLSv1.2\"]\n    }\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Api:\n    Type: AWS::CloudFront::Distribution\n    Properties:\n      DistributionConfig:\n        Enabled: true\n        Origins:\n          - Id: api\n            DomainName: api.example.com\n            CustomOriginConfig:\n              OriginProtocolPolicy: http-only\n",
            good: "Resources:\n  Api:\n    Type: AWS::CloudFront::Distribution\n    Properties:\n      DistributionConfig:\n        Enabled: true\n        Origins:\n          - Id: api\n            DomainName: api.example.com\n            CustomOriginConfig:\n              OriginProtocolPolicy: https-only\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for distribution in cloudfront::distributions(deployment) {
        for policy in &distribution.origin_protocol_policies {
            if policy.as_str() == Some("http-only") {
                deployment.report(
                    hits,
                    distribution.resource,
                    Some(policy),
                    "a custom origin is reached over plain HTTP",
                );
            }
        }
    }
}
