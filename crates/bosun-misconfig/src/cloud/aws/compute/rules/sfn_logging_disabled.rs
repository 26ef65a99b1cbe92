use crate::cloud::aws::compute::stepfunctions;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ184",
        name: "sfn-logging-disabled",
        title: "Step Functions state machine does not log its executions",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.audit-logging"],
        aliases: &[],
        rationale: "Execution logs record each state transition, its input and output and every failure. With logging off (the default), a failed or abused workflow leaves only the execution history, which Express workflows do not keep at all.",
        remediation: "Add `logging_configuration { level = \"ERROR\" (or \"ALL\") log_destination = \"${aws_cloudwatch_log_group.x.arn}:*\" }` to the `aws_sfn_state_machine` (`LoggingConfiguration` with `Level` and `Destinations` in CloudFormation).",
        bad_example: "resource \"aws_sfn_state_machine\" \"orders\" {\n  name       = \"orders\"\n  role_arn   = \"arn:aws:iam::123456789012:role/orders-sfn\"\n  definition = jsonencode({ StartAt = \"Done\", States = { Done = { Type = \"Succeed\" } } })\n  logging_configuration {\n    level = \"OFF\"\n  }\n}\n",
        good_example: "resource \"aws_sfn_state_machine\" \"orders\" {\n  name       = \"orders\"\n  role_arn   = \"arn:aws:iam::123456789012:role/orders-sfn\"\n  definition = jsonencode({ StartAt = \"Done\", States = { Done = { Type = \"Succeed\" } } })\n  logging_configuration {\n    level                  = \"ALL\"\n    include_execution_data = true\n    log_destination        = \"arn:aws:logs:eu-west-1:123456789012:log-group:/sfn/orders:*\"\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Orders:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n      RoleArn: arn:aws:iam::123456789012:role/orders-sfn\n      DefinitionString: '{\"StartAt\": \"Done\", \"States\": {\"Done\": {\"Type\": \"Succeed\"}}}'\n",
            good: "Resources:\n  Orders:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n      RoleArn: arn:aws:iam::123456789012:role/orders-sfn\n      DefinitionString: '{\"StartAt\": \"Done\", \"States\": {\"Done\": {\"Type\": \"Succeed\"}}}'\n      LoggingConfiguration:\n        Level: ERROR\n        Destinations:\n          - CloudWatchLogsLogGroup:\n              LogGroupArn: arn:aws:logs:eu-west-1:123456789012:log-group:/sfn/orders:*\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for machine in stepfunctions::state_machines(deployment) {
        if machine.logging.is_some_and(|l| l.is_unknown()) {
            continue;
        }
        match machine.log_level.filter(|l| !l.is_null()) {
            None => deployment.report(
                hits,
                machine.resource,
                machine.logging,
                "the state machine does not log executions",
            ),
            Some(level) if level.as_str().is_some_and(|l| l.eq_ignore_ascii_case("OFF")) => {
                deployment.report(hits, machine.resource, Some(level), "execution logging is set to OFF")
            }
            Some(_) => {}
        }
    }
}
