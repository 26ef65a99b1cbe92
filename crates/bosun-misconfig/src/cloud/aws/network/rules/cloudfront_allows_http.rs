use crate::cloud::aws::network::cloudfront;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ078",
        name: "cloudfront-allows-http",
        title: "CloudFront distribution serves viewers over plain HTTP",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["AVD-AWS-0012", "aws-cloudfront-enforce-https", "CKV_AWS_34"],
        rationale: "With `allow-all`, viewers who arrive over HTTP are served over HTTP: content, cookies and tokens cross the network unencrypted and can be altered on the way.",
        remediation: "Set `viewer_protocol_policy` (`ViewerProtocolPolicy`) to `redirect-to-https` or `https-only` in every cache behavior.",
        bad_example: "resource \"aws_cloudfront_distribution\" \"site\" {\n  enabled = true\n\n  origin {\n    domain_name = \"acme-site.s3.eu-west-1.amazonaws.com\"\n    origin_id   = \"site\"\n  }\n\n  default_cache_behavior {\n    target_origin_id       = \"site\"\n    viewer_protocol_policy = \"allow-all\"\n    allowed_methods        = [\"GET\", \"HEAD\"]\n    cached_methods         = [\"GET\", \"HEAD\"]\n  }\n\n  restrictions {\n    geo_restriction {\n      restriction_type = \"none\"\n    }\n  }\n\n  viewer_certificate {\n    cloudfront_default_certificate = true\n  }\n}\n",
        good_example: "resource \"aws_cloudfront_distribution\" \"site\" {\n  enabled = true\n\n  origin {\n    domain_name = \"acme-site.s3.eu-west-1.amazonaws.com\"\n    origin_id   = \"site\"\n  }\n\n  default_cache_behavior {\n    target_origin_id       = \"site\"\n    viewer_protocol_policy = \"redirect-to-https\"\n    allowed_methods        = [\"GET\", \"HEAD\"]\n    cached_methods         = [\"GET\", \"HEAD\"]\n  }\n\n  restrictions {\n    geo_restriction {\n      restriction_type = \"none\"\n    }\n  }\n\n  viewer_certificate {\n    cloudfront_default_certificate = true\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Site:\n    Type: AWS::CloudFront::Distribution\n    Properties:\n      DistributionConfig:\n        Enabled: true\n        Origins:\n          - Id: site\n            DomainName: acme-site.s3.eu-west-1.amazonaws.com\n            S3OriginConfig: {}\n        DefaultCacheBehavior:\n          TargetOriginId: site\n          ViewerProtocolPolicy: allow-all\n        ViewerCertificate:\n          CloudFrontDefaultCertificate: true\n",
            good: "Resources:\n  Site:\n    Type: AWS::CloudFront::Distribution\n    Properties:\n      DistributionConfig:\n        Enabled: true\n        Origins:\n          - Id: site\n            DomainName: acme-site.s3.eu-west-1.amazonaws.com\n            S3OriginConfig: {}\n        DefaultCacheBehavior:\n          TargetOriginId: site\n          ViewerProtocolPolicy: redirect-to-https\n        ViewerCertificate:\n          CloudFrontDefaultCertificate: true\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for distribution in cloudfront::distributions(deployment) {
        for policy in &distribution.viewer_protocol_policies {
            if policy.as_str() == Some("allow-all") {
                deployment.report(
                    hits,
                    distribution.resource,
                    Some(policy),
                    "a cache behavior serves viewers over plain HTTP",
                );
            }
        }
    }
}
