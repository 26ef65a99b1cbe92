use crate::cloud::aws::network::elb::{self, LbType};
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ074",
        name: "elb-deletion-protection-disabled",
        title: "Load balancer does not have deletion protection enabled",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["CKV_AWS_150"],
        rationale: "Deleting a load balancer takes the service behind it offline and frees its DNS name. Deletion protection makes that a two-step decision, guarding against a mistaken apply or a careless console action.",
        remediation: "Set `enable_deletion_protection = true` (attribute `deletion_protection.enabled` set to `true`).",
        bad_example: "resource \"aws_lb\" \"web\" {\n  name               = \"web\"\n  load_balancer_type = \"application\"\n  subnets            = [\"subnet-0abc1234\", \"subnet-0def5678\"]\n  internal           = true\n}\n",
        good_example: "resource \"aws_lb\" \"web\" {\n  name               = \"web\"\n  load_balancer_type = \"application\"\n  subnets            = [\"subnet-0abc1234\", \"subnet-0def5678\"]\n  internal           = true\n  enable_deletion_protection = true\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Web:\n    Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n    Properties:\n      Type: application\n      Scheme: internal\n      Subnets:\n        - subnet-0abc1234\n        - subnet-0def5678\n",
            good: "Resources:\n  Web:\n    Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n    Properties:\n      Type: application\n      Scheme: internal\n      Subnets:\n        - subnet-0abc1234\n        - subnet-0def5678\n      LoadBalancerAttributes:\n        - Key: deletion_protection.enabled\n          Value: \"true\"\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for lb in elb::load_balancers(deployment) {
        if matches!(lb.lb_type, LbType::Classic | LbType::Unknown) {
            continue;
        }
        match lb.deletion_protection {
            Some(protection) if protection.is_false() => {
                deployment.report(hits, lb.resource, Some(protection), "deletion protection is turned off")
            }
            None => deployment.report(hits, lb.resource, None, "deletion protection is not enabled"),
            _ => {}
        }
    }
}
