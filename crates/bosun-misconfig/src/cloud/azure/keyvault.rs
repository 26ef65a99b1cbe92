//! Key vaults and their keys and secrets: `azurerm_key_vault`,
//! `azurerm_key_vault_key`, `azurerm_key_vault_secret`.

use super::common::first;
use crate::cloud::{Attr, Deployment, Resource};

pub struct Vault<'a> {
    pub resource: &'a Resource,
    /// `purge_protection_enabled`, default false.
    pub purge_protection: Option<&'a Attr>,
    /// `soft_delete_enabled` (provider v2 only; always on since).
    pub soft_delete: Option<&'a Attr>,
    /// `soft_delete_retention_days`, 7 to 90, default 90.
    pub soft_delete_days: Option<&'a Attr>,
    /// The `network_acls` block (`default_action`, `bypass`, `ip_rules`).
    pub network_acls: Option<&'a Attr>,
    /// `public_network_access_enabled`, default true.
    pub public_network_access: Option<&'a Attr>,
}

pub fn vaults(deployment: &Deployment) -> Vec<Vault<'_>> {
    deployment
        .of_kind("azurerm_key_vault")
        .map(|vault| {
            let body = &vault.body;
            Vault {
                resource: vault,
                purge_protection: first(body, &["purge_protection_enabled"]),
                soft_delete: first(body, &["soft_delete_enabled"]),
                soft_delete_days: first(body, &["soft_delete_retention_days"]),
                network_acls: body.blocks("network_acls").next(),
                public_network_access: first(body, &["public_network_access_enabled"]),
            }
        })
        .collect()
}

/// A key or a secret stored in a vault.
pub struct Item<'a> {
    pub resource: &'a Resource,
    pub name: Option<&'a str>,
    /// `expiration_date` (RFC 3339).
    pub expiration_date: Option<&'a Attr>,
    /// `content_type` (secrets only).
    pub content_type: Option<&'a Attr>,
}

fn items<'a>(deployment: &'a Deployment, kind: &'a str) -> Vec<Item<'a>> {
    deployment
        .of_kind(kind)
        .map(|item| Item {
            resource: item,
            name: item.get("name").and_then(Attr::as_str),
            expiration_date: first(&item.body, &["expiration_date"]),
            content_type: first(&item.body, &["content_type"]),
        })
        .collect()
}

pub fn keys(deployment: &Deployment) -> Vec<Item<'_>> {
    items(deployment, "azurerm_key_vault_key")
}

pub fn secrets(deployment: &Deployment) -> Vec<Item<'_>> {
    items(deployment, "azurerm_key_vault_secret")
}
