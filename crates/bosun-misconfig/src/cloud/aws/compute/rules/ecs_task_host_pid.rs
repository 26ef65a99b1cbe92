use crate::cloud::aws::compute::ecs;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ157",
        name: "ecs-task-host-pid",
        title: "ECS task definition shares the host's process namespace",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.least-access"],
        aliases: &["CKV_AWS_335"],
        rationale: "With `pid_mode = \"host\"` the containers see every process of the EC2 instance, including other tasks and the ECS agent, and can signal or inspect them. It is a step towards controlling the host.",
        remediation: "Remove `pid_mode` from the `aws_ecs_task_definition` or set it to `task` (`PidMode` in CloudFormation).",
        bad_example: "resource \"aws_ecs_task_definition\" \"app\" {\n  family = \"app\"\n  pid_mode = \"host\"\n  container_definitions = jsonencode([\n    {\n      name  = \"app\"\n      image = \"registry.example.com/app:1.4\"\n    }\n  ])\n}\n",
        good_example: "resource \"aws_ecs_task_definition\" \"app\" {\n  family = \"app\"\n  pid_mode = \"task\"\n  container_definitions = jsonencode([\n    {\n      name  = \"app\"\n      image = \"registry.example.com/app:1.4\"\n    }\n  ])\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  App:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Family: app\n      PidMode: host\n      ContainerDefinitions:\n        - Name: app\n          Image: registry.example.com/app:1.4\n",
            good: "Resources:\n  App:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Family: app\n      PidMode: task\n      ContainerDefinitions:\n        - Name: app\n          Image: registry.example.com/app:1.4\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for task in ecs::task_definitions(deployment) {
        let Some(mode) = task.pid_mode.filter(|m| m.as_str().is_some_and(|m| m.eq_ignore_ascii_case("host")))
        else {
            continue;
        };
        deployment.report(hits, task.resource, Some(mode), "the task shares the host's process namespace");
    }
}
