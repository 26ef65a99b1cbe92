//! Redshift as checks see it: clusters (`aws_redshift_cluster`, `AWS::Redshift::Cluster`)
//! with their audit logging (the cluster's `logging` block, the split
//! `aws_redshift_logging`, `LoggingProperties`), and parameter groups
//! (`aws_redshift_parameter_group`, `AWS::Redshift::ClusterParameterGroup`).

use super::checks::{named_parameter, switch_at};
use crate::cloud::aws::storage::switch::Switch;
use crate::cloud::{Attr, Deployment, Resource};

pub struct Cluster<'a> {
    pub resource: &'a Resource,
    pub encrypted: Switch<'a>,
    /// A KMS key given for the cluster, which implies encryption.
    pub kms_key: Option<&'a Attr>,
    pub publicly_accessible: Switch<'a>,
    /// Audit logging to S3 or CloudWatch Logs.
    pub audit_logging: Switch<'a>,
    /// The subnet group that places the cluster in a chosen VPC.
    pub subnet_group: Option<&'a Attr>,
}

pub struct ParameterGroup<'a> {
    pub resource: &'a Resource,
    /// The value given to `require_ssl`, when the group sets it.
    pub require_ssl: Switch<'a>,
}

pub fn clusters(deployment: &Deployment) -> Vec<Cluster<'_>> {
    let terraform = deployment.of_kind("aws_redshift_cluster").map(|r| {
        let mut split =
            deployment.attached("aws_redshift_logging", "cluster_identifier", r, &["cluster_identifier"]);
        let audit_logging = match split.next() {
            Some(logging) => Switch::On(&logging.body),
            None => switch_at(&r.body, &["logging", "enable"]),
        };
        Cluster {
            resource: r,
            encrypted: Switch::of(r.get("encrypted")),
            kms_key: r.get("kms_key_id").filter(|k| !k.is_null()),
            publicly_accessible: Switch::of(r.get("publicly_accessible")),
            audit_logging,
            subnet_group: r.get("cluster_subnet_group_name").filter(|a| !a.is_null()),
        }
    });
    let cloudformation = deployment.of_kind("AWS::Redshift::Cluster").map(|r| Cluster {
        resource: r,
        encrypted: Switch::of(r.get("Encrypted")),
        kms_key: r.get("KmsKeyId").filter(|k| !k.is_null()),
        publicly_accessible: Switch::of(r.get("PubliclyAccessible")),
        audit_logging: match r.get("LoggingProperties").filter(|l| !l.is_null()) {
            Some(logging) if logging.is_set() => Switch::On(logging),
            Some(logging) => Switch::Unknown(logging),
            None => Switch::Absent,
        },
        subnet_group: r.get("ClusterSubnetGroupName").filter(|a| !a.is_null()),
    });
    terraform.chain(cloudformation).collect()
}

pub fn parameter_groups(deployment: &Deployment) -> Vec<ParameterGroup<'_>> {
    let terraform = deployment.of_kind("aws_redshift_parameter_group").map(|r| ParameterGroup {
        resource: r,
        require_ssl: named_parameter(r.blocks("parameter"), "name", "value", "require_ssl"),
    });
    let cloudformation = deployment.of_kind("AWS::Redshift::ClusterParameterGroup").map(|r| ParameterGroup {
        resource: r,
        require_ssl: named_parameter(
            r.blocks("Parameters"),
            "ParameterName",
            "ParameterValue",
            "require_ssl",
        ),
    });
    terraform.chain(cloudformation).collect()
}
