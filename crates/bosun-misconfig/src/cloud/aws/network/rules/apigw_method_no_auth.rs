use crate::cloud::aws::network::apigateway;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ087",
        name: "apigw-method-no-authorization",
        title: "API Gateway method is callable without authorization",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.least-access"],
        aliases: &["AVD-AWS-0004", "aws-apigateway-no-public-access", "CKV_AWS_59", "CKV2_AWS_70", "W59"],
        rationale: "A method with no authorizer and no API key can be called by anyone who finds the URL. That suits deliberately public endpoints; anywhere else it exposes the backend it fronts, and its cost, to the whole internet.",
        remediation: "Set `authorization` (`AuthorizationType`) to `AWS_IAM`, `COGNITO_USER_POOLS` or `CUSTOM`, or require an API key (`api_key_required`/`ApiKeyRequired`).",
        bad_example: "resource \"aws_api_gateway_method\" \"get_orders\" {\n  rest_api_id   = \"a1b2c3d4e5\"\n  resource_id   = \"r1s2t3\"\n  http_method   = \"GET\"\n  authorization = \"NONE\"\n}\n",
        good_example: "resource \"aws_api_gateway_method\" \"get_orders\" {\n  rest_api_id   = \"a1b2c3d4e5\"\n  resource_id   = \"r1s2t3\"\n  http_method   = \"GET\"\n  authorization = \"AWS_IAM\"\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  GetOrders:\n    Type: AWS::ApiGateway::Method\n    Properties:\n      RestApiId: a1b2c3d4e5\n      ResourceId: r1s2t3\n      HttpMethod: GET\n      AuthorizationType: NONE\n      Integration:\n        Type: MOCK\n",
            good: "Resources:\n  GetOrders:\n    Type: AWS::ApiGateway::Method\n    Properties:\n      RestApiId: a1b2c3d4e5\n      ResourceId: r1s2t3\n      HttpMethod: GET\n      AuthorizationType: AWS_IAM\n      Integration:\n        Type: MOCK\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for method in apigateway::methods(deployment) {
        let Some(verb) = method.http_method.and_then(|m| m.as_str()) else { continue };
        if verb.eq_ignore_ascii_case("OPTIONS") || method.api_key_required.is_some_and(|k| k.is_true()) {
            continue;
        }
        let open = match method.authorization {
            Some(authorization) => authorization.as_str().is_some_and(|a| a.eq_ignore_ascii_case("NONE")),
            None => method.authorization_default_none,
        };
        if open {
            let message = format!("{verb} is callable without an authorizer or API key");
            deployment.report(hits, method.resource, method.authorization, message);
        }
    }
}
