//! AWS Backup vaults as checks see them: `aws_backup_vault`, `AWS::Backup::BackupVault`.

use crate::cloud::{Attr, Deployment, Resource};

pub struct Vault<'a> {
    pub resource: &'a Resource,
    /// `kms_key_arn`, `EncryptionKeyArn`: without it, the AWS managed backup key.
    pub kms_key: Option<&'a Attr>,
}

pub fn vaults(deployment: &Deployment) -> Vec<Vault<'_>> {
    let terraform = deployment
        .of_kind("aws_backup_vault")
        .map(|r| Vault { resource: r, kms_key: r.get("kms_key_arn").filter(|k| !k.is_null()) });
    let cloudformation = deployment
        .of_kind("AWS::Backup::BackupVault")
        .map(|r| Vault { resource: r, kms_key: r.get("EncryptionKeyArn").filter(|k| !k.is_null()) });
    terraform.chain(cloudformation).collect()
}
