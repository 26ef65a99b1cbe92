use crate::cloud::aws::network::elb::{self, LbType};
use crate::cloud::aws::network::waf::{self, Known};
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ077",
        name: "alb-public-without-waf",
        title: "Internet-facing application load balancer has no WAF web ACL",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["CKV2_AWS_28"],
        rationale: "A web ACL in front of a public application filters common exploit payloads, known bad sources and floods before they reach the application. Without one, every request the listener accepts goes straight to the targets.",
        remediation: "Associate a web ACL with the load balancer (`aws_wafv2_web_acl_association` with `resource_arn` the load balancer; `AWS::WAFv2::WebACLAssociation`).",
        bad_example: "resource \"aws_lb\" \"web\" {\n  name               = \"web\"\n  load_balancer_type = \"application\"\n  subnets            = [\"subnet-0abc1234\", \"subnet-0def5678\"]\n  drop_invalid_header_fields = true\n}\n",
        good_example: "resource \"aws_lb\" \"web\" {\n  name               = \"web\"\n  load_balancer_type = \"application\"\n  subnets            = [\"subnet-0abc1234\", \"subnet-0def5678\"]\n  drop_invalid_header_fields = true\n}\n\nresource \"aws_wafv2_web_acl_association\" \"web\" {\n  resource_arn = aws_lb.web.arn\n  web_acl_arn  = \"arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/web/a1b2c3d4\"\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Web:\n    Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n    Properties:\n      Type: application\n      Subnets:\n        - subnet-0abc1234\n        - subnet-0def5678\n",
            good: "Resources:\n  Web:\n    Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n    Properties:\n      Type: application\n      Subnets:\n        - subnet-0abc1234\n        - subnet-0def5678\n  WebAcl:\n    Type: AWS::WAFv2::WebACLAssociation\n    Properties:\n      ResourceArn: !Ref Web\n      WebACLArn: arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/web/a1b2c3d4\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for lb in elb::load_balancers(deployment) {
        if lb.lb_type != LbType::Application || lb.internet_facing != Some(true) {
            continue;
        }
        if waf::protects(deployment, lb.resource) == Known::No {
            deployment.report(
                hits,
                lb.resource,
                None,
                "no WAF web ACL is associated with the internet-facing load balancer",
            );
        }
    }
}
