//! Athena workgroups as checks see them (`aws_athena_workgroup`, `AWS::Athena::WorkGroup`).

use super::checks::{at, switch_at};
use crate::cloud::aws::storage::switch::Switch;
use crate::cloud::{Attr, Deployment, Resource};

pub struct WorkGroup<'a> {
    pub resource: &'a Resource,
    /// The workgroup's settings override the client's (on by default in
    /// Terraform; only an explicit false is judged).
    pub enforce_configuration: Switch<'a>,
    /// How query results are encrypted (`SSE_S3`, `SSE_KMS`, `CSE_KMS`), when declared.
    pub result_encryption: Option<&'a Attr>,
}

pub fn workgroups(deployment: &Deployment) -> Vec<WorkGroup<'_>> {
    let terraform = deployment.of_kind("aws_athena_workgroup").map(|r| WorkGroup {
        resource: r,
        enforce_configuration: switch_at(&r.body, &["configuration", "enforce_workgroup_configuration"]),
        result_encryption: at(
            &r.body,
            &["configuration", "result_configuration", "encryption_configuration", "encryption_option"],
        )
        .filter(|a| !a.is_null()),
    });
    let cloudformation = deployment.of_kind("AWS::Athena::WorkGroup").map(|r| WorkGroup {
        resource: r,
        enforce_configuration: switch_at(
            &r.body,
            &["WorkGroupConfiguration", "EnforceWorkGroupConfiguration"],
        ),
        result_encryption: at(
            &r.body,
            &["WorkGroupConfiguration", "ResultConfiguration", "EncryptionConfiguration", "EncryptionOption"],
        )
        .filter(|a| !a.is_null()),
    });
    terraform.chain(cloudformation).collect()
}
