//! CloudFront distributions as checks see them, from `aws_cloudfront_distribution`
//! or `AWS::CloudFront::Distribution` (whose settings sit under `DistributionConfig`).

use crate::cloud::{Attr, Deployment, Resource};

pub struct Distribution<'a> {
    pub resource: &'a Resource,
    /// Every cache behavior's `viewer_protocol_policy` (default and ordered).
    pub viewer_protocol_policies: Vec<&'a Attr>,
    /// `viewer_certificate` / `ViewerCertificate`, when declared.
    pub viewer_certificate: Option<&'a Attr>,
    /// The distribution serves its own certificate (ACM or IAM), not CloudFront's.
    pub custom_certificate: bool,
    pub minimum_protocol_version: Option<&'a Attr>,
    /// `web_acl_id` / `WebACLId`.
    pub web_acl: Option<&'a Attr>,
    /// Standard logging: `logging_config` / `Logging`, or a CloudWatch log delivery
    /// source for the distribution.
    pub logging: Option<&'a Attr>,
    pub log_delivery: bool,
    pub default_root_object: Option<&'a Attr>,
    /// Every custom origin's `origin_protocol_policy` / `OriginProtocolPolicy`.
    pub origin_protocol_policies: Vec<&'a Attr>,
}

pub fn distributions(deployment: &Deployment) -> Vec<Distribution<'_>> {
    let terraform = deployment.of_kind("aws_cloudfront_distribution").map(|d| from_terraform(deployment, d));
    let cloudformation = deployment
        .of_kind("AWS::CloudFront::Distribution")
        .filter_map(|d| Some(from_cloudformation(deployment, d, d.get("DistributionConfig")?)));
    terraform.chain(cloudformation).collect()
}

/// A CloudWatch log delivery source (standard logging v2) reads the distribution.
fn has_log_delivery(deployment: &Deployment, distribution: &Resource) -> bool {
    let kinds = [distribution.kind.as_str()];
    deployment.of_kinds(&["aws_cloudwatch_log_delivery_source", "AWS::Logs::DeliverySource"]).any(|source| {
        let arn = source.get(if source.is_cloudformation() { "ResourceArn" } else { "resource_arn" });
        arn.is_some_and(|arn| arn.is_unknown() || deployment.resolve(arn, &kinds, &[]) == Some(distribution))
    })
}

fn from_terraform<'a>(deployment: &'a Deployment, d: &'a Resource) -> Distribution<'a> {
    let behaviors = d.blocks("default_cache_behavior").chain(d.blocks("ordered_cache_behavior"));
    let certificate = d.get("viewer_certificate");
    Distribution {
        resource: d,
        viewer_protocol_policies: behaviors.filter_map(|b| b.get("viewer_protocol_policy")).collect(),
        viewer_certificate: certificate,
        custom_certificate: certificate.is_some_and(|c| {
            ["acm_certificate_arn", "iam_certificate_id"].iter().any(|k| c.get(k).is_some_and(Attr::is_set))
        }),
        minimum_protocol_version: certificate.and_then(|c| c.get("minimum_protocol_version")),
        web_acl: d.get("web_acl_id"),
        logging: d.get("logging_config"),
        log_delivery: has_log_delivery(deployment, d),
        default_root_object: d.get("default_root_object"),
        origin_protocol_policies: d
            .blocks("origin")
            .filter_map(|o| o.path(&["custom_origin_config", "origin_protocol_policy"]))
            .collect(),
    }
}

fn from_cloudformation<'a>(
    deployment: &'a Deployment,
    d: &'a Resource,
    config: &'a Attr,
) -> Distribution<'a> {
    let behaviors = config.blocks("DefaultCacheBehavior").chain(config.blocks("CacheBehaviors"));
    let certificate = config.get("ViewerCertificate");
    Distribution {
        resource: d,
        viewer_protocol_policies: behaviors.filter_map(|b| b.get("ViewerProtocolPolicy")).collect(),
        viewer_certificate: certificate,
        custom_certificate: certificate.is_some_and(|c| {
            ["AcmCertificateArn", "IamCertificateId"].iter().any(|k| c.get(k).is_some_and(Attr::is_set))
        }),
        minimum_protocol_version: certificate.and_then(|c| c.get("MinimumProtocolVersion")),
        web_acl: config.get("WebACLId"),
        logging: config.get("Logging"),
        log_delivery: has_log_delivery(deployment, d),
        default_root_object: config.get("DefaultRootObject"),
        origin_protocol_policies: config
            .blocks("Origins")
            .filter_map(|o| o.path(&["CustomOriginConfig", "OriginProtocolPolicy"]))
            .collect(),
    }
}

/// The viewer TLS policies at least as strict as `TLSv1.2_2021`.
pub fn is_current_tls_policy(version: &str) -> bool {
    matches!(version, "TLSv1.2_2021" | "TLSv1.2_2025" | "TLSv1.3_2025")
}
