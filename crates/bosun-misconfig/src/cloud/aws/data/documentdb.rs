//! DocumentDB as checks see it: clusters (`aws_docdb_cluster`, `AWS::DocDB::DBCluster`)
//! and cluster parameter groups (`aws_docdb_cluster_parameter_group`,
//! `AWS::DocDB::DBClusterParameterGroup`).

use super::checks::{is_given, named_parameter, Number};
use crate::cloud::aws::storage::switch::Switch;
use crate::cloud::{Attr, Deployment, Resource};

pub struct Cluster<'a> {
    pub resource: &'a Resource,
    /// Restored from a snapshot or another cluster: encryption is inherited when not written.
    pub derived: bool,
    pub storage_encrypted: Switch<'a>,
    /// A KMS key given for the storage, which implies encryption.
    pub kms_key: Option<&'a Attr>,
    pub log_exports: Option<&'a Attr>,
    pub backup_retention: Number<'a>,
}

pub struct ParameterGroup<'a> {
    pub resource: &'a Resource,
    /// The `tls` parameter (`enabled` by default).
    pub tls: Switch<'a>,
}

pub fn clusters(deployment: &Deployment) -> Vec<Cluster<'_>> {
    let terraform = deployment.of_kind("aws_docdb_cluster").map(|r| Cluster {
        resource: r,
        derived: is_given(r.get("snapshot_identifier")) || is_given(r.get("restore_to_point_in_time")),
        storage_encrypted: Switch::of(r.get("storage_encrypted")),
        kms_key: r.get("kms_key_id").filter(|k| !k.is_null()),
        log_exports: r.get("enabled_cloudwatch_logs_exports"),
        backup_retention: Number::of(r.get("backup_retention_period")),
    });
    let cloudformation = deployment.of_kind("AWS::DocDB::DBCluster").map(|r| Cluster {
        resource: r,
        derived: is_given(r.get("SnapshotIdentifier"))
            || is_given(r.get("SourceDBClusterIdentifier"))
            || is_given(r.get("RestoreType")),
        storage_encrypted: Switch::of(r.get("StorageEncrypted")),
        kms_key: r.get("KmsKeyId").filter(|k| !k.is_null()),
        log_exports: r.get("EnableCloudwatchLogsExports"),
        backup_retention: Number::of(r.get("BackupRetentionPeriod")),
    });
    terraform.chain(cloudformation).collect()
}

pub fn parameter_groups(deployment: &Deployment) -> Vec<ParameterGroup<'_>> {
    let terraform = deployment.of_kind("aws_docdb_cluster_parameter_group").map(|r| ParameterGroup {
        resource: r,
        tls: named_parameter(r.blocks("parameter"), "name", "value", "tls"),
    });
    // CloudFormation writes the parameters as one map of name to value.
    let cloudformation = deployment.of_kind("AWS::DocDB::DBClusterParameterGroup").map(|r| ParameterGroup {
        resource: r,
        tls: match r.get("Parameters") {
            Some(map) if map.is_unknown() || map.reference().is_some() => Switch::Unknown(map),
            Some(map) => Switch::of(map.get("tls")),
            None => Switch::Absent,
        },
    });
    terraform.chain(cloudformation).collect()
}
