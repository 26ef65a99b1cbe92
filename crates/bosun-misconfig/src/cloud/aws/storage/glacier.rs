//! S3 Glacier vaults as checks see them: `aws_glacier_vault` (CloudFormation has no
//! Glacier vault resource).

use crate::cloud::{Attr, Deployment, Resource};

pub struct Vault<'a> {
    pub resource: &'a Resource,
    /// The vault access policy (`access_policy`).
    pub policy: Option<&'a Attr>,
}

pub fn vaults(deployment: &Deployment) -> Vec<Vault<'_>> {
    deployment
        .of_kind("aws_glacier_vault")
        .map(|r| Vault { resource: r, policy: r.get("access_policy").filter(|p| !p.is_null()) })
        .collect()
}
