//! DynamoDB as checks see it: tables (`aws_dynamodb_table`, `AWS::DynamoDB::Table`)
//! and DAX clusters (`aws_dax_cluster`, `AWS::DAX::Cluster`).

use super::checks::{at, switch_at};
use crate::cloud::aws::storage::switch::Switch;
use crate::cloud::{Attr, Deployment, Resource};

pub struct Table<'a> {
    pub resource: &'a Resource,
    pub point_in_time_recovery: Switch<'a>,
    /// Encryption with a KMS key instead of the AWS owned key (`server_side_encryption.enabled`,
    /// `SSESpecification.SSEEnabled`).
    pub kms_encryption: Switch<'a>,
    /// The KMS key; without it a KMS-encrypted table uses the AWS managed `aws/dynamodb` key.
    pub kms_key: Option<&'a Attr>,
}

pub struct DaxCluster<'a> {
    pub resource: &'a Resource,
    pub encrypted: Switch<'a>,
    /// `NONE` (the default) or `TLS`.
    pub endpoint_encryption: Option<&'a Attr>,
}

pub fn tables(deployment: &Deployment) -> Vec<Table<'_>> {
    let terraform = deployment.of_kind("aws_dynamodb_table").map(|r| Table {
        resource: r,
        point_in_time_recovery: switch_at(&r.body, &["point_in_time_recovery", "enabled"]),
        kms_encryption: switch_at(&r.body, &["server_side_encryption", "enabled"]),
        kms_key: at(&r.body, &["server_side_encryption", "kms_key_arn"]).filter(|k| !k.is_null()),
    });
    let cloudformation = deployment.of_kind("AWS::DynamoDB::Table").map(|r| Table {
        resource: r,
        point_in_time_recovery: Switch::of(at(
            &r.body,
            &["PointInTimeRecoverySpecification", "PointInTimeRecoveryEnabled"],
        )),
        kms_encryption: switch_at(&r.body, &["SSESpecification", "SSEEnabled"]),
        kms_key: at(&r.body, &["SSESpecification", "KMSMasterKeyId"]).filter(|k| !k.is_null()),
    });
    terraform.chain(cloudformation).collect()
}

pub fn dax_clusters(deployment: &Deployment) -> Vec<DaxCluster<'_>> {
    let terraform = deployment.of_kind("aws_dax_cluster").map(|r| DaxCluster {
        resource: r,
        encrypted: switch_at(&r.body, &["server_side_encryption", "enabled"]),
        endpoint_encryption: r.get("cluster_endpoint_encryption_type").filter(|a| !a.is_null()),
    });
    let cloudformation = deployment.of_kind("AWS::DAX::Cluster").map(|r| DaxCluster {
        resource: r,
        encrypted: switch_at(&r.body, &["SSESpecification", "SSEEnabled"]),
        endpoint_encryption: r.get("ClusterEndpointEncryptionType").filter(|a| !a.is_null()),
    });
    terraform.chain(cloudformation).collect()
}
