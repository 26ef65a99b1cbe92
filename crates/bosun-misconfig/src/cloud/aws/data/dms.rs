//! DMS replication instances as checks see them (`aws_dms_replication_instance`,
//! `AWS::DMS::ReplicationInstance`).

use crate::cloud::aws::storage::switch::Switch;
use crate::cloud::{Deployment, Resource};

pub struct ReplicationInstance<'a> {
    pub resource: &'a Resource,
    pub publicly_accessible: Switch<'a>,
    /// Whether the instance gets a public address when `publicly_accessible` is
    /// not written: the Terraform provider defaults it to false, the DMS API
    /// (and so CloudFormation) to true.
    pub public_by_default: bool,
}

pub fn replication_instances(deployment: &Deployment) -> Vec<ReplicationInstance<'_>> {
    let terraform = deployment.of_kind("aws_dms_replication_instance").map(|r| ReplicationInstance {
        resource: r,
        publicly_accessible: Switch::of(r.get("publicly_accessible")),
        public_by_default: false,
    });
    let cloudformation = deployment.of_kind("AWS::DMS::ReplicationInstance").map(|r| ReplicationInstance {
        resource: r,
        publicly_accessible: Switch::of(r.get("PubliclyAccessible")),
        public_by_default: true,
    });
    terraform.chain(cloudformation).collect()
}
