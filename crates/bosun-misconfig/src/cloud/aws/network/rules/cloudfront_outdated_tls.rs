use crate::cloud::aws::network::cloudfront;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ079",
        name: "cloudfront-outdated-tls",
        title: "CloudFront distribution accepts viewer TLS older than the TLSv1.2_2021 policy",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["AVD-AWS-0013", "aws-cloudfront-use-secure-tls-policy", "CKV_AWS_174", "W70"],
        rationale: "The viewer security policy decides the oldest TLS version and the ciphers CloudFront negotiates with browsers. Policies older than TLSv1.2_2021 still allow TLS 1.0/1.1 or weak CBC ciphers, which a downgrade can force clients onto.",
        remediation: "Set `minimum_protocol_version = \"TLSv1.2_2021\"` (`MinimumProtocolVersion`) in `viewer_certificate`.",
        bad_example: "resource \"aws_cloudfront_distribution\" \"site\" {\n  enabled = true\n\n  origin {\n    domain_name = \"acme-site.s3.eu-west-1.amazonaws.com\"\n    origin_id   = \"site\"\n  }\n\n  default_cache_behavior {\n    target_origin_id       = \"site\"\n    viewer_protocol_policy = \"redirect-to-https\"\n    allowed_methods        = [\"GET\", \"HEAD\"]\n    cached_methods         = [\"GET\", \"HEAD\"]\n  }\n\n  restrictions {\n    geo_restriction {\n      restriction_type = \"none\"\n    }\n  }\n\n  viewer_certificate {\n    acm_certificate_arn      = \"arn:aws:acm:us-east-1:111122223333:certificate/3f1c7b2e-9d1a-4c55-8e0f-2b6a1d9c4e77\"\n    ssl_support_method       = \"sni-only\"\n    minimum_protocol_version = \"TLSv1\"\n  }\n}\n",
        good_example: "resource \"aws_cloudfront_distribution\" \"site\" {\n  enabled = true\n\n  origin {\n    domain_name = \"acme-site.s3.eu-west-1.amazonaws.com\"\n    origin_id   = \"site\"\n  }\n\n  default_cache_behavior {\n    target_origin_id       = \"site\"\n    viewer_protocol_policy = \"redirect-to-https\"\n    allowed_methods        = [\"GET\", \"HEAD\"]\n    cached_methods         = [\"GET\", \"HEAD\"]\n  }\n\n  restrictions {\n    geo_restriction {\n      restriction_type = \"none\"\n    }\n  }\n\n  viewer_certificate {\n    acm_certificate_arn      = \"arn:aws:acm:us-east-1:111122223333:certificate/3f1c7b2e-9d1a-4c55-8e0f-2b6a1d9c4e77\"\n    ssl_support_method       = \"sni-only\"\n    minimum_protocol_version = \"TLSv1.2_2021\"\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Site:\n    Type: AWS::CloudFront::Distribution\n    Properties:\n      DistributionConfig:\n        Enabled: true\n        Origins:\n          - Id: site\n            DomainName: acme-site.s3.eu-west-1.amazonaws.com\n            S3OriginConfig: {}\n        DefaultCacheBehavior:\n          TargetOriginId: site\n          ViewerProtocolPolicy: redirect-to-https\n        ViewerCertificate:\n          AcmCertificateArn: arn:aws:acm:us-east-1:111122223333:certificate/3f1c7b2e-9d1a-4c55-8e0f-2b6a1d9c4e77\n          SslSupportMethod: sni-only\n          MinimumProtocolVersion: TLSv1.1_2016\n",
            good: "Resources:\n  Site:\n    Type: AWS::CloudFront::Distribution\n    Properties:\n      DistributionConfig:\n        Enabled: true\n        Origins:\n          - Id: site\n            DomainName: acme-site.s3.eu-west-1.amazonaws.com\n            S3OriginConfig: {}\n        DefaultCacheBehavior:\n          TargetOriginId: site\n          ViewerProtocolPolicy: redirect-to-https\n        ViewerCertificate:\n          AcmCertificateArn: arn:aws:acm:us-east-1:111122223333:certificate/3f1c7b2e-9d1a-4c55-8e0f-2b6a1d9c4e77\n          SslSupportMethod: sni-only\n          MinimumProtocolVersion: TLSv1.2_2021\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for distribution in cloudfront::distributions(deployment) {
        // With CloudFront's own certificate the policy cannot be chosen.
        if !distribution.custom_certificate {
            continue;
        }
        match distribution.minimum_protocol_version {
            Some(version) => {
                let Some(name) = version.as_str() else { continue };
                if !cloudfront::is_current_tls_policy(name) {
                    let message = format!("viewer security policy {name} is older than TLSv1.2_2021");
                    deployment.report(hits, distribution.resource, Some(version), message);
                }
            }
            None => deployment.report(
                hits,
                distribution.resource,
                distribution.viewer_certificate,
                "no minimum protocol version is set, so the TLSv1 policy applies",
            ),
        }
    }
}
