use crate::cloud::aws::network::elb;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ070",
        name: "elb-http-listener-not-redirected",
        title: "Load balancer listener serves plain HTTP without redirecting to HTTPS",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["AVD-AWS-0054", "aws-elb-http-not-used", "CKV_AWS_2", "CKV2_AWS_20", "W78"],
        rationale: "Requests and responses sent over plain HTTP can be read and altered by anyone on the path, including session cookies and credentials. A listener on port 80 should only answer with a redirect to the HTTPS listener.",
        remediation: "Make the HTTP listener's default action a `redirect` with `protocol = \"HTTPS\"` (`RedirectConfig.Protocol: HTTPS`), or serve with `protocol = \"HTTPS\"`.",
        bad_example: "resource \"aws_lb_listener\" \"http\" {\n  load_balancer_arn = \"arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/50dc6c495c0c9188\"\n  port              = 80\n  protocol          = \"HTTP\"\n\n  default_action {\n    type             = \"forward\"\n    target_group_arn = \"arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/6d0ecf831eec9f09\"\n  }\n}\n",
        good_example: "resource \"aws_lb_listener\" \"http\" {\n  load_balancer_arn = \"arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/50dc6c495c0c9188\"\n  port              = 80\n  protocol          = \"HTTP\"\n\n  default_action {\n    type = \"redirect\"\n\n    redirect {\n      port        = \"443\"\n      protocol    = \"HTTPS\"\n      status_code = \"HTTP_301\"\n    }\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Http:\n    Type: AWS::ElasticLoadBalancingV2::Listener\n    Properties:\n      LoadBalancerArn: arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/50dc6c495c0c9188\n      Port: 80\n      Protocol: HTTP\n      DefaultActions:\n        - Type: forward\n          TargetGroupArn: arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/6d0ecf831eec9f09\n",
            good: "Resources:\n  Http:\n    Type: AWS::ElasticLoadBalancingV2::Listener\n    Properties:\n      LoadBalancerArn: arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/50dc6c495c0c9188\n      Port: 80\n      Protocol: HTTP\n      DefaultActions:\n        - Type: redirect\n          RedirectConfig:\n            Protocol: HTTPS\n            Port: \"443\"\n            StatusCode: HTTP_301\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for listener in elb::listeners(deployment) {
        if listener.protocol.as_deref() != Some("HTTP") {
            continue;
        }
        let message = match (listener.redirects, listener.redirects_to_https) {
            (_, Some(true)) => continue,
            // A redirect whose target protocol is not known.
            (true, None) => continue,
            (true, Some(false)) => "the listener serves plain HTTP and its redirect keeps HTTP",
            (false, _) => "the listener serves plain HTTP without redirecting to HTTPS",
        };
        deployment.report(hits, listener.resource, listener.protocol_attr, message);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    #[test]
    fn default_protocol_of_an_application_listener_is_http() {
        let tf = "resource \"aws_lb\" \"web\" {\n  name = \"web\"\n}\n\nresource \"aws_lb_listener\" \"l\" {\n  load_balancer_arn = aws_lb.web.arn\n  port = 80\n  default_action {\n    type = \"forward\"\n  }\n}\n";
        assert_eq!(run_on_example(&RULE, tf).len(), 1);
        let nlb = tf.replace("name = \"web\"", "load_balancer_type = \"network\"");
        assert!(run_on_example(&RULE, &nlb).is_empty());
    }
}
