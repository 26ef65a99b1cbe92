use crate::cloud::aws::network::elb::{self, AccessLogs, LbType};
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ075",
        name: "elb-access-logs-disabled",
        title: "Load balancer does not write access logs",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.audit-logging"],
        aliases: &["CKV_AWS_91", "CKV_AWS_92", "W52", "W26"],
        rationale: "Access logs record each request's client, path, status and timing. They are often the only trace of probing, credential stuffing or exploitation attempts against the services behind the load balancer.",
        remediation: "Add `access_logs { bucket = ..., enabled = true }` (attribute `access_logs.s3.enabled` set to `true` with `access_logs.s3.bucket`; `AccessLoggingPolicy` for Classic).",
        bad_example: "resource \"aws_lb\" \"web\" {\n  name               = \"web\"\n  load_balancer_type = \"application\"\n  subnets            = [\"subnet-0abc1234\", \"subnet-0def5678\"]\n  internal           = true\n}\n",
        good_example: "resource \"aws_lb\" \"web\" {\n  name               = \"web\"\n  load_balancer_type = \"application\"\n  subnets            = [\"subnet-0abc1234\", \"subnet-0def5678\"]\n  internal           = true\n\n  access_logs {\n    bucket  = \"acme-lb-logs\"\n    enabled = true\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Web:\n    Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n    Properties:\n      Type: application\n      Scheme: internal\n      Subnets:\n        - subnet-0abc1234\n        - subnet-0def5678\n      LoadBalancerAttributes:\n        - Key: access_logs.s3.enabled\n          Value: \"false\"\n",
            good: "Resources:\n  Web:\n    Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n    Properties:\n      Type: application\n      Scheme: internal\n      Subnets:\n        - subnet-0abc1234\n        - subnet-0def5678\n      LoadBalancerAttributes:\n        - Key: access_logs.s3.enabled\n          Value: \"true\"\n        - Key: access_logs.s3.bucket\n          Value: \"acme-lb-logs\"\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for lb in elb::load_balancers(deployment) {
        if matches!(lb.lb_type, LbType::Gateway | LbType::Unknown) {
            continue;
        }
        match lb.access_logs {
            AccessLogs::Off(at) => {
                deployment.report(hits, lb.resource, Some(at), "access logging is turned off")
            }
            AccessLogs::Absent => {
                deployment.report(hits, lb.resource, None, "access logging is not configured")
            }
            AccessLogs::On | AccessLogs::Unknown => {}
        }
    }
}
