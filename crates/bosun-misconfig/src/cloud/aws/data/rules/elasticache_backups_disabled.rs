use crate::cloud::aws::data::checks::Number;
use crate::cloud::aws::data::elasticache;
use crate::cloud::Resource;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ220",
        name: "elasticache-backups-disabled",
        title: "ElastiCache Redis keeps no automatic backups",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["AVD-AWS-0050", "aws-elasticache-enable-backup-retention", "CKV_AWS_134"],
        rationale: "With the snapshot retention limit at zero, the default, Redis takes no daily snapshots, so a flush, a bad write or the loss of the nodes leaves nothing to restore from. A few days of snapshots cover most mistakes.",
        remediation: "Set `snapshot_retention_limit` above 0 on the `aws_elasticache_replication_group` or Redis `aws_elasticache_cluster` (`SnapshotRetentionLimit` in CloudFormation).",
        bad_example: "resource \"aws_elasticache_replication_group\" \"sessions\" {\n  replication_group_id = \"sessions\"\n  description          = \"session store\"\n  engine               = \"redis\"\n  node_type            = \"cache.t4g.small\"\n  num_cache_clusters   = 2\n  snapshot_retention_limit = 0\n}\n",
        good_example: "resource \"aws_elasticache_replication_group\" \"sessions\" {\n  replication_group_id = \"sessions\"\n  description          = \"session store\"\n  engine               = \"redis\"\n  node_type            = \"cache.t4g.small\"\n  num_cache_clusters   = 2\n  snapshot_retention_limit = 5\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Queue:\n    Type: AWS::ElastiCache::CacheCluster\n    Properties:\n      Engine: redis\n      CacheNodeType: cache.t4g.small\n      NumCacheNodes: 1\n",
            good: "Resources:\n  Queue:\n    Type: AWS::ElastiCache::CacheCluster\n    Properties:\n      Engine: redis\n      CacheNodeType: cache.t4g.small\n      NumCacheNodes: 1\n      SnapshotRetentionLimit: 3\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for group in elasticache::replication_groups(deployment) {
        if elasticache::node_keeps_snapshots(group.node_type) {
            judge(deployment, hits, group.resource, group.snapshot_retention);
        }
    }
    for cluster in elasticache::cache_clusters(deployment) {
        if !cluster.in_replication_group
            && elasticache::engine_keeps_snapshots(cluster.engine)
            && elasticache::node_keeps_snapshots(cluster.node_type)
        {
            judge(deployment, hits, cluster.resource, cluster.snapshot_retention);
        }
    }
}

fn judge(deployment: &Deployment, hits: &mut Hits, resource: &Resource, retention: Number) {
    match retention {
        Number::Known(0, attr) => {
            deployment.report(hits, resource, Some(attr), "automatic snapshots are turned off (retention 0)")
        }
        Number::Absent => deployment.report(
            hits,
            resource,
            None,
            "no snapshot retention limit is set, so no automatic snapshots are taken",
        ),
        _ => {}
    }
}
