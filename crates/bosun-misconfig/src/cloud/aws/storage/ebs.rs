//! EBS as checks see it: volumes (`aws_ebs_volume`, `AWS::EC2::Volume`), snapshot
//! copies (`aws_ebs_snapshot_copy`) and the account's default encryption
//! (`aws_ebs_encryption_by_default`, `aws_ebs_default_kms_key`), which CloudFormation
//! cannot declare.

use super::switch::Switch;
use crate::cloud::{Attr, Deployment, Resource};

pub struct Volume<'a> {
    pub resource: &'a Resource,
    pub encrypted: Switch<'a>,
    pub kms_key: Option<&'a Attr>,
    /// The snapshot it is restored from: an encrypted snapshot gives an encrypted volume.
    pub snapshot: Option<&'a Attr>,
}

pub struct SnapshotCopy<'a> {
    pub resource: &'a Resource,
    pub encrypted: Switch<'a>,
    pub kms_key: Option<&'a Attr>,
}

/// The region's default EBS encryption, as the deployment declares it.
pub struct DefaultEncryption<'a> {
    pub resource: &'a Resource,
    /// `enabled`, which defaults to true.
    pub enabled: Switch<'a>,
}

impl DefaultEncryption<'_> {
    pub fn is_on(&self) -> bool {
        matches!(self.enabled, Switch::Absent | Switch::On(_))
    }
}

pub fn volumes(deployment: &Deployment) -> Vec<Volume<'_>> {
    let terraform = deployment.of_kind("aws_ebs_volume").map(|r| Volume {
        resource: r,
        encrypted: Switch::of(r.get("encrypted")),
        kms_key: r.get("kms_key_id").filter(|k| !k.is_null()),
        snapshot: r.get("snapshot_id").filter(|s| s.is_set()),
    });
    let cloudformation = deployment.of_kind("AWS::EC2::Volume").map(|r| Volume {
        resource: r,
        encrypted: Switch::of(r.get("Encrypted")),
        kms_key: r.get("KmsKeyId").filter(|k| !k.is_null()),
        snapshot: r.get("SnapshotId").filter(|s| s.is_set()),
    });
    terraform.chain(cloudformation).collect()
}

pub fn snapshot_copies(deployment: &Deployment) -> Vec<SnapshotCopy<'_>> {
    deployment
        .of_kind("aws_ebs_snapshot_copy")
        .map(|r| SnapshotCopy {
            resource: r,
            encrypted: Switch::of(r.get("encrypted")),
            kms_key: r.get("kms_key_id").filter(|k| !k.is_null()),
        })
        .collect()
}

pub fn default_encryption(deployment: &Deployment) -> Vec<DefaultEncryption<'_>> {
    deployment
        .of_kind("aws_ebs_encryption_by_default")
        .map(|r| DefaultEncryption { resource: r, enabled: Switch::of(r.get("enabled")) })
        .collect()
}

/// The deployment turns default encryption on for the region.
pub fn encrypted_by_default(deployment: &Deployment) -> bool {
    default_encryption(deployment).iter().any(DefaultEncryption::is_on)
}

/// The deployment sets a customer managed key as the region's default EBS key.
pub fn default_customer_key(deployment: &Deployment) -> bool {
    deployment.of_kind("aws_ebs_default_kms_key").any(|r| r.get("key_arn").is_some_and(Attr::is_set))
}
