use crate::cloud::aws::network::elb;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ076",
        name: "elb-desync-mitigation-monitor",
        title: "Load balancer only monitors HTTP desync attempts",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["CKV_AWS_328"],
        rationale: "In `monitor` mode the load balancer forwards requests it recognises as ambiguous, the raw material of HTTP request smuggling, to the targets. The `defensive` and `strictest` modes block the dangerous ones.",
        remediation: "Set `desync_mitigation_mode` to `defensive` or `strictest` (attribute `routing.http.desync_mitigation_mode`).",
        bad_example: "resource \"aws_lb\" \"web\" {\n  name               = \"web\"\n  load_balancer_type = \"application\"\n  subnets            = [\"subnet-0abc1234\", \"subnet-0def5678\"]\n  internal           = true\n  desync_mitigation_mode = \"monitor\"\n}\n",
        good_example: "resource \"aws_lb\" \"web\" {\n  name               = \"web\"\n  load_balancer_type = \"application\"\n  subnets            = [\"subnet-0abc1234\", \"subnet-0def5678\"]\n  internal           = true\n  desync_mitigation_mode = \"defensive\"\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Web:\n    Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n    Properties:\n      Type: application\n      Scheme: internal\n      Subnets:\n        - subnet-0abc1234\n        - subnet-0def5678\n      LoadBalancerAttributes:\n        - Key: routing.http.desync_mitigation_mode\n          Value: \"monitor\"\n",
            good: "Resources:\n  Web:\n    Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n    Properties:\n      Type: application\n      Scheme: internal\n      Subnets:\n        - subnet-0abc1234\n        - subnet-0def5678\n      LoadBalancerAttributes:\n        - Key: routing.http.desync_mitigation_mode\n          Value: \"strictest\"\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for lb in elb::load_balancers(deployment) {
        if let Some(mode) =
            lb.desync_mode.filter(|m| m.as_str().is_some_and(|m| m.eq_ignore_ascii_case("monitor")))
        {
            deployment.report(
                hits,
                lb.resource,
                Some(mode),
                "desync mitigation only monitors ambiguous requests",
            );
        }
    }
}
