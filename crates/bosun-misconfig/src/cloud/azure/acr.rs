//! Container registries (`azurerm_container_registry`).

use super::common::first;
use crate::cloud::{Attr, Deployment, Resource};

pub struct Registry<'a> {
    pub resource: &'a Resource,
    /// `admin_enabled`, default false.
    pub admin_enabled: Option<&'a Attr>,
    /// `public_network_access_enabled`, default true (only Premium can turn it off).
    pub public_network_access: Option<&'a Attr>,
    /// `anonymous_pull_enabled`, default false.
    pub anonymous_pull: Option<&'a Attr>,
    /// `sku`: `Basic`, `Standard`, `Premium`.
    pub sku: Option<&'a Attr>,
}

pub fn registries(deployment: &Deployment) -> Vec<Registry<'_>> {
    deployment
        .of_kind("azurerm_container_registry")
        .map(|registry| {
            let body = &registry.body;
            Registry {
                resource: registry,
                admin_enabled: first(body, &["admin_enabled"]),
                public_network_access: first(body, &["public_network_access_enabled"]),
                anonymous_pull: first(body, &["anonymous_pull_enabled"]),
                sku: first(body, &["sku"]),
            }
        })
        .collect()
}
