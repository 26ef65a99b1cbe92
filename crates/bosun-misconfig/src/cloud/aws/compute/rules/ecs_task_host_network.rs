use crate::cloud::aws::compute::ecs;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ156",
        name: "ecs-task-host-network",
        title: "ECS task definition shares the host's network",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "run.network-segregation"],
        aliases: &[],
        rationale: "In `host` network mode the containers use the EC2 instance's network stack: they bind its ports, reach services listening on its loopback interface, and cannot have security groups of their own. A compromised container is then on the host's network with the host's identity.",
        remediation: "Use `network_mode = \"awsvpc\"` (or `bridge`) on the `aws_ecs_task_definition` (`NetworkMode` in CloudFormation).",
        bad_example: "resource \"aws_ecs_task_definition\" \"app\" {\n  family = \"app\"\n  network_mode = \"host\"\n  container_definitions = jsonencode([\n    {\n      name  = \"app\"\n      image = \"registry.example.com/app:1.4\"\n    }\n  ])\n}\n",
        good_example: "resource \"aws_ecs_task_definition\" \"app\" {\n  family = \"app\"\n  network_mode = \"awsvpc\"\n  container_definitions = jsonencode([\n    {\n      name  = \"app\"\n      image = \"registry.example.com/app:1.4\"\n    }\n  ])\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  App:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Family: app\n      NetworkMode: host\n      ContainerDefinitions:\n        - Name: app\n          Image: registry.example.com/app:1.4\n",
            good: "Resources:\n  App:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Family: app\n      NetworkMode: awsvpc\n      ContainerDefinitions:\n        - Name: app\n          Image: registry.example.com/app:1.4\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for task in ecs::task_definitions(deployment) {
        let Some(mode) =
            task.network_mode.filter(|m| m.as_str().is_some_and(|m| m.eq_ignore_ascii_case("host")))
        else {
            continue;
        };
        deployment.report(hits, task.resource, Some(mode), "the task uses the host's network stack");
    }
}
