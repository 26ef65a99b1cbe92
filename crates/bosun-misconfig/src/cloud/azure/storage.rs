//! Storage accounts and blob containers, from `azurerm_storage_account` with the
//! split resources that configure it (`azurerm_storage_account_network_rules`,
//! `azurerm_storage_account_queue_properties`) and `azurerm_storage_container`.

use super::common::{at, attached, first};
use crate::cloud::{Attr, Deployment, Resource};

pub struct Account<'a> {
    pub resource: &'a Resource,
    /// `enable_https_traffic_only` (provider < 4) or `https_traffic_only_enabled`; default true.
    pub https_only: Option<&'a Attr>,
    /// `TLS1_0`, `TLS1_1`, `TLS1_2`; default `TLS1_2` since provider 3.
    pub min_tls_version: Option<&'a Attr>,
    /// `allow_nested_items_to_be_public` (provider >= 3), default true.
    pub nested_items_public: Option<&'a Attr>,
    /// `allow_blob_public_access` (provider 2), default false.
    pub blob_public_access_v2: Option<&'a Attr>,
    /// `public_network_access_enabled`, default true.
    pub public_network_access: Option<&'a Attr>,
    /// The inline `network_rules` block, or the body of an
    /// `azurerm_storage_account_network_rules` pointing at the account.
    pub network_rules: Option<&'a Attr>,
    /// `account_kind`, default `StorageV2`.
    pub kind: Option<&'a Attr>,
    /// `account_tier`: `Standard` or `Premium`.
    pub tier: Option<&'a Attr>,
    /// `queue_properties { logging { .. } }`, inline or from
    /// `azurerm_storage_account_queue_properties`.
    pub queue_logging: Option<&'a Attr>,
    /// `infrastructure_encryption_enabled`, default false.
    pub infrastructure_encryption: Option<&'a Attr>,
    /// `shared_access_key_enabled`, default true.
    pub shared_key_access: Option<&'a Attr>,
}

impl Account<'_> {
    /// True when the account can hold queues: general-purpose accounts on the standard tier.
    pub fn has_queues(&self) -> bool {
        let kind_ok = match self.kind.map(|kind| kind.as_str()) {
            None => true,
            Some(Some(kind)) => kind == "Storage" || kind == "StorageV2",
            Some(None) => false,
        };
        let tier_ok =
            self.tier.and_then(Attr::as_str).is_some_and(|tier| tier.eq_ignore_ascii_case("Standard"));
        kind_ok && tier_ok
    }
}

pub struct Container<'a> {
    pub resource: &'a Resource,
    /// `container_access_type`: `private` (default), `blob` or `container`.
    pub access_type: Option<&'a Attr>,
}

const ACCOUNT: &str = "azurerm_storage_account";
const LINKS: &[&str] = &["storage_account_id", "storage_account_name"];

pub fn accounts(deployment: &Deployment) -> Vec<Account<'_>> {
    deployment.of_kind(ACCOUNT).map(|account| from_terraform(deployment, account)).collect()
}

fn from_terraform<'a>(deployment: &'a Deployment, account: &'a Resource) -> Account<'a> {
    let body = &account.body;
    let network_rules = body.blocks("network_rules").next().or_else(|| {
        attached(deployment, "azurerm_storage_account_network_rules", LINKS, account).map(|r| &r.body).next()
    });
    let queue_logging = at(body, &["queue_properties", "logging"]).or_else(|| {
        attached(deployment, "azurerm_storage_account_queue_properties", LINKS, account)
            .find_map(|r| at(&r.body, &["logging"]))
    });
    Account {
        resource: account,
        https_only: first(body, &["https_traffic_only_enabled", "enable_https_traffic_only"]),
        min_tls_version: first(body, &["min_tls_version"]),
        nested_items_public: first(body, &["allow_nested_items_to_be_public"]),
        blob_public_access_v2: first(body, &["allow_blob_public_access"]),
        public_network_access: first(body, &["public_network_access_enabled"]),
        network_rules,
        kind: first(body, &["account_kind"]),
        tier: first(body, &["account_tier"]),
        queue_logging,
        infrastructure_encryption: first(body, &["infrastructure_encryption_enabled"]),
        shared_key_access: first(body, &["shared_access_key_enabled"]),
    }
}

pub fn containers(deployment: &Deployment) -> Vec<Container<'_>> {
    deployment
        .of_kind("azurerm_storage_container")
        .map(|container| Container {
            resource: container,
            access_type: first(&container.body, &["container_access_type"]),
        })
        .collect()
}
