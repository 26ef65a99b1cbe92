use crate::cloud::aws::compute::ecs;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ162",
        name: "ecs-service-public-ip",
        title: "ECS service gives its tasks public IP addresses",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.least-access", "run.network-segregation"],
        aliases: &["CKV_AWS_333"],
        rationale: "Tasks with public IP addresses can be reached from the internet directly, past any load balancer, with only their security groups in the way. Tasks in private subnets, reached through a load balancer and leaving through a NAT gateway or VPC endpoints, expose far less.",
        remediation: "Set `assign_public_ip = false` in the `network_configuration` of the `aws_ecs_service` (`AssignPublicIp: DISABLED` in `AwsvpcConfiguration` in CloudFormation) and run the tasks in private subnets.",
        bad_example: "resource \"aws_ecs_service\" \"app\" {\n  name            = \"app\"\n  cluster         = \"main\"\n  task_definition = \"app:3\"\n  network_configuration {\n    subnets          = [\"subnet-0123456789abcdef0\"]\n    assign_public_ip = true\n  }\n}\n",
        good_example: "resource \"aws_ecs_service\" \"app\" {\n  name            = \"app\"\n  cluster         = \"main\"\n  task_definition = \"app:3\"\n  network_configuration {\n    subnets          = [\"subnet-0123456789abcdef0\"]\n    assign_public_ip = false\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  App:\n    Type: AWS::ECS::Service\n    Properties:\n      Cluster: main\n      TaskDefinition: app:3\n      NetworkConfiguration:\n        AwsvpcConfiguration:\n          Subnets:\n            - subnet-0123456789abcdef0\n          AssignPublicIp: ENABLED\n",
            good: "Resources:\n  App:\n    Type: AWS::ECS::Service\n    Properties:\n      Cluster: main\n      TaskDefinition: app:3\n      NetworkConfiguration:\n        AwsvpcConfiguration:\n          Subnets:\n            - subnet-0123456789abcdef0\n          AssignPublicIp: DISABLED\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for service in ecs::services(deployment) {
        if service.assigns_public_ip() {
            deployment.report(
                hits,
                service.resource,
                service.assign_public_ip,
                "the service's tasks get public IP addresses",
            );
        }
    }
}
