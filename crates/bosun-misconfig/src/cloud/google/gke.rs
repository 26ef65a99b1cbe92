//! GKE clusters (`google_container_cluster`) and their node pools: the separate
//! `google_container_node_pool` resources, the `node_pool` blocks of a cluster and
//! the default pool a cluster creates unless it removes it.

use super::compute::metadata_flag;
use crate::cloud::{Attr, Deployment, Resource};

pub struct Cluster<'a> {
    pub resource: &'a Resource,
    /// `enable_autopilot` is true or unknown: Google may manage the nodes, so node
    /// settings may not apply.
    pub autopilot: bool,
    pub legacy_abac: Option<&'a Attr>,
    /// The `master_authorized_networks_config` block.
    pub master_authorized_networks: Option<&'a Attr>,
    /// `private_cluster_config.enable_private_nodes`.
    pub private_nodes: Option<&'a Attr>,
    /// `network_policy.enabled`.
    pub network_policy: Option<&'a Attr>,
    /// `datapath_provider`: `ADVANCED_DATAPATH` (Dataplane V2) enforces network policy itself.
    pub datapath_provider: Option<&'a Attr>,
    /// The `workload_identity_config` block.
    pub workload_identity: Option<&'a Attr>,
    /// The `master_auth` block.
    pub master_auth: Option<&'a Attr>,
    /// `enable_shielded_nodes` (on by default).
    pub shielded_nodes: Option<&'a Attr>,
    pub logging_service: Option<&'a Attr>,
    pub monitoring_service: Option<&'a Attr>,
    /// `release_channel.channel`, or the block itself when it has no channel.
    pub release_channel: Option<&'a Attr>,
    pub intranode_visibility: Option<&'a Attr>,
    /// The `binary_authorization` block.
    pub binary_authorization: Option<&'a Attr>,
    /// `enable_binary_authorization`, the older spelling.
    pub binary_authorization_flag: Option<&'a Attr>,
    /// `networking_mode`: `VPC_NATIVE` (the default for new clusters) or `ROUTES`.
    pub networking_mode: Option<&'a Attr>,
}

impl<'a> Cluster<'a> {
    /// The CIDR blocks allowed to reach the control plane.
    pub fn authorized_cidrs(&self) -> Vec<&'a Attr> {
        let Some(config) = self.master_authorized_networks.and_then(|b| b.items().first()) else {
            return Vec::new();
        };
        config.blocks("cidr_blocks").filter_map(|block| block.get("cidr_block")).collect()
    }
}

pub fn clusters(deployment: &Deployment) -> Vec<Cluster<'_>> {
    deployment.of_kind("google_container_cluster").map(cluster).collect()
}

fn cluster(resource: &Resource) -> Cluster<'_> {
    let block = |key: &str| resource.get(key).filter(|b| !b.is_null() && !b.items().is_empty());
    Cluster {
        resource,
        autopilot: resource.get("enable_autopilot").is_some_and(|a| a.is_true() || a.is_unknown()),
        legacy_abac: resource.get("enable_legacy_abac"),
        master_authorized_networks: block("master_authorized_networks_config"),
        private_nodes: resource.path(&["private_cluster_config", "enable_private_nodes"]),
        network_policy: resource.path(&["network_policy", "enabled"]),
        datapath_provider: resource.get("datapath_provider"),
        workload_identity: block("workload_identity_config"),
        master_auth: block("master_auth"),
        shielded_nodes: resource.get("enable_shielded_nodes"),
        logging_service: resource.get("logging_service"),
        monitoring_service: resource.get("monitoring_service"),
        release_channel: block("release_channel")
            .map(|b| resource.path(&["release_channel", "channel"]).unwrap_or(b)),
        intranode_visibility: resource.get("enable_intranode_visibility"),
        binary_authorization: block("binary_authorization"),
        binary_authorization_flag: resource.get("enable_binary_authorization"),
        networking_mode: resource.get("networking_mode"),
    }
}

/// A group of nodes and the configuration they run with.
pub struct NodePool<'a> {
    /// The node pool resource, or the cluster for its default pool and `node_pool` blocks.
    pub resource: &'a Resource,
    /// How messages name it: `node pool`, `default node pool`, `node_pool block "x"`.
    pub label: String,
    /// The `node_config` block, absent when every node setting is left to its default.
    pub config: Option<&'a Attr>,
    /// The `management` block (auto repair, auto upgrade).
    pub management: Option<&'a Attr>,
}

impl<'a> NodePool<'a> {
    fn setting(&self, keys: &[&str]) -> Option<&'a Attr> {
        self.config.and_then(|config| config.path(keys))
    }

    /// An entry of the node `metadata` map.
    pub fn metadata(&self, key: &str) -> Option<&'a Attr> {
        self.setting(&["metadata", key])
    }

    /// The node config is spelled in a way bosun cannot read (a variable, say).
    pub fn config_unknown(&self) -> bool {
        self.config.is_some_and(|config| config.is_unknown() || config.items().iter().any(Attr::is_unknown))
    }

    pub fn secure_boot(&self) -> Option<&'a Attr> {
        self.setting(&["shielded_instance_config", "enable_secure_boot"])
    }

    pub fn integrity_monitoring(&self) -> Option<&'a Attr> {
        self.setting(&["shielded_instance_config", "enable_integrity_monitoring"])
    }

    pub fn service_account(&self) -> Option<&'a Attr> {
        self.setting(&["service_account"])
    }

    pub fn image_type(&self) -> Option<&'a Attr> {
        self.setting(&["image_type"])
    }

    /// `workload_metadata_config.mode`, or its older name `node_metadata`.
    pub fn workload_metadata_mode(&self) -> Option<&'a Attr> {
        self.setting(&["workload_metadata_config", "mode"])
            .or_else(|| self.setting(&["workload_metadata_config", "node_metadata"]))
    }

    /// `metadata["disable-legacy-endpoints"]` known to be false.
    pub fn legacy_endpoints_enabled(&self) -> Option<&'a Attr> {
        self.metadata("disable-legacy-endpoints").filter(|value| metadata_flag(value) == Some(false))
    }

    pub fn auto_repair(&self) -> Option<&'a Attr> {
        self.management.and_then(|m| m.get("auto_repair"))
    }

    pub fn auto_upgrade(&self) -> Option<&'a Attr> {
        self.management.and_then(|m| m.get("auto_upgrade"))
    }
}

/// Every node pool: separate resources, `node_pool` blocks, and each cluster's
/// default pool unless the cluster is Autopilot or sets `remove_default_node_pool`.
/// Either flag unknown may mean no default pool: that pool is then left out.
pub fn node_pools(deployment: &Deployment) -> Vec<NodePool<'_>> {
    let true_or_unknown = |attr: &Attr| attr.is_true() || attr.is_unknown();
    let mut pools = Vec::new();
    for cluster in deployment.of_kind("google_container_cluster") {
        if cluster.get("enable_autopilot").is_some_and(true_or_unknown) {
            continue;
        }
        let removes_default = cluster.get("remove_default_node_pool").is_some_and(true_or_unknown);
        let has_pool_blocks = cluster.blocks("node_pool").next().is_some();
        // A cluster listing its own node_pool blocks creates no default pool.
        if !removes_default && !has_pool_blocks {
            pools.push(NodePool {
                resource: cluster,
                label: "default node pool".to_string(),
                config: first_block(cluster.get("node_config")),
                management: None,
            });
        }
        for block in cluster.blocks("node_pool") {
            let name = block.get("name").and_then(Attr::as_str).unwrap_or("unnamed");
            pools.push(NodePool {
                resource: cluster,
                label: format!("node_pool block \"{name}\""),
                config: first_block(block.get("node_config")),
                management: first_block(block.get("management")),
            });
        }
    }
    for pool in deployment.of_kind("google_container_node_pool") {
        pools.push(NodePool {
            resource: pool,
            label: "node pool".to_string(),
            config: first_block(pool.get("node_config")),
            management: first_block(pool.get("management")),
        });
    }
    pools
}

fn first_block(attr: Option<&Attr>) -> Option<&Attr> {
    attr.and_then(|a| if a.is_unknown() { Some(a) } else { a.items().first() })
}
