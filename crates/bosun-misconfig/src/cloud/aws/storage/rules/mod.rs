pub mod backup_vault_without_cmk;
pub mod ebs_default_encryption_disabled;
pub mod ebs_snapshot_copy_without_cmk;
pub mod ebs_volume_unencrypted;
pub mod ebs_volume_without_cmk;
pub mod efs_access_point_root;
pub mod efs_access_point_user;
pub mod efs_unencrypted;
pub mod efs_without_cmk;
pub mod glacier_policy_public;
pub mod kms_policy_missing;
pub mod kms_policy_public;
pub mod kms_rotation_disabled;
pub mod s3_access_logging_disabled;
pub mod s3_acls_enabled;
pub mod s3_authenticated_read_acl;
pub mod s3_block_public_acls_disabled;
pub mod s3_block_public_policy_disabled;
pub mod s3_encryption_without_cmk;
pub mod s3_ignore_public_acls_disabled;
pub mod s3_mfa_delete_disabled;
pub mod s3_object_lock_not_enabled;
pub mod s3_policy_public;
pub mod s3_public_access_block_missing;
pub mod s3_public_read_acl;
pub mod s3_public_write_acl;
pub mod s3_restrict_public_buckets_disabled;
pub mod s3_tls_not_enforced;
pub mod s3_unencrypted;
pub mod s3_versioning_disabled;
pub mod secretsmanager_rotation_disabled;
pub mod secretsmanager_rotation_interval;
pub mod secretsmanager_without_cmk;
pub mod ssm_document_public;
pub mod ssm_parameter_without_cmk;
pub mod ssm_secret_parameter_plain;

use crate::cloud::aws::policy::Statement;
use crate::cloud::aws::storage::s3::{self, PublicAccessFlag};
use crate::cloud::aws::storage::switch::Switch;
use crate::cloud::{Attr, Deployment, Value};
use crate::rule::Hits;

/// What a public access block setting being off lets happen.
fn public_access_effect(flag: PublicAccessFlag) -> &'static str {
    match flag {
        PublicAccessFlag::BlockPublicAcls => "S3 accepts new public ACLs on the bucket and its objects",
        PublicAccessFlag::BlockPublicPolicy => "S3 accepts a bucket policy that grants public access",
        PublicAccessFlag::IgnorePublicAcls => "public ACLs on the bucket and its objects take effect",
        PublicAccessFlag::RestrictPublicBuckets => "a public bucket policy really lets anyone in",
    }
}

/// Reports buckets whose public access block leaves `flag` off (absent counts as
/// off, the service default), unless the account-wide block turns it on.
fn report_public_access_flag(deployment: &Deployment, hits: &mut Hits, flag: PublicAccessFlag) {
    for bucket in s3::buckets(deployment) {
        let Some(block) = bucket.public_access_block else { continue };
        if bucket.account_public_access_block.is_some_and(|account| account.flag(flag).is_on()) {
            continue;
        }
        let key = block.key(flag);
        let effect = public_access_effect(flag);
        match block.flag(flag) {
            Switch::Off(attr) => deployment.report(
                hits,
                bucket.resource,
                Some(attr),
                format!("the public access block sets `{key}` to false: {effect}"),
            ),
            Switch::Absent => deployment.report(
                hits,
                bucket.resource,
                Some(block.body),
                format!("the public access block leaves `{key}` unset (false): {effect}"),
            ),
            Switch::On(_) | Switch::Unknown(_) => {}
        }
    }
}

/// Where a policy statement is written, to point a finding at.
fn statement_attr(statement: &Statement) -> Attr {
    Attr::new(Value::Null, statement.span, statement.file)
}

/// The actions a statement allows, for a message: "`s3:GetObject`", "every action".
fn describe_actions(statement: &Statement) -> String {
    if statement.actions.iter().any(|a| a == "*") {
        return "every action".into();
    }
    if !statement.not_actions.is_empty() {
        return format!("every action except {}", quoted(&statement.not_actions));
    }
    quoted(&statement.actions)
}

fn quoted(actions: &[String]) -> String {
    const SHOWN: usize = 3;
    let mut text = actions.iter().take(SHOWN).map(|a| format!("`{a}`")).collect::<Vec<_>>().join(", ");
    if actions.len() > SHOWN {
        text.push_str(&format!(" and {} more", actions.len() - SHOWN));
    }
    text
}
