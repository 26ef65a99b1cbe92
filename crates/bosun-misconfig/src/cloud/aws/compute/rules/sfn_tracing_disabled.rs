use crate::cloud::aws::compute::stepfunctions;
use crate::cloud::aws::storage::switch::Switch;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ185",
        name: "sfn-tracing-disabled",
        title: "Step Functions state machine does not have X-Ray tracing turned on",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.audit-logging"],
        aliases: &["CKV_AWS_284"],
        rationale: "X-Ray tracing follows an execution into the Lambda functions and services it calls, which is how a slow, failing or unexpected step is traced back to its cause across the whole workflow.",
        remediation: "Add `tracing_configuration { enabled = true }` to the `aws_sfn_state_machine` (`TracingConfiguration: {Enabled: true}` in CloudFormation).",
        bad_example: "resource \"aws_sfn_state_machine\" \"orders\" {\n  name       = \"orders\"\n  role_arn   = \"arn:aws:iam::123456789012:role/orders-sfn\"\n  definition = jsonencode({ StartAt = \"Done\", States = { Done = { Type = \"Succeed\" } } })\n}\n",
        good_example: "resource \"aws_sfn_state_machine\" \"orders\" {\n  name       = \"orders\"\n  role_arn   = \"arn:aws:iam::123456789012:role/orders-sfn\"\n  definition = jsonencode({ StartAt = \"Done\", States = { Done = { Type = \"Succeed\" } } })\n  tracing_configuration {\n    enabled = true\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Orders:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n      RoleArn: arn:aws:iam::123456789012:role/orders-sfn\n      DefinitionString: '{\"StartAt\": \"Done\", \"States\": {\"Done\": {\"Type\": \"Succeed\"}}}'\n      TracingConfiguration:\n        Enabled: false\n",
            good: "Resources:\n  Orders:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n      RoleArn: arn:aws:iam::123456789012:role/orders-sfn\n      DefinitionString: '{\"StartAt\": \"Done\", \"States\": {\"Done\": {\"Type\": \"Succeed\"}}}'\n      TracingConfiguration:\n        Enabled: true\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for machine in stepfunctions::state_machines(deployment) {
        match machine.tracing {
            Switch::Absent => {
                deployment.report(hits, machine.resource, None, "the state machine does not turn on tracing")
            }
            Switch::Off(at) => {
                deployment.report(hits, machine.resource, Some(at), "X-Ray tracing is turned off")
            }
            Switch::On(_) | Switch::Unknown(_) => {}
        }
    }
}
