use crate::cloud::aws::compute::common::literal_secret;
use crate::cloud::aws::compute::ecs;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ155",
        name: "ecs-task-secret-in-environment",
        title: "ECS task definition writes a secret into a container's environment",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["AVD-AWS-0036", "aws-ecs-no-plaintext-secrets"],
        rationale: "Plain `environment` values are part of the task definition: anyone allowed to describe task definitions reads them, they are kept in every revision, and the code that declares them keeps them in version control. Secrets belong in Secrets Manager or SSM Parameter Store, handed to the container through `secrets` at start.",
        remediation: "Move the value to Secrets Manager or a SecureString parameter and reference it from the container's `secrets` list (`Secrets` with `ValueFrom` in CloudFormation) instead of `environment`.",
        bad_example: "resource \"aws_ecs_task_definition\" \"app\" {\n  family = \"app\"\n  container_definitions = jsonencode([\n    {\n      name  = \"app\"\n      image = \"registry.example.com/app:1.4\"\n      environment = [\n        { name = \"LOG_LEVEL\", value = \"info\" },\n        { name = \"DB_PASSWORD\", value = \"Winter2024!\" }\n      ]\n    }\n  ])\n}\n",
        good_example: "resource \"aws_ecs_task_definition\" \"app\" {\n  family = \"app\"\n  container_definitions = jsonencode([\n    {\n      name  = \"app\"\n      image = \"registry.example.com/app:1.4\"\n      environment = [\n        { name = \"LOG_LEVEL\", value = \"info\" }\n      ]\n      secrets = [\n        { name = \"DB_PASSWORD\", valueFrom = \"arn:aws:secretsmanager:eu-west-1:123456789012:secret:db\" }\n      ]\n    }\n  ])\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  App:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Family: app\n      ContainerDefinitions:\n        - Name: app\n          Image: registry.example.com/app:1.4\n          Environment:\n            - Name: LOG_LEVEL\n              Value: info\n            - Name: DB_PASSWORD\n              Value: Winter2024!\n",
            good: "Resources:\n  App:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Family: app\n      ContainerDefinitions:\n        - Name: app\n          Image: registry.example.com/app:1.4\n          Environment:\n            - Name: LOG_LEVEL\n              Value: info\n          Secrets:\n            - Name: DB_PASSWORD\n              ValueFrom: arn:aws:secretsmanager:eu-west-1:123456789012:secret:db\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for task in ecs::task_definitions(deployment) {
        for container in task.containers.iter().flatten() {
            for (name, value, _) in container.environment() {
                let Some(reason) = literal_secret(name, value) else { continue };
                let message =
                    format!("container `{}` sets {name} to {reason} in its environment", container.name());
                deployment.report(hits, task.resource, Some(value), message);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::{run_on_cloudformation_example, run_on_example};

    #[test]
    fn every_container_and_both_spellings() {
        let text = "resource \"aws_ecs_task_definition\" \"app\" {\n  family = \"app\"\n  container_definitions = jsonencode([\n    \
                    { name = \"web\", image = \"web:1\", environment = [{ name = \"PORT\", value = \"80\" }] },\n    \
                    { name = \"worker\", image = \"worker:1\", environment = [{ name = \"API_TOKEN\", value = \"tok_8d7f6a5e\" }] }\n  ])\n}\n";
        let found = run_on_example(&RULE, text);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "container `worker` sets API_TOKEN to a literal secret in its environment"
        );
        let cfn = "Resources:\n  App:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        \
                   - Name: web\n          Image: web:1\n          Environment:\n            - Name: DB_PASSWORD\n              \
                   Value: !Ref DbPassword\n            - Name: REDIS_URL\n              Value: redis://:s3cret@cache:6379/0\n";
        let found = run_on_cloudformation_example(&RULE, cfn);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("REDIS_URL"), "{found:?}");
    }

    #[test]
    fn computed_values_are_not_judged() {
        let text = "resource \"aws_ecs_task_definition\" \"app\" {\n  family = \"app\"\n  container_definitions = jsonencode([\n    \
                    { name = \"web\", image = \"web:1\", environment = [{ name = \"DB_PASSWORD\", value = var.password }] }\n  ])\n}\n";
        assert!(run_on_example(&RULE, text).is_empty());
    }
}
