//! ElastiCache as checks see it: Redis/Valkey replication groups
//! (`aws_elasticache_replication_group`, `AWS::ElastiCache::ReplicationGroup`) and
//! single cache clusters (`aws_elasticache_cluster`, `AWS::ElastiCache::CacheCluster`).

use super::checks::Number;
use crate::cloud::aws::storage::switch::Switch;
use crate::cloud::{Attr, Deployment, Resource};

pub struct ReplicationGroup<'a> {
    pub resource: &'a Resource,
    pub at_rest_encryption: Switch<'a>,
    pub transit_encryption: Switch<'a>,
    /// The Redis AUTH token, when one is set.
    pub auth_token: Option<&'a Attr>,
    /// RBAC user groups, the other way to require clients to authenticate.
    pub user_groups: Option<&'a Attr>,
    /// Days automatic snapshots are kept (0, the default, turns them off).
    pub snapshot_retention: Number<'a>,
    pub node_type: Option<&'a Attr>,
}

/// A single-node cache cluster; only Redis ones can keep snapshots.
pub struct CacheCluster<'a> {
    pub resource: &'a Resource,
    pub engine: Option<&'a Attr>,
    /// Member of a replication group: the group holds the settings.
    pub in_replication_group: bool,
    pub snapshot_retention: Number<'a>,
    pub node_type: Option<&'a Attr>,
}

/// Whether the engine named keeps snapshots (Redis and Valkey do, Memcached does not).
pub fn engine_keeps_snapshots(engine: Option<&Attr>) -> bool {
    engine
        .and_then(Attr::as_str)
        .is_some_and(|e| e.eq_ignore_ascii_case("redis") || e.eq_ignore_ascii_case("valkey"))
}

/// `cache.t1.*` nodes cannot keep snapshots.
pub fn node_keeps_snapshots(node_type: Option<&Attr>) -> bool {
    !node_type.and_then(Attr::as_str).is_some_and(|t| t.starts_with("cache.t1."))
}

fn given(attr: Option<&Attr>) -> Option<&Attr> {
    attr.filter(|a| !a.is_null() && a.as_str() != Some(""))
}

pub fn replication_groups(deployment: &Deployment) -> Vec<ReplicationGroup<'_>> {
    let terraform = deployment.of_kind("aws_elasticache_replication_group").map(|r| ReplicationGroup {
        resource: r,
        at_rest_encryption: Switch::of(r.get("at_rest_encryption_enabled")),
        transit_encryption: Switch::of(r.get("transit_encryption_enabled")),
        auth_token: given(r.get("auth_token")),
        user_groups: given(r.get("user_group_ids")).filter(|g| g.is_set()),
        snapshot_retention: Number::of(r.get("snapshot_retention_limit")),
        node_type: r.get("node_type"),
    });
    let cloudformation = deployment.of_kind("AWS::ElastiCache::ReplicationGroup").map(|r| ReplicationGroup {
        resource: r,
        at_rest_encryption: Switch::of(r.get("AtRestEncryptionEnabled")),
        transit_encryption: Switch::of(r.get("TransitEncryptionEnabled")),
        auth_token: given(r.get("AuthToken")),
        user_groups: given(r.get("UserGroupIds")).filter(|g| g.is_set()),
        snapshot_retention: Number::of(r.get("SnapshotRetentionLimit")),
        node_type: r.get("CacheNodeType"),
    });
    terraform.chain(cloudformation).collect()
}

pub fn cache_clusters(deployment: &Deployment) -> Vec<CacheCluster<'_>> {
    let terraform = deployment.of_kind("aws_elasticache_cluster").map(|r| CacheCluster {
        resource: r,
        engine: r.get("engine"),
        in_replication_group: given(r.get("replication_group_id")).is_some(),
        snapshot_retention: Number::of(r.get("snapshot_retention_limit")),
        node_type: r.get("node_type"),
    });
    let cloudformation = deployment.of_kind("AWS::ElastiCache::CacheCluster").map(|r| CacheCluster {
        resource: r,
        engine: r.get("Engine"),
        in_replication_group: false,
        snapshot_retention: Number::of(r.get("SnapshotRetentionLimit")),
        node_type: r.get("CacheNodeType"),
    });
    terraform.chain(cloudformation).collect()
}
