use crate::cloud::aws::network::cloudfront;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ082",
        name: "cloudfront-no-default-root-object",
        title: "CloudFront distribution has no default root object",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["CKV_AWS_305"],
        rationale: "Without a default root object, a request for the bare domain is passed to the origin as is; for an S3 origin that can return a listing of the bucket's keys or an error that reveals the bucket's name.",
        remediation: "Set `default_root_object` (`DefaultRootObject`), for example to `index.html`.",
        bad_example: "resource \"aws_cloudfront_distribution\" \"site\" {\n  enabled = true\n\n  origin {\n    domain_name = \"acme-site.s3.eu-west-1.amazonaws.com\"\n    origin_id   = \"site\"\n  }\n\n  default_cache_behavior {\n    target_origin_id       = \"site\"\n    viewer_protocol_policy = \"redirect-to-https\"\n    allowed_methods        = [\"GET\", \"HEAD\"]\n    cached_methods         = [\"GET\", \"HEAD\"]\n  }\n\n  restrictions {\n    geo_restriction {\n      restriction_type = \"none\"\n    }\n  }\n\n  viewer_certificate {\n    cloudfront_default_certificate = true\n  }\n}\n",
        good_example: "resource \"aws_cloudfront_distribution\" \"site\" {\n  enabled = true\n  default_root_object = \"index.html\"\n\n  origin {\n    domain_name = \"acme-site.s3.eu-west-1.amazonaws.com\"\n    origin_id   = \"site\"\n  }\n\n  default_cache_behavior {\n    target_origin_id       = \"site\"\n    viewer_protocol_policy = \"redirect-to-https\"\n    allowed_methods        = [\"GET\", \"HEAD\"]\n    cached_methods         = [\"GET\", \"HEAD\"]\n  }\n\n  restrictions {\n    geo_restriction {\n      restriction_type = \"none\"\n    }\n  }\n\n  viewer_certificate {\n    cloudfront_default_certificate = true\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Site:\n    Type: AWS::CloudFront::Distribution\n    Properties:\n      DistributionConfig:\n        Enabled: true\n        Origins:\n          - Id: site\n            DomainName: acme-site.s3.eu-west-1.amazonaws.com\n            S3OriginConfig: {}\n        DefaultCacheBehavior:\n          TargetOriginId: site\n          ViewerProtocolPolicy: redirect-to-https\n        ViewerCertificate:\n          CloudFrontDefaultCertificate: true\n",
            good: "Resources:\n  Site:\n    Type: AWS::CloudFront::Distribution\n    Properties:\n      DistributionConfig:\n        Enabled: true\n        DefaultRootObject: index.html\n        Origins:\n          - Id: site\n            DomainName: acme-site.s3.eu-west-1.amazonaws.com\n            S3OriginConfig: {}\n        DefaultCacheBehavior:\n          TargetOriginId: site\n          ViewerProtocolPolicy: redirect-to-https\n        ViewerCertificate:\n          CloudFrontDefaultCertificate: true\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for distribution in cloudfront::distributions(deployment) {
        match distribution.default_root_object {
            Some(object) if object.as_str() == Some("") => deployment.report(
                hits,
                distribution.resource,
                Some(object),
                "the default root object is empty",
            ),
            None => deployment.report(hits, distribution.resource, None, "no default root object is set"),
            _ => {}
        }
    }
}
