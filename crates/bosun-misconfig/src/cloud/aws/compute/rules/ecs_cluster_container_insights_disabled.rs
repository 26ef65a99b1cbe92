use crate::cloud::aws::compute::ecs;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ159",
        name: "ecs-cluster-container-insights-disabled",
        title: "ECS cluster does not have Container Insights enabled",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.audit-logging"],
        aliases: &["AVD-AWS-0034", "aws-ecs-enable-container-insight", "CKV_AWS_65"],
        rationale: "Container Insights collects per-task and per-container metrics and performance logs. Without it, resource exhaustion, crash loops and unusual activity in the cluster are much harder to notice and to investigate afterwards.",
        remediation: "Add `setting { name = \"containerInsights\" value = \"enabled\" }` to the `aws_ecs_cluster` (`ClusterSettings: [{Name: containerInsights, Value: enabled}]` in CloudFormation).",
        bad_example: "resource \"aws_ecs_cluster\" \"main\" {\n  name = \"main\"\n}\n",
        good_example: "resource \"aws_ecs_cluster\" \"main\" {\n  name = \"main\"\n  setting {\n    name  = \"containerInsights\"\n    value = \"enabled\"\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Main:\n    Type: AWS::ECS::Cluster\n    Properties:\n      ClusterName: main\n      ClusterSettings:\n        - Name: containerInsights\n          Value: disabled\n",
            good: "Resources:\n  Main:\n    Type: AWS::ECS::Cluster\n    Properties:\n      ClusterName: main\n      ClusterSettings:\n        - Name: containerInsights\n          Value: enabled\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    let account_default = ecs::account_insights_default(deployment);
    for cluster in ecs::clusters(deployment) {
        match cluster.container_insights {
            Some(value) if value.as_str().is_some_and(|v| !ecs::insights_on(v)) => {
                deployment.report(hits, cluster.resource, Some(value), "Container Insights is turned off")
            }
            Some(_) => {}
            None if !cluster.settings_unknown && !account_default => deployment.report(
                hits,
                cluster.resource,
                None,
                "the cluster does not turn on Container Insights",
            ),
            None => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    #[test]
    fn the_account_default_covers_clusters() {
        let text = "resource \"aws_ecs_cluster\" \"main\" {\n  name = \"main\"\n}\n\n\
                    resource \"aws_ecs_account_setting_default\" \"insights\" {\n  name  = \"containerInsights\"\n  value = \"enhanced\"\n}\n";
        assert!(run_on_example(&RULE, text).is_empty());
    }
}
