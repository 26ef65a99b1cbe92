use crate::cloud::aws::compute::ecs;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ161",
        name: "ecs-cluster-exec-logging-disabled",
        title: "ECS cluster does not log ECS Exec sessions",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.audit-logging"],
        aliases: &["CKV_AWS_223"],
        rationale: "ECS Exec opens interactive shells in running containers. With its logging set to `NONE`, the commands people run in production containers leave no record, so misuse cannot be traced.",
        remediation: "Set `logging` to `DEFAULT` or `OVERRIDE` (with a log configuration) in the `execute_command_configuration` of the `aws_ecs_cluster` (`ExecuteCommandConfiguration.Logging` in CloudFormation).",
        bad_example: "resource \"aws_ecs_cluster\" \"main\" {\n  name = \"main\"\n  configuration {\n    execute_command_configuration {\n      logging = \"NONE\"\n    }\n  }\n}\n",
        good_example: "resource \"aws_ecs_cluster\" \"main\" {\n  name = \"main\"\n  configuration {\n    execute_command_configuration {\n      logging = \"DEFAULT\"\n    }\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Main:\n    Type: AWS::ECS::Cluster\n    Properties:\n      ClusterName: main\n      Configuration:\n        ExecuteCommandConfiguration:\n          Logging: NONE\n",
            good: "Resources:\n  Main:\n    Type: AWS::ECS::Cluster\n    Properties:\n      ClusterName: main\n      Configuration:\n        ExecuteCommandConfiguration:\n          Logging: DEFAULT\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for cluster in ecs::clusters(deployment) {
        let Some(logging) =
            cluster.exec_logging.filter(|l| l.as_str().is_some_and(|l| l.eq_ignore_ascii_case("NONE")))
        else {
            continue;
        };
        deployment.report(hits, cluster.resource, Some(logging), "ECS Exec session logging is set to NONE");
    }
}
