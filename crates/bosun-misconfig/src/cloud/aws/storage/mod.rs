//! Storage and keys: S3, EBS, EFS, KMS, Secrets Manager, SSM, Backup.

pub mod rules;
pub mod s3;

use crate::rule::Rule;

pub static RULES: &[&Rule] = &[&rules::s3_unencrypted::RULE];
