//! Cosmos DB accounts (`azurerm_cosmosdb_account`).

use super::common::first;
use crate::cloud::{Attr, Deployment, Resource};

pub struct Account<'a> {
    pub resource: &'a Resource,
    /// `public_network_access_enabled`, default true.
    pub public_network_access: Option<&'a Attr>,
    /// `ip_range_filter`: a comma-separated string (provider < 4) or a list.
    pub ip_range_filter: Option<&'a Attr>,
    /// `is_virtual_network_filter_enabled`, default false.
    pub vnet_filter: Option<&'a Attr>,
    /// `access_key_metadata_writes_enabled`, default true.
    pub key_metadata_writes: Option<&'a Attr>,
    /// `local_authentication_disabled`, default false.
    pub local_auth_disabled: Option<&'a Attr>,
}

impl Account<'_> {
    /// True when an IP filter or virtual network filter restricts who can connect
    /// (or when either is set to something bosun cannot read).
    pub fn has_network_filter(&self) -> bool {
        let ip = self.ip_range_filter.is_some_and(|filter| match filter.as_str() {
            Some(text) => !text.trim().is_empty(),
            None => filter.is_set(),
        });
        let vnet = self.vnet_filter.is_some_and(|vnet| !vnet.is_false());
        ip || vnet
    }
}

pub fn accounts(deployment: &Deployment) -> Vec<Account<'_>> {
    deployment
        .of_kind("azurerm_cosmosdb_account")
        .map(|account| {
            let body = &account.body;
            Account {
                resource: account,
                public_network_access: first(body, &["public_network_access_enabled"]),
                ip_range_filter: first(body, &["ip_range_filter"]),
                vnet_filter: first(body, &["is_virtual_network_filter_enabled"]),
                key_metadata_writes: first(body, &["access_key_metadata_writes_enabled"]),
                local_auth_disabled: first(body, &["local_authentication_disabled"]),
            }
        })
        .collect()
}
