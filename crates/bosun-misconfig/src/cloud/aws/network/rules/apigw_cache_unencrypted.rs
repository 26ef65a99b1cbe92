use crate::cloud::aws::network::apigateway;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ086",
        name: "apigw-cache-unencrypted",
        title: "API Gateway caches responses without encrypting them",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["AVD-AWS-0002", "aws-apigateway-enable-cache-encryption", "CKV_AWS_308"],
        rationale: "Cached responses can hold whatever the API returns: personal data, tokens, internal identifiers. Encrypting the cache keeps them protected at rest like the backend data they copy.",
        remediation: "Set `cache_data_encrypted = true` wherever `caching_enabled = true` (`CacheDataEncrypted: true` in `MethodSettings`).",
        bad_example: "resource \"aws_api_gateway_method_settings\" \"all\" {\n  rest_api_id = \"a1b2c3d4e5\"\n  stage_name  = \"prod\"\n  method_path = \"*/*\"\n\n  settings {\n    caching_enabled      = true\n  }\n}\n",
        good_example: "resource \"aws_api_gateway_method_settings\" \"all\" {\n  rest_api_id = \"a1b2c3d4e5\"\n  stage_name  = \"prod\"\n  method_path = \"*/*\"\n\n  settings {\n    caching_enabled      = true\n    cache_data_encrypted = true\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Prod:\n    Type: AWS::ApiGateway::Stage\n    Properties:\n      RestApiId: a1b2c3d4e5\n      DeploymentId: x1y2z3\n      StageName: prod\n      CacheClusterEnabled: true\n      MethodSettings:\n        - ResourcePath: /*\n          HttpMethod: \"*\"\n          CachingEnabled: true\n          CacheDataEncrypted: false\n",
            good: "Resources:\n  Prod:\n    Type: AWS::ApiGateway::Stage\n    Properties:\n      RestApiId: a1b2c3d4e5\n      DeploymentId: x1y2z3\n      StageName: prod\n      CacheClusterEnabled: true\n      MethodSettings:\n        - ResourcePath: /*\n          HttpMethod: \"*\"\n          CachingEnabled: true\n          CacheDataEncrypted: true\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for setting in apigateway::cache_settings(deployment) {
        if !setting.caching_enabled.is_some_and(|c| c.is_true()) {
            continue;
        }
        match setting.encrypted {
            Some(encrypted) if encrypted.is_false() => deployment.report(
                hits,
                setting.resource,
                Some(encrypted),
                "cached responses are not encrypted",
            ),
            None => deployment.report(
                hits,
                setting.resource,
                Some(setting.block),
                "caching is enabled without encrypting the cached responses",
            ),
            _ => {}
        }
    }
}
