use crate::cloud::aws::data::elasticache;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ219",
        name: "elasticache-auth-missing",
        title: "ElastiCache replication group lets clients connect without authenticating",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.least-access"],
        aliases: &["CKV_AWS_31"],
        rationale: "Without an AUTH token or RBAC user groups, anything that can reach the nodes on the network can read, change or flush the whole cache. Requiring authentication adds a credential check on top of the security groups.",
        remediation: "Set `auth_token` (with in-transit encryption) or `user_group_ids` on the `aws_elasticache_replication_group` (`AuthToken` or `UserGroupIds` on `AWS::ElastiCache::ReplicationGroup`).",
        bad_example: "resource \"aws_elasticache_replication_group\" \"sessions\" {\n  replication_group_id = \"sessions\"\n  description          = \"session store\"\n  engine               = \"redis\"\n  node_type            = \"cache.t4g.small\"\n  num_cache_clusters   = 2\n  transit_encryption_enabled = true\n}\n",
        good_example: "resource \"aws_elasticache_replication_group\" \"sessions\" {\n  replication_group_id = \"sessions\"\n  description          = \"session store\"\n  engine               = \"redis\"\n  node_type            = \"cache.t4g.small\"\n  num_cache_clusters   = 2\n  transit_encryption_enabled = true\n  user_group_ids             = [\"sessions-users\"]\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Sessions:\n    Type: AWS::ElastiCache::ReplicationGroup\n    Properties:\n      ReplicationGroupDescription: session store\n      Engine: redis\n      CacheNodeType: cache.t4g.small\n      NumCacheClusters: 2\n      TransitEncryptionEnabled: true\n",
            good: "Resources:\n  Sessions:\n    Type: AWS::ElastiCache::ReplicationGroup\n    Properties:\n      ReplicationGroupDescription: session store\n      Engine: redis\n      CacheNodeType: cache.t4g.small\n      NumCacheClusters: 2\n      TransitEncryptionEnabled: true\n      AuthToken: \"{{resolve:secretsmanager:sessions-auth:SecretString:token}}\"\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for group in elasticache::replication_groups(deployment) {
        if group.auth_token.is_none() && group.user_groups.is_none() {
            deployment.report(
                hits,
                group.resource,
                None,
                "the replication group sets neither an AUTH token nor RBAC user groups",
            );
        }
    }
}
