//! AKS clusters and their node pools, from `azurerm_kubernetes_cluster` (its
//! `default_node_pool`) and `azurerm_kubernetes_cluster_node_pool`. Provider v2
//! spelled add-ons inside `addon_profile` and RBAC as a block; v3 and later use
//! top-level attributes and blocks: both are read.

use super::common::{at, first};
use crate::cloud::{Attr, Deployment, Resource};

pub struct Cluster<'a> {
    pub resource: &'a Resource,
    /// `role_based_access_control_enabled` (v3+, default true) or `role_based_access_control { enabled }` (v2).
    pub rbac: Option<&'a Attr>,
    /// The `network_profile` block.
    pub network_profile: Option<&'a Attr>,
    /// `private_cluster_enabled`, default false.
    pub private_cluster: Option<&'a Attr>,
    /// `api_server_access_profile { authorized_ip_ranges }` or `api_server_authorized_ip_ranges` (before v3.39).
    pub authorized_ip_ranges: Option<&'a Attr>,
    /// `local_account_disabled`, default false.
    pub local_account_disabled: Option<&'a Attr>,
    /// `azure_policy_enabled` (v3+) or `addon_profile { azure_policy { enabled } }` (v2).
    pub azure_policy: Option<&'a Attr>,
    /// The `oms_agent` block (v3+), or `addon_profile { oms_agent { .. } }` (v2, with its `enabled`).
    pub oms_agent: Option<&'a Attr>,
    /// `disk_encryption_set_id`.
    pub disk_encryption_set: Option<&'a Attr>,
}

impl Cluster<'_> {
    /// The network policy engine, when the cluster names one.
    pub fn network_policy(&self) -> Option<&Attr> {
        self.network_profile.and_then(|profile| at(profile, &["network_policy"]))
    }
}

/// A node pool: the cluster's `default_node_pool` block, or a separate pool resource.
pub struct NodePool<'a> {
    /// The cluster (for the default pool) or the pool resource.
    pub resource: &'a Resource,
    pub name: Option<&'a str>,
    /// `node_public_ip_enabled` (v4) or `enable_node_public_ip`; default false.
    pub public_ip: Option<&'a Attr>,
}

const CLUSTER: &str = "azurerm_kubernetes_cluster";

pub fn clusters(deployment: &Deployment) -> Vec<Cluster<'_>> {
    deployment.of_kind(CLUSTER).map(from_terraform).collect()
}

fn from_terraform(cluster: &Resource) -> Cluster<'_> {
    let body = &cluster.body;
    let addon = |name: &str| at(body, &["addon_profile", name]);
    Cluster {
        resource: cluster,
        rbac: first(body, &["role_based_access_control_enabled"])
            .or_else(|| at(body, &["role_based_access_control", "enabled"])),
        network_profile: body.blocks("network_profile").next(),
        private_cluster: first(body, &["private_cluster_enabled"]),
        authorized_ip_ranges: at(body, &["api_server_access_profile", "authorized_ip_ranges"])
            .or_else(|| first(body, &["api_server_authorized_ip_ranges"])),
        local_account_disabled: first(body, &["local_account_disabled"]),
        azure_policy: first(body, &["azure_policy_enabled"])
            .or_else(|| addon("azure_policy").and_then(|policy| policy.get("enabled"))),
        oms_agent: body.blocks("oms_agent").next().or_else(|| addon("oms_agent")),
        disk_encryption_set: first(body, &["disk_encryption_set_id"]),
    }
}

pub fn node_pools(deployment: &Deployment) -> Vec<NodePool<'_>> {
    fn public_ip(body: &Attr) -> Option<&Attr> {
        first(body, &["node_public_ip_enabled", "enable_node_public_ip"])
    }
    let defaults = deployment.of_kind(CLUSTER).flat_map(|cluster| {
        cluster.blocks("default_node_pool").map(move |pool| NodePool {
            resource: cluster,
            name: pool.get("name").and_then(Attr::as_str),
            public_ip: public_ip(pool),
        })
    });
    let separate = deployment.of_kind("azurerm_kubernetes_cluster_node_pool").map(|pool| NodePool {
        resource: pool,
        name: pool.get("name").and_then(Attr::as_str),
        public_ip: public_ip(&pool.body),
    });
    defaults.chain(separate).collect()
}
