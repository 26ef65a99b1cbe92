use crate::cloud::aws::compute::ecs;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ158",
        name: "ecs-task-root-filesystem-writable",
        title: "ECS container can write to its root filesystem",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["CKV_AWS_336"],
        rationale: "A writable root filesystem lets an intruder drop tools, change binaries and persist in the container. Mounting it read-only, with volumes only where the application must write, takes that away and makes the container's contents match its image.",
        remediation: "Set `readonlyRootFilesystem = true` for each container in `container_definitions` (`ReadonlyRootFilesystem: true` in CloudFormation), mounting volumes for the paths that need writes.",
        bad_example: "resource \"aws_ecs_task_definition\" \"app\" {\n  family = \"app\"\n  container_definitions = jsonencode([\n    {\n      name  = \"app\"\n      image = \"registry.example.com/app:1.4\"\n    }\n  ])\n}\n",
        good_example: "resource \"aws_ecs_task_definition\" \"app\" {\n  family = \"app\"\n  container_definitions = jsonencode([\n    {\n      name  = \"app\"\n      image = \"registry.example.com/app:1.4\"\n      readonlyRootFilesystem = true\n    }\n  ])\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  App:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Family: app\n      ContainerDefinitions:\n        - Name: app\n          Image: registry.example.com/app:1.4\n          ReadonlyRootFilesystem: false\n",
            good: "Resources:\n  App:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Family: app\n      ContainerDefinitions:\n        - Name: app\n          Image: registry.example.com/app:1.4\n          ReadonlyRootFilesystem: true\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for task in ecs::task_definitions(deployment) {
        for container in task.containers.iter().flatten() {
            let setting = container.get("readonlyRootFilesystem").filter(|s| !s.is_null());
            let writable = setting.is_none_or(|s| s.is_false());
            if writable {
                // The definitions are JSON without lines of their own: point at the setting or the definitions.
                let at = setting.unwrap_or(&container.body);
                let message = format!("container `{}` has a writable root filesystem", container.name());
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
    fn each_container_is_judged() {
        let text = "resource \"aws_ecs_task_definition\" \"app\" {\n  family = \"app\"\n  container_definitions = jsonencode([\n    \
                    { name = \"web\", image = \"web:1\", readonlyRootFilesystem = true },\n    \
                    { name = \"sidecar\", image = \"envoy:1\" }\n  ])\n}\n";
        let found = run_on_example(&RULE, text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, "container `sidecar` has a writable root filesystem");
    }
}
