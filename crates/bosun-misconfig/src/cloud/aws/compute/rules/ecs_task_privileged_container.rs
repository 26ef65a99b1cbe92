use crate::cloud::aws::compute::ecs;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ154",
        name: "ecs-task-privileged-container",
        title: "ECS task definition runs a privileged container",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.least-access"],
        aliases: &["CKV_AWS_334"],
        rationale: "A privileged container gets every capability and the host's devices: code that breaks out of it, or simply abuses it, controls the EC2 instance and every other task on it. Few workloads need this; those that do should run on dedicated capacity.",
        remediation: "Remove `privileged = true` from the container in `container_definitions` of the `aws_ecs_task_definition` (`Privileged` in `ContainerDefinitions` in CloudFormation), adding only the Linux capabilities the container needs.",
        bad_example: "resource \"aws_ecs_task_definition\" \"app\" {\n  family = \"app\"\n  container_definitions = jsonencode([\n    {\n      name  = \"app\"\n      image = \"registry.example.com/app:1.4\"\n      privileged = true\n    }\n  ])\n}\n",
        good_example: "resource \"aws_ecs_task_definition\" \"app\" {\n  family = \"app\"\n  container_definitions = jsonencode([\n    {\n      name  = \"app\"\n      image = \"registry.example.com/app:1.4\"\n      privileged = false\n    }\n  ])\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  App:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Family: app\n      ContainerDefinitions:\n        - Name: app\n          Image: registry.example.com/app:1.4\n          Privileged: true\n",
            good: "Resources:\n  App:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Family: app\n      ContainerDefinitions:\n        - Name: app\n          Image: registry.example.com/app:1.4\n          Privileged: false\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for task in ecs::task_definitions(deployment) {
        for container in task.containers.iter().flatten() {
            if let Some(at) = container.get("privileged").filter(|p| p.is_true()) {
                let message = format!("container `{}` runs in privileged mode", container.name());
                deployment.report(hits, task.resource, Some(at), message);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    #[test]
    fn heredoc_definitions_and_computed_ones() {
        let heredoc = "resource \"aws_ecs_task_definition\" \"app\" {\n  family = \"app\"\n  \
                       container_definitions = <<EOF\n[{\"name\": \"app\", \"image\": \"app:1\", \"privileged\": true}]\nEOF\n}\n";
        let found = run_on_example(&RULE, heredoc);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, "container `app` runs in privileged mode");
        let computed = "resource \"aws_ecs_task_definition\" \"app\" {\n  family = \"app\"\n  \
                        container_definitions = var.containers\n}\n";
        assert!(run_on_example(&RULE, computed).is_empty());
    }
}
