//! ECR repositories as checks see them, from `aws_ecr_repository` or
//! `AWS::ECR::Repository`, with their repository policies
//! (`aws_ecr_repository_policy`, `RepositoryPolicyText`) and the registry-wide
//! scanning configuration that can scan every repository on push.

use crate::cloud::aws::storage::switch::Switch;
use crate::cloud::{Attr, Deployment, Resource};

pub struct Repository<'a> {
    pub resource: &'a Resource,
    /// `image_scanning_configuration.scan_on_push`, `ImageScanningConfiguration.ScanOnPush`.
    pub scan_on_push: Switch<'a>,
    /// `MUTABLE` (the default), `IMMUTABLE`, `IMMUTABLE_WITH_EXCLUSION`, ...
    pub tag_mutability: Option<&'a Attr>,
    /// `AES256` (the default) or `KMS`.
    pub encryption_type: Option<&'a Attr>,
    pub kms_key: Option<&'a Attr>,
}

impl Repository<'_> {
    /// Tags are known to be mutable: the default, or a value saying so.
    pub fn tags_mutable(&self) -> bool {
        match self.tag_mutability.filter(|m| !m.is_null()) {
            None => true,
            Some(value) => value.as_str().is_some_and(|m| m.to_ascii_uppercase().starts_with("MUTABLE")),
        }
    }

    /// Encrypted with KMS rather than the default AES256, or unknown.
    pub fn kms_encryption(&self) -> Option<bool> {
        match self.encryption_type.filter(|t| !t.is_null()) {
            None => Some(false),
            Some(value) => value.as_str().map(|t| t.eq_ignore_ascii_case("KMS")),
        }
    }
}

/// A repository policy, with the resource that declares it.
pub struct RepositoryPolicy<'a> {
    pub resource: &'a Resource,
    pub document: &'a Attr,
}

const TF_REPOSITORY: &str = "aws_ecr_repository";
const CFN_REPOSITORY: &str = "AWS::ECR::Repository";

pub fn repositories(deployment: &Deployment) -> Vec<Repository<'_>> {
    let terraform = deployment.of_kind(TF_REPOSITORY).map(|r| Repository {
        resource: r,
        scan_on_push: Switch::of(r.path(&["image_scanning_configuration", "scan_on_push"])),
        tag_mutability: r.get("image_tag_mutability"),
        encryption_type: r.path(&["encryption_configuration", "encryption_type"]),
        kms_key: r.path(&["encryption_configuration", "kms_key"]),
    });
    let cloudformation = deployment.of_kind(CFN_REPOSITORY).map(|r| Repository {
        resource: r,
        // The property was first documented as `scanOnPush`.
        scan_on_push: Switch::of(
            r.path(&["ImageScanningConfiguration", "ScanOnPush"])
                .or_else(|| r.path(&["ImageScanningConfiguration", "scanOnPush"])),
        ),
        tag_mutability: r.get("ImageTagMutability"),
        encryption_type: r.path(&["EncryptionConfiguration", "EncryptionType"]),
        kms_key: r.path(&["EncryptionConfiguration", "KmsKey"]),
    });
    terraform.chain(cloudformation).collect()
}

/// Every repository policy the deployment declares.
pub fn repository_policies(deployment: &Deployment) -> Vec<RepositoryPolicy<'_>> {
    let terraform = deployment
        .of_kind("aws_ecr_repository_policy")
        .filter_map(|r| Some(RepositoryPolicy { resource: r, document: r.get("policy")? }));
    let cloudformation = deployment
        .of_kind(CFN_REPOSITORY)
        .filter_map(|r| Some(RepositoryPolicy { resource: r, document: r.get("RepositoryPolicyText")? }));
    terraform.chain(cloudformation).collect()
}

/// The registry's scanning configuration scans images on push (or continuously)
/// for at least some repositories: then a repository's own setting is not the
/// whole story, and it is not judged.
pub fn registry_scans_images(deployment: &Deployment) -> bool {
    let frequency_scans = |f: &Attr| {
        f.as_str().is_none_or(|f| {
            f.eq_ignore_ascii_case("SCAN_ON_PUSH") || f.eq_ignore_ascii_case("CONTINUOUS_SCAN")
        })
    };
    let terraform = deployment
        .of_kind("aws_ecr_registry_scanning_configuration")
        .any(|r| r.blocks("rule").any(|rule| rule.get("scan_frequency").is_some_and(frequency_scans)));
    let cloudformation = deployment.of_kind("AWS::ECR::RegistryScanningConfiguration").any(|r| {
        r.get("Rules").is_some_and(|rules| {
            rules.items().iter().any(|rule| rule.get("ScanFrequency").is_some_and(frequency_scans))
        })
    });
    terraform || cloudformation
}
