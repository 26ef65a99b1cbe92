//! Storage and keys: S3, EBS, EFS, KMS, Secrets Manager, SSM, Backup, Glacier.

pub mod backup;
pub mod ebs;
pub mod efs;
pub mod glacier;
pub mod kms;
pub mod rules;
pub mod s3;
pub mod secrets_manager;
pub mod ssm;
pub mod switch;

use crate::rule::Rule;

pub static RULES: &[&Rule] = &[
    &rules::s3_unencrypted::RULE,
    &rules::s3_public_read_acl::RULE,
    &rules::s3_public_write_acl::RULE,
    &rules::s3_authenticated_read_acl::RULE,
    &rules::s3_public_access_block_missing::RULE,
    &rules::s3_block_public_acls_disabled::RULE,
    &rules::s3_block_public_policy_disabled::RULE,
    &rules::s3_ignore_public_acls_disabled::RULE,
    &rules::s3_restrict_public_buckets_disabled::RULE,
    &rules::s3_versioning_disabled::RULE,
    &rules::s3_access_logging_disabled::RULE,
    &rules::s3_encryption_without_cmk::RULE,
    &rules::s3_policy_public::RULE,
    &rules::s3_tls_not_enforced::RULE,
    &rules::s3_mfa_delete_disabled::RULE,
    &rules::s3_object_lock_not_enabled::RULE,
    &rules::s3_acls_enabled::RULE,
    &rules::ebs_volume_unencrypted::RULE,
    &rules::ebs_volume_without_cmk::RULE,
    &rules::ebs_default_encryption_disabled::RULE,
    &rules::ebs_snapshot_copy_without_cmk::RULE,
    &rules::efs_unencrypted::RULE,
    &rules::efs_without_cmk::RULE,
    &rules::efs_access_point_root::RULE,
    &rules::efs_access_point_user::RULE,
    &rules::kms_rotation_disabled::RULE,
    &rules::kms_policy_public::RULE,
    &rules::kms_policy_missing::RULE,
    &rules::secretsmanager_without_cmk::RULE,
    &rules::secretsmanager_rotation_disabled::RULE,
    &rules::secretsmanager_rotation_interval::RULE,
    &rules::ssm_secret_parameter_plain::RULE,
    &rules::ssm_parameter_without_cmk::RULE,
    &rules::ssm_document_public::RULE,
    &rules::backup_vault_without_cmk::RULE,
    &rules::glacier_policy_public::RULE,
];
