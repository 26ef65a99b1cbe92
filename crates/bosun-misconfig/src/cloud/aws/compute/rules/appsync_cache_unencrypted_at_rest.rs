use crate::cloud::aws::compute::appsync;
use crate::cloud::aws::storage::switch::Switch;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ187",
        name: "appsync-cache-unencrypted-at-rest",
        title: "AppSync API cache is not encrypted at rest",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["CKV_AWS_214"],
        rationale: "The API cache holds resolver results, often the same personal or business data the API serves. Unless encryption at rest is turned on when the cache is created, that data is stored unencrypted.",
        remediation: "Set `at_rest_encryption_enabled = true` on the `aws_appsync_api_cache` (`AtRestEncryptionEnabled: true` in CloudFormation); the cache is replaced.",
        bad_example: "resource \"aws_appsync_api_cache\" \"shop\" {\n  api_id               = \"abcdefghijklmnopqrstuvwxyz\"\n  api_caching_behavior = \"FULL_REQUEST_CACHING\"\n  type                 = \"SMALL\"\n  ttl                  = 300\n}\n",
        good_example: "resource \"aws_appsync_api_cache\" \"shop\" {\n  api_id               = \"abcdefghijklmnopqrstuvwxyz\"\n  api_caching_behavior = \"FULL_REQUEST_CACHING\"\n  type                 = \"SMALL\"\n  ttl                  = 300\n  at_rest_encryption_enabled = true\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  ShopCache:\n    Type: AWS::AppSync::ApiCache\n    Properties:\n      ApiId: abcdefghijklmnopqrstuvwxyz\n      ApiCachingBehavior: FULL_REQUEST_CACHING\n      Type: SMALL\n      Ttl: 300\n      AtRestEncryptionEnabled: false\n",
            good: "Resources:\n  ShopCache:\n    Type: AWS::AppSync::ApiCache\n    Properties:\n      ApiId: abcdefghijklmnopqrstuvwxyz\n      ApiCachingBehavior: FULL_REQUEST_CACHING\n      Type: SMALL\n      Ttl: 300\n      AtRestEncryptionEnabled: true\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for cache in appsync::api_caches(deployment) {
        match cache.at_rest_encryption {
            Switch::Absent => deployment.report(
                hits,
                cache.resource,
                None,
                "the cache does not turn on at rest encryption encryption",
            ),
            Switch::Off(at) => deployment.report(
                hits,
                cache.resource,
                Some(at),
                "at rest encryption encryption is turned off",
            ),
            Switch::On(_) | Switch::Unknown(_) => {}
        }
    }
}
