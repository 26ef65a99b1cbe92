use crate::cloud::aws::network::cloudfront;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ080",
        name: "cloudfront-no-waf",
        title: "CloudFront distribution has no WAF web ACL",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["AVD-AWS-0011", "aws-cloudfront-enable-waf", "CKV_AWS_68"],
        rationale: "A distribution is the public front door of what it serves. A web ACL there filters exploit payloads, bad bots and floods at the edge, before they reach origins that were never built to absorb them.",
        remediation: "Set `web_acl_id` (`WebACLId`) to the ARN of a global (CLOUDFRONT scope) WAFv2 web ACL.",
        bad_example: "resource \"aws_cloudfront_distribution\" \"site\" {\n  enabled = true\n\n  origin {\n    domain_name = \"acme-site.s3.eu-west-1.amazonaws.com\"\n    origin_id   = \"site\"\n  }\n\n  default_cache_behavior {\n    target_origin_id       = \"site\"\n    viewer_protocol_policy = \"redirect-to-https\"\n    allowed_methods        = [\"GET\", \"HEAD\"]\n    cached_methods         = [\"GET\", \"HEAD\"]\n  }\n\n  restrictions {\n    geo_restriction {\n      restriction_type = \"none\"\n    }\n  }\n\n  viewer_certificate {\n    cloudfront_default_certificate = true\n  }\n}\n",
        good_example: "resource \"aws_cloudfront_distribution\" \"site\" {\n  enabled = true\n  web_acl_id = \"arn:aws:wafv2:us-east-1:111122223333:global/webacl/site/a1b2c3d4\"\n\n  origin {\n    domain_name = \"acme-site.s3.eu-west-1.amazonaws.com\"\n    origin_id   = \"site\"\n  }\n\n  default_cache_behavior {\n    target_origin_id       = \"site\"\n    viewer_protocol_policy = \"redirect-to-https\"\n    allowed_methods        = [\"GET\", \"HEAD\"]\n    cached_methods         = [\"GET\", \"HEAD\"]\n  }\n\n  restrictions {\n    geo_restriction {\n      restriction_type = \"none\"\n    }\n  }\n\n  viewer_certificate {\n    cloudfront_default_certificate = true\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Site:\n    Type: AWS::CloudFront::Distribution\n    Properties:\n      DistributionConfig:\n        Enabled: true\n        Origins:\n          - Id: site\n            DomainName: acme-site.s3.eu-west-1.amazonaws.com\n            S3OriginConfig: {}\n        DefaultCacheBehavior:\n          TargetOriginId: site\n          ViewerProtocolPolicy: redirect-to-https\n        ViewerCertificate:\n          CloudFrontDefaultCertificate: true\n",
            good: "Resources:\n  Site:\n    Type: AWS::CloudFront::Distribution\n    Properties:\n      DistributionConfig:\n        Enabled: true\n        WebACLId: arn:aws:wafv2:us-east-1:111122223333:global/webacl/site/a1b2c3d4\n        Origins:\n          - Id: site\n            DomainName: acme-site.s3.eu-west-1.amazonaws.com\n            S3OriginConfig: {}\n        DefaultCacheBehavior:\n          TargetOriginId: site\n          ViewerProtocolPolicy: redirect-to-https\n        ViewerCertificate:\n          CloudFrontDefaultCertificate: true\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for distribution in cloudfront::distributions(deployment) {
        match distribution.web_acl {
            Some(acl) if acl.as_str() == Some("") => {
                deployment.report(hits, distribution.resource, Some(acl), "the web ACL id is empty")
            }
            None => deployment.report(
                hits,
                distribution.resource,
                None,
                "no WAF web ACL protects the distribution",
            ),
            _ => {}
        }
    }
}
