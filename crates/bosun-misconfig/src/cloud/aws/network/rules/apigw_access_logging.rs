use crate::cloud::aws::network::apigateway;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ084",
        name: "apigw-stage-access-logging-disabled",
        title: "API Gateway stage does not write access logs",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.audit-logging"],
        aliases: &["AVD-AWS-0001", "aws-apigateway-enable-access-logging", "CKV_AWS_76", "CKV_AWS_95", "W69", "W46"],
        rationale: "Access logs record who called which route, from where and with what result. Without them, abuse of an API, credential stuffing or data scraping leaves no trace to investigate.",
        remediation: "Add `access_log_settings { destination_arn = ..., format = ... }` to the stage (`AccessLogSetting` / `AccessLogSettings`).",
        bad_example: "resource \"aws_api_gateway_stage\" \"prod\" {\n  rest_api_id   = \"a1b2c3d4e5\"\n  deployment_id = \"x1y2z3\"\n  stage_name    = \"prod\"\n}\n",
        good_example: "resource \"aws_api_gateway_stage\" \"prod\" {\n  rest_api_id   = \"a1b2c3d4e5\"\n  deployment_id = \"x1y2z3\"\n  stage_name    = \"prod\"\n\n  access_log_settings {\n    destination_arn = \"arn:aws:logs:eu-west-1:111122223333:log-group:api-access\"\n    format          = \"$context.requestId $context.identity.sourceIp $context.status\"\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Default:\n    Type: AWS::ApiGatewayV2::Stage\n    Properties:\n      ApiId: a1b2c3d4e5\n      StageName: $default\n      AutoDeploy: true\n",
            good: "Resources:\n  Default:\n    Type: AWS::ApiGatewayV2::Stage\n    Properties:\n      ApiId: a1b2c3d4e5\n      StageName: $default\n      AutoDeploy: true\n      AccessLogSettings:\n        DestinationArn: arn:aws:logs:eu-west-1:111122223333:log-group:api-access\n        Format: $context.requestId $context.status\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for stage in apigateway::stages(deployment) {
        if stage.access_logs.is_none() {
            deployment.report(hits, stage.resource, None, "the stage has no access log destination");
        }
    }
}
