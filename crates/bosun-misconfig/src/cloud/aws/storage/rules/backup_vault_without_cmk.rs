use crate::cloud::aws::storage::backup;
use crate::cloud::aws::storage::switch::names_customer_key;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ045",
        name: "backup-vault-without-cmk",
        title: "Backup vault is not encrypted with a customer managed KMS key",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["CKV_AWS_166"],
        rationale: "A backup vault holds copies of everything it protects. Without a key of its own it uses the AWS managed backup key, whose use cannot be restricted to the backup service and operators, or shared for restores in another account.",
        remediation: "Set `kms_key_arn` to a customer managed key on the `aws_backup_vault` (`EncryptionKeyArn` on `AWS::Backup::BackupVault`).",
        bad_example: "resource \"aws_backup_vault\" \"main\" {\n  name = \"main\"\n}\n",
        good_example: "resource \"aws_kms_key\" \"data\" {\n  enable_key_rotation = true\n}\n\nresource \"aws_backup_vault\" \"main\" {\n  name        = \"main\"\n  kms_key_arn = aws_kms_key.data.arn\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Main:\n    Type: AWS::Backup::BackupVault\n    Properties:\n      BackupVaultName: main\n",
            good: "Resources:\n  DataKey:\n    Type: AWS::KMS::Key\n    Properties:\n      EnableKeyRotation: true\n  Main:\n    Type: AWS::Backup::BackupVault\n    Properties:\n      BackupVaultName: main\n      EncryptionKeyArn: !GetAtt DataKey.Arn\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for vault in backup::vaults(deployment) {
        if !names_customer_key(vault.kms_key) {
            deployment.report(
                hits,
                vault.resource,
                vault.kms_key,
                "the vault is encrypted with the AWS managed backup key, not a customer managed KMS key",
            );
        }
    }
}
