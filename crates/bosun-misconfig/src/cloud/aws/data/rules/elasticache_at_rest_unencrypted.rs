use crate::cloud::aws::data::checks::require_on;
use crate::cloud::aws::data::elasticache;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ217",
        name: "elasticache-at-rest-unencrypted",
        title: "ElastiCache replication group is not encrypted at rest",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["AVD-AWS-0045", "aws-elasticache-enable-at-rest-encryption", "CKV_AWS_29", "F25"],
        rationale: "Redis data spills to disk in snapshots, swap and backups exported to S3. Without encryption at rest those copies are stored in clear. The setting can only be chosen when the replication group is created.",
        remediation: "Set `at_rest_encryption_enabled = true` on the `aws_elasticache_replication_group` (`AtRestEncryptionEnabled: true` on `AWS::ElastiCache::ReplicationGroup`).",
        bad_example: "resource \"aws_elasticache_replication_group\" \"sessions\" {\n  replication_group_id = \"sessions\"\n  description          = \"session store\"\n  engine               = \"redis\"\n  node_type            = \"cache.t4g.small\"\n  num_cache_clusters   = 2\n  at_rest_encryption_enabled = false\n}\n",
        good_example: "resource \"aws_elasticache_replication_group\" \"sessions\" {\n  replication_group_id = \"sessions\"\n  description          = \"session store\"\n  engine               = \"redis\"\n  node_type            = \"cache.t4g.small\"\n  num_cache_clusters   = 2\n  at_rest_encryption_enabled = true\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Sessions:\n    Type: AWS::ElastiCache::ReplicationGroup\n    Properties:\n      ReplicationGroupDescription: session store\n      Engine: redis\n      CacheNodeType: cache.t4g.small\n      NumCacheClusters: 2\n",
            good: "Resources:\n  Sessions:\n    Type: AWS::ElastiCache::ReplicationGroup\n    Properties:\n      ReplicationGroupDescription: session store\n      Engine: redis\n      CacheNodeType: cache.t4g.small\n      NumCacheClusters: 2\n      AtRestEncryptionEnabled: true\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for group in elasticache::replication_groups(deployment) {
        require_on(
            deployment,
            hits,
            group.resource,
            group.at_rest_encryption,
            "encryption at rest is turned off on the replication group",
            "the replication group does not enable encryption at rest",
        );
    }
}
