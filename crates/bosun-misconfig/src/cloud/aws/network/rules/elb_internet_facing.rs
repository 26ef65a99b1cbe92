use crate::cloud::aws::network::elb::{self, LbType};
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ073",
        name: "elb-internet-facing",
        title: "Load balancer is internet-facing",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.least-access"],
        aliases: &["AVD-AWS-0053", "aws-elb-alb-not-public"],
        rationale: "Many load balancers are meant to be public, but an internal service published by leaving the scheme at its default is a common accident. This finding asks for a deliberate choice: make the load balancer internal, or suppress the finding where exposure is intended.",
        remediation: "Set `internal = true` (`Scheme: internal`) unless the load balancer is meant to serve the internet.",
        bad_example: "resource \"aws_lb\" \"web\" {\n  name               = \"web\"\n  load_balancer_type = \"application\"\n  subnets            = [\"subnet-0abc1234\", \"subnet-0def5678\"]\n  drop_invalid_header_fields = true\n}\n",
        good_example: "resource \"aws_lb\" \"web\" {\n  name               = \"web\"\n  load_balancer_type = \"application\"\n  subnets            = [\"subnet-0abc1234\", \"subnet-0def5678\"]\n  internal           = true\n  drop_invalid_header_fields = true\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Web:\n    Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n    Properties:\n      Type: application\n      Subnets:\n        - subnet-0abc1234\n        - subnet-0def5678\n",
            good: "Resources:\n  Web:\n    Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n    Properties:\n      Type: application\n      Scheme: internal\n      Subnets:\n        - subnet-0abc1234\n        - subnet-0def5678\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for lb in elb::load_balancers(deployment) {
        if lb.lb_type == LbType::Gateway || lb.internet_facing != Some(true) {
            continue;
        }
        deployment.report(hits, lb.resource, lb.scheme, "the load balancer is reachable from the internet");
    }
}
