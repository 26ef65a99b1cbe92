use crate::cloud::aws::network::apigateway::{self, ApiVersion};
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ085",
        name: "apigw-stage-tracing-disabled",
        title: "API Gateway REST stage does not have X-Ray tracing enabled",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["AVD-AWS-0003", "aws-apigateway-enable-tracing", "CKV_AWS_73"],
        rationale: "X-Ray traces follow a request from the API through the services it calls. They make latency problems and unexpected call paths visible, including those an attacker creates while probing the backend.",
        remediation: "Set `xray_tracing_enabled = true` on the stage (`TracingEnabled: true`).",
        bad_example: "resource \"aws_api_gateway_stage\" \"prod\" {\n  rest_api_id   = \"a1b2c3d4e5\"\n  deployment_id = \"x1y2z3\"\n  stage_name    = \"prod\"\n}\n",
        good_example: "resource \"aws_api_gateway_stage\" \"prod\" {\n  rest_api_id   = \"a1b2c3d4e5\"\n  deployment_id = \"x1y2z3\"\n  stage_name    = \"prod\"\n  xray_tracing_enabled = true\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Prod:\n    Type: AWS::ApiGateway::Stage\n    Properties:\n      RestApiId: a1b2c3d4e5\n      DeploymentId: x1y2z3\n      StageName: prod\n",
            good: "Resources:\n  Prod:\n    Type: AWS::ApiGateway::Stage\n    Properties:\n      RestApiId: a1b2c3d4e5\n      DeploymentId: x1y2z3\n      StageName: prod\n      TracingEnabled: true\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for stage in apigateway::stages(deployment) {
        if stage.version != ApiVersion::V1 {
            continue;
        }
        match stage.tracing {
            Some(tracing) if tracing.is_false() => {
                deployment.report(hits, stage.resource, Some(tracing), "X-Ray tracing is turned off")
            }
            None => deployment.report(hits, stage.resource, None, "X-Ray tracing is not enabled"),
            _ => {}
        }
    }
}
