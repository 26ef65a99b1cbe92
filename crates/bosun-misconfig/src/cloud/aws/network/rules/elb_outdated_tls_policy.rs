use crate::cloud::aws::network::elb;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ071",
        name: "elb-outdated-tls-policy",
        title: "Load balancer listener accepts TLS versions older than 1.2",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["AVD-AWS-0047", "aws-elb-use-secure-tls-policy", "CKV_AWS_103", "W55"],
        rationale: "TLS 1.0 and 1.1 have known weaknesses, lack modern cipher suites and are no longer accepted by compliance regimes such as PCI DSS. A listener whose policy still offers them lets a client, or an attacker downgrading the connection, use them.",
        remediation: "Set `ssl_policy` (`SslPolicy`) to a TLS 1.2+ policy such as `ELBSecurityPolicy-TLS13-1-2-2021-06`.",
        bad_example: "resource \"aws_lb_listener\" \"https\" {\n  load_balancer_arn = \"arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/50dc6c495c0c9188\"\n  port              = 443\n  protocol          = \"HTTPS\"\n  ssl_policy        = \"ELBSecurityPolicy-2016-08\"\n  certificate_arn   = \"arn:aws:acm:eu-west-1:111122223333:certificate/3f1c7b2e-9d1a-4c55-8e0f-2b6a1d9c4e77\"\n\n  default_action {\n    type             = \"forward\"\n    target_group_arn = \"arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/6d0ecf831eec9f09\"\n  }\n}\n",
        good_example: "resource \"aws_lb_listener\" \"https\" {\n  load_balancer_arn = \"arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/50dc6c495c0c9188\"\n  port              = 443\n  protocol          = \"HTTPS\"\n  ssl_policy        = \"ELBSecurityPolicy-TLS13-1-2-2021-06\"\n  certificate_arn   = \"arn:aws:acm:eu-west-1:111122223333:certificate/3f1c7b2e-9d1a-4c55-8e0f-2b6a1d9c4e77\"\n\n  default_action {\n    type             = \"forward\"\n    target_group_arn = \"arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/6d0ecf831eec9f09\"\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Https:\n    Type: AWS::ElasticLoadBalancingV2::Listener\n    Properties:\n      LoadBalancerArn: arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/50dc6c495c0c9188\n      Port: 443\n      Protocol: HTTPS\n      SslPolicy: ELBSecurityPolicy-TLS-1-1-2017-01\n      Certificates:\n        - CertificateArn: arn:aws:acm:eu-west-1:111122223333:certificate/3f1c7b2e-9d1a-4c55-8e0f-2b6a1d9c4e77\n      DefaultActions:\n        - Type: forward\n          TargetGroupArn: arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/6d0ecf831eec9f09\n",
            good: "Resources:\n  Https:\n    Type: AWS::ElasticLoadBalancingV2::Listener\n    Properties:\n      LoadBalancerArn: arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/50dc6c495c0c9188\n      Port: 443\n      Protocol: HTTPS\n      SslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06\n      Certificates:\n        - CertificateArn: arn:aws:acm:eu-west-1:111122223333:certificate/3f1c7b2e-9d1a-4c55-8e0f-2b6a1d9c4e77\n      DefaultActions:\n        - Type: forward\n          TargetGroupArn: arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/6d0ecf831eec9f09\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for listener in elb::listeners(deployment) {
        if !matches!(listener.protocol.as_deref(), Some("HTTPS" | "TLS")) {
            continue;
        }
        match listener.ssl_policy {
            None => deployment.report(
                hits,
                listener.resource,
                None,
                "the listener names no SSL policy; the long-standing default ELBSecurityPolicy-2016-08 accepts TLS 1.0",
            ),
            Some(policy) => {
                let Some(name) = policy.as_str() else { continue };
                if let Some((major, minor)) = elb::policy_min_tls(name).filter(|version| *version < (1, 2)) {
                    let message = format!("SSL policy {name} accepts TLS {major}.{minor}");
                    deployment.report(hits, listener.resource, Some(policy), message);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::cloud::aws::network::elb::policy_min_tls;

    #[test]
    fn reads_policy_names() {
        assert_eq!(policy_min_tls("ELBSecurityPolicy-TLS13-1-2-2021-06"), Some((1, 2)));
        assert_eq!(policy_min_tls("ELBSecurityPolicy-TLS13-1-0-2021-06"), Some((1, 0)));
        assert_eq!(policy_min_tls("ELBSecurityPolicy-FS-1-2-Res-2020-10"), Some((1, 2)));
        assert_eq!(policy_min_tls("ELBSecurityPolicy-FS-1-1-2019-08"), Some((1, 1)));
        assert_eq!(policy_min_tls("ELBSecurityPolicy-2016-08"), Some((1, 0)));
        assert_eq!(policy_min_tls("my-custom-policy"), None);
    }
}
