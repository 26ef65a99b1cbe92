use crate::cloud::aws::data::checks::require_on;
use crate::cloud::aws::data::elasticache;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ218",
        name: "elasticache-in-transit-unencrypted",
        title: "ElastiCache replication group does not encrypt traffic in transit",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["AVD-AWS-0051", "aws-elasticache-enable-in-transit-encryption", "CKV_AWS_30", "F33"],
        rationale: "Without in-transit encryption, commands and the values they carry (sessions, tokens, cached personal data) travel in clear between clients and nodes and between the nodes themselves. It is also the prerequisite for Redis AUTH.",
        remediation: "Set `transit_encryption_enabled = true` on the `aws_elasticache_replication_group` (`TransitEncryptionEnabled: true` on `AWS::ElastiCache::ReplicationGroup`).",
        bad_example: "resource \"aws_elasticache_replication_group\" \"sessions\" {\n  replication_group_id = \"sessions\"\n  description          = \"session store\"\n  engine               = \"redis\"\n  node_type            = \"cache.t4g.small\"\n  num_cache_clusters   = 2\n}\n",
        good_example: "resource \"aws_elasticache_replication_group\" \"sessions\" {\n  replication_group_id = \"sessions\"\n  description          = \"session store\"\n  engine               = \"redis\"\n  node_type            = \"cache.t4g.small\"\n  num_cache_clusters   = 2\n  transit_encryption_enabled = true\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Sessions:\n    Type: AWS::ElastiCache::ReplicationGroup\n    Properties:\n      ReplicationGroupDescription: session store\n      Engine: redis\n      CacheNodeType: cache.t4g.small\n      NumCacheClusters: 2\n      TransitEncryptionEnabled: false\n",
            good: "Resources:\n  Sessions:\n    Type: AWS::ElastiCache::ReplicationGroup\n    Properties:\n      ReplicationGroupDescription: session store\n      Engine: redis\n      CacheNodeType: cache.t4g.small\n      NumCacheClusters: 2\n      TransitEncryptionEnabled: true\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for group in elasticache::replication_groups(deployment) {
        require_on(
            deployment,
            hits,
            group.resource,
            group.transit_encryption,
            "in-transit encryption is turned off on the replication group",
            "the replication group does not enable in-transit encryption",
        );
    }
}
