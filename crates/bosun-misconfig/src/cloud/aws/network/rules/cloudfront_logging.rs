use crate::cloud::aws::network::cloudfront;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ081",
        name: "cloudfront-logging-disabled",
        title: "CloudFront distribution does not write access logs",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.audit-logging"],
        aliases: &["AVD-AWS-0010", "aws-cloudfront-enable-logging", "CKV_AWS_86", "W10"],
        rationale: "Access logs record every viewer request CloudFront handles. Without them there is no way to tell afterwards who fetched what, or to study an attack that went through the edge.",
        remediation: "Add a `logging_config { bucket = ... }` block (`Logging` with `Bucket`), or a CloudWatch log delivery for the distribution.",
        bad_example: "resource \"aws_cloudfront_distribution\" \"site\" {\n  enabled = true\n\n  origin {\n    domain_name = \"acme-site.s3.eu-west-1.amazonaws.com\"\n    origin_id   = \"site\"\n  }\n\n  default_cache_behavior {\n    target_origin_id       = \"site\"\n    viewer_protocol_policy = \"redirect-to-https\"\n    allowed_methods        = [\"GET\", \"HEAD\"]\n    cached_methods         = [\"GET\", \"HEAD\"]\n  }\n\n  restrictions {\n    geo_restriction {\n      restriction_type = \"none\"\n    }\n  }\n\n  viewer_certificate {\n    cloudfront_default_certificate = true\n  }\n}\n",
        good_example: "resource \"aws_cloudfront_distribution\" \"site\" {\n  enabled = true\n\n  logging_config {\n    bucket = \"acme-cdn-logs.s3.amazonaws.com\"\n  }\n\n  origin {\n    domain_name = \"acme-site.s3.eu-west-1.amazonaws.com\"\n    origin_id   = \"site\"\n  }\n\n  default_cache_behavior {\n    target_origin_id       = \"site\"\n    viewer_protocol_policy = \"redirect-to-https\"\n    allowed_methods        = [\"GET\", \"HEAD\"]\n    cached_methods         = [\"GET\", \"HEAD\"]\n  }\n\n  restrictions {\n    geo_restriction {\n      restriction_type = \"none\"\n    }\n  }\n\n  viewer_certificate {\n    cloudfront_default_certificate = true\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Site:\n    Type: AWS::CloudFront::Distribution\n    Properties:\n      DistributionConfig:\n        Enabled: true\n        Origins:\n          - Id: site\n            DomainName: acme-site.s3.eu-west-1.amazonaws.com\n            S3OriginConfig: {}\n        DefaultCacheBehavior:\n          TargetOriginId: site\n          ViewerProtocolPolicy: redirect-to-https\n        ViewerCertificate:\n          CloudFrontDefaultCertificate: true\n",
            good: "Resources:\n  Site:\n    Type: AWS::CloudFront::Distribution\n    Properties:\n      DistributionConfig:\n        Enabled: true\n        Logging:\n          Bucket: acme-cdn-logs.s3.amazonaws.com\n        Origins:\n          - Id: site\n            DomainName: acme-site.s3.eu-west-1.amazonaws.com\n            S3OriginConfig: {}\n        DefaultCacheBehavior:\n          TargetOriginId: site\n          ViewerProtocolPolicy: redirect-to-https\n        ViewerCertificate:\n          CloudFrontDefaultCertificate: true\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for distribution in cloudfront::distributions(deployment) {
        if distribution.logging.is_none() && !distribution.log_delivery {
            deployment.report(
                hits,
                distribution.resource,
                None,
                "no access logging is configured for the distribution",
            );
        }
    }
}
