//! Cloud Storage buckets (`google_storage_bucket`) and the IAM grants made on them.

use super::iam::{self, Grant};
use crate::cloud::{Attr, Deployment, Resource};

pub struct Bucket<'a> {
    pub resource: &'a Resource,
    /// `uniform_bucket_level_access`: IAM only, no object ACLs. Off when absent.
    pub uniform_access: Option<&'a Attr>,
    /// `encryption.default_kms_key_name`: the customer-managed key.
    pub kms_key: Option<&'a Attr>,
    /// `versioning.enabled`.
    pub versioning: Option<&'a Attr>,
    /// The `logging` block (access logs to another bucket).
    pub logging: Option<&'a Attr>,
    /// `public_access_prevention` (`enforced` or `inherited`).
    pub public_access_prevention: Option<&'a Attr>,
    /// Another bucket of the deployment sends its access logs here.
    pub receives_logs: bool,
}

pub fn buckets(deployment: &Deployment) -> Vec<Bucket<'_>> {
    let log_targets: Vec<&Resource> = deployment
        .of_kind("google_storage_bucket")
        .filter_map(|bucket| bucket.path(&["logging", "log_bucket"]))
        .filter_map(|target| deployment.resolve(target, &["google_storage_bucket"], &["name"]))
        .collect();
    deployment
        .of_kind("google_storage_bucket")
        .map(|bucket| Bucket {
            receives_logs: log_targets.contains(&bucket),
            resource: bucket,
            uniform_access: bucket.get("uniform_bucket_level_access"),
            kms_key: bucket.path(&["encryption", "default_kms_key_name"]),
            versioning: bucket.path(&["versioning", "enabled"]),
            logging: bucket.get("logging").filter(|block| !block.items().is_empty()),
            public_access_prevention: bucket.get("public_access_prevention"),
        })
        .collect()
}

/// Grants on buckets (`google_storage_bucket_iam_member` and `_binding`).
pub fn bucket_grants(deployment: &Deployment) -> Vec<Grant<'_>> {
    iam::grants(deployment, &["google_storage_bucket_iam_member", "google_storage_bucket_iam_binding"])
}
