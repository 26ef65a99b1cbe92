//! KMS keys as checks see them: `aws_kms_key` (with `aws_kms_key_policy`) or
//! `AWS::KMS::Key`.

use super::switch::Switch;
use crate::cloud::{Attr, Deployment, Resource};

pub struct Key<'a> {
    pub resource: &'a Resource,
    /// Automatic yearly rotation (`enable_key_rotation`, `EnableKeyRotation`), off by default.
    pub rotation: Switch<'a>,
    /// `customer_master_key_spec` / `KeySpec`, `SYMMETRIC_DEFAULT` when absent.
    pub spec: Option<&'a Attr>,
    /// The key policies: the key's own and any `aws_kms_key_policy` for it.
    pub policies: Vec<&'a Attr>,
    /// The key's material comes from outside KMS (`Origin: EXTERNAL`): KMS cannot rotate it.
    pub external: bool,
}

impl Key<'_> {
    /// A symmetric encryption key, the only kind KMS rotates automatically.
    /// `None` when the spec is not known.
    pub fn is_symmetric(&self) -> Option<bool> {
        match self.spec {
            None => Some(true),
            Some(spec) if spec.is_null() => Some(true),
            Some(spec) => spec.as_str().map(|s| s.eq_ignore_ascii_case("SYMMETRIC_DEFAULT")),
        }
    }
}

pub fn keys(deployment: &Deployment) -> Vec<Key<'_>> {
    let terraform = deployment.of_kind("aws_kms_key").map(|r| {
        let mut policies: Vec<&Attr> = r.get("policy").filter(|p| !p.is_null()).into_iter().collect();
        policies.extend(
            deployment.attached("aws_kms_key_policy", "key_id", r, &[]).filter_map(|p| p.get("policy")),
        );
        Key {
            resource: r,
            rotation: Switch::of(r.get("enable_key_rotation")),
            spec: r.get("customer_master_key_spec"),
            policies,
            external: false,
        }
    });
    let cloudformation = deployment.of_kind("AWS::KMS::Key").map(|r| Key {
        resource: r,
        rotation: Switch::of(r.get("EnableKeyRotation")),
        spec: r.get("KeySpec"),
        policies: r.get("KeyPolicy").filter(|p| !p.is_null()).into_iter().collect(),
        external: r.get("Origin").and_then(Attr::as_str).is_some_and(|o| !o.eq_ignore_ascii_case("AWS_KMS")),
    });
    terraform.chain(cloudformation).collect()
}
