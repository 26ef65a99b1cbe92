use crate::cloud::aws::compute::appsync;
use crate::cloud::aws::storage::switch::Switch;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ188",
        name: "appsync-cache-unencrypted-in-transit",
        title: "AppSync API cache is not encrypted in transit",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["CKV_AWS_215"],
        rationale: "Without transit encryption, the data AppSync reads from and writes to its cache crosses the network in clear text. It can only be turned on when the cache is created.",
        remediation: "Set `transit_encryption_enabled = true` on the `aws_appsync_api_cache` (`TransitEncryptionEnabled: true` in CloudFormation); the cache is replaced.",
        bad_example: "resource \"aws_appsync_api_cache\" \"shop\" {\n  api_id               = \"abcdefghijklmnopqrstuvwxyz\"\n  api_caching_behavior = \"FULL_REQUEST_CACHING\"\n  type                 = \"SMALL\"\n  ttl                  = 300\n}\n",
        good_example: "resource \"aws_appsync_api_cache\" \"shop\" {\n  api_id               = \"abcdefghijklmnopqrstuvwxyz\"\n  api_caching_behavior = \"FULL_REQUEST_CACHING\"\n  type                 = \"SMALL\"\n  ttl                  = 300\n  transit_encryption_enabled = true\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  ShopCache:\n    Type: AWS::AppSync::ApiCache\n    Properties:\n      ApiId: abcdefghijklmnopqrstuvwxyz\n      ApiCachingBehavior: FULL_REQUEST_CACHING\n      Type: SMALL\n      Ttl: 300\n      TransitEncryptionEnabled: false\n",
            good: "Resources:\n  ShopCache:\n    Type: AWS::AppSync::ApiCache\n    Properties:\n      ApiId: abcdefghijklmnopqrstuvwxyz\n      ApiCachingBehavior: FULL_REQUEST_CACHING\n      Type: SMALL\n      Ttl: 300\n      TransitEncryptionEnabled: true\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for cache in appsync::api_caches(deployment) {
        match cache.transit_encryption {
            Switch::Absent => deployment.report(
                hits,
                cache.resource,
                None,
                "the cache does not turn on transit encryption encryption",
            ),
            Switch::Off(at) => deployment.report(
                hits,
                cache.resource,
                Some(at),
                "transit encryption encryption is turned off",
            ),
            Switch::On(_) | Switch::Unknown(_) => {}
        }
    }
}
