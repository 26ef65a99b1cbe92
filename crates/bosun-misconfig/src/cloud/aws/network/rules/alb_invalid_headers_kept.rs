use crate::cloud::aws::network::elb::{self, LbType};
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ072",
        name: "alb-invalid-headers-not-dropped",
        title: "Application load balancer forwards invalid HTTP headers",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["AVD-AWS-0052", "aws-elb-drop-invalid-headers", "CKV_AWS_131"],
        rationale: "Header names with characters outside the HTTP specification are a common ingredient of request smuggling and header injection: the load balancer and the application may read the same request differently. Dropping them at the edge removes that ambiguity.",
        remediation: "Set `drop_invalid_header_fields = true` (attribute `routing.http.drop_invalid_header_fields.enabled` set to `true`).",
        bad_example: "resource \"aws_lb\" \"web\" {\n  name               = \"web\"\n  load_balancer_type = \"application\"\n  subnets            = [\"subnet-0abc1234\", \"subnet-0def5678\"]\n  internal           = true\n}\n",
        good_example: "resource \"aws_lb\" \"web\" {\n  name               = \"web\"\n  load_balancer_type = \"application\"\n  subnets            = [\"subnet-0abc1234\", \"subnet-0def5678\"]\n  internal           = true\n  drop_invalid_header_fields = true\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Web:\n    Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n    Properties:\n      Type: application\n      Scheme: internal\n      Subnets:\n        - subnet-0abc1234\n        - subnet-0def5678\n      LoadBalancerAttributes:\n        - Key: routing.http.drop_invalid_header_fields.enabled\n          Value: \"false\"\n",
            good: "Resources:\n  Web:\n    Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n    Properties:\n      Type: application\n      Scheme: internal\n      Subnets:\n        - subnet-0abc1234\n        - subnet-0def5678\n      LoadBalancerAttributes:\n        - Key: routing.http.drop_invalid_header_fields.enabled\n          Value: \"true\"\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for lb in elb::load_balancers(deployment) {
        if lb.lb_type != LbType::Application {
            continue;
        }
        match lb.drop_invalid_headers {
            Some(drop) if drop.is_false() => deployment.report(
                hits,
                lb.resource,
                Some(drop),
                "invalid header fields are forwarded to targets",
            ),
            None => deployment.report(
                hits,
                lb.resource,
                None,
                "dropping invalid header fields is not enabled, so they are forwarded to targets",
            ),
            _ => {}
        }
    }
}
