//! Neptune as checks see it: clusters (`aws_neptune_cluster`, `AWS::Neptune::DBCluster`).

use super::checks::is_given;
use crate::cloud::aws::storage::switch::Switch;
use crate::cloud::{Attr, Deployment, Resource};

pub struct Cluster<'a> {
    pub resource: &'a Resource,
    /// Restored from a snapshot or replicating another cluster: encryption is
    /// inherited when not written.
    pub derived: bool,
    pub storage_encrypted: Switch<'a>,
    /// A KMS key given for the storage, which implies encryption.
    pub kms_key: Option<&'a Attr>,
    pub iam_auth: Switch<'a>,
    /// The log types exported to CloudWatch Logs (`audit`, `slowquery`).
    pub log_exports: Option<&'a Attr>,
}

pub fn clusters(deployment: &Deployment) -> Vec<Cluster<'_>> {
    let terraform = deployment.of_kind("aws_neptune_cluster").map(|r| Cluster {
        resource: r,
        derived: is_given(r.get("snapshot_identifier")) || is_given(r.get("replication_source_identifier")),
        storage_encrypted: Switch::of(r.get("storage_encrypted")),
        kms_key: r.get("kms_key_arn").filter(|k| !k.is_null()),
        iam_auth: Switch::of(r.get("iam_database_authentication_enabled")),
        log_exports: r.get("enable_cloudwatch_logs_exports"),
    });
    let cloudformation = deployment.of_kind("AWS::Neptune::DBCluster").map(|r| Cluster {
        resource: r,
        derived: is_given(r.get("SnapshotIdentifier"))
            || is_given(r.get("SourceDBClusterIdentifier"))
            || is_given(r.get("RestoreType")),
        storage_encrypted: Switch::of(r.get("StorageEncrypted")),
        kms_key: r.get("KmsKeyId").filter(|k| !k.is_null()),
        iam_auth: Switch::of(r.get("IamAuthEnabled")),
        log_exports: r.get("EnableCloudwatchLogsExports"),
    });
    terraform.chain(cloudformation).collect()
}
