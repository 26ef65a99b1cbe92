//! Cloud KMS crypto keys (`google_kms_crypto_key`) and the IAM grants on keys and key rings.

use super::iam::{self, Grant};
use crate::cloud::{Attr, Deployment, Resource};

pub struct CryptoKey<'a> {
    pub resource: &'a Resource,
    /// `rotation_period`, a duration in seconds such as `"7776000s"`. No rotation when absent.
    pub rotation_period: Option<&'a Attr>,
    /// `purpose`: `ENCRYPT_DECRYPT` (the default) or an asymmetric or MAC purpose.
    pub purpose: Option<&'a Attr>,
}

impl CryptoKey<'_> {
    /// Google rotates only symmetric encryption keys automatically.
    pub fn supports_rotation(&self) -> bool {
        match self.purpose {
            None => true,
            Some(purpose) => purpose.as_str().is_some_and(|p| p.eq_ignore_ascii_case("ENCRYPT_DECRYPT")),
        }
    }
}

pub fn crypto_keys(deployment: &Deployment) -> Vec<CryptoKey<'_>> {
    deployment
        .of_kind("google_kms_crypto_key")
        .map(|key| CryptoKey {
            resource: key,
            rotation_period: key.get("rotation_period"),
            purpose: key.get("purpose"),
        })
        .collect()
}

/// A duration as Google's APIs write it (`"7776000s"`, `"7776000.5s"`), in seconds.
pub fn duration_seconds(attr: &Attr) -> Option<f64> {
    let text = attr.as_str()?.trim();
    text.strip_suffix('s').unwrap_or(text).trim().parse().ok()
}

/// Grants on crypto keys and key rings.
pub fn key_grants(deployment: &Deployment) -> Vec<Grant<'_>> {
    iam::grants(
        deployment,
        &[
            "google_kms_crypto_key_iam_member",
            "google_kms_crypto_key_iam_binding",
            "google_kms_key_ring_iam_member",
            "google_kms_key_ring_iam_binding",
        ],
    )
}
