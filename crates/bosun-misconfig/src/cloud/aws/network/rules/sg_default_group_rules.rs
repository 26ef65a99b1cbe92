use crate::cloud::aws::network::security_group;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ064",
        name: "sg-default-group-allows-traffic",
        title: "Default security group of a VPC allows traffic",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.least-access", "run.network-segregation"],
        aliases: &["AVD-AWS-0173", "aws-ec2-restrict-all-in-default-sg", "CKV2_AWS_12"],
        rationale: "Resources launched without an explicit security group land in the VPC's default group. When that group allows traffic, anything created carelessly is reachable; keeping it empty forces every workload to name the access it needs.",
        remediation: "Declare `aws_default_security_group` without `ingress` or `egress` blocks, and remove rules attached to it.",
        bad_example: "resource \"aws_default_security_group\" \"default\" {\n  vpc_id = \"vpc-0abc1234\"\n\n  ingress {\n    protocol  = \"-1\"\n    self      = true\n    from_port = 0\n    to_port   = 0\n  }\n}\n",
        good_example: "resource \"aws_default_security_group\" \"default\" {\n  vpc_id = \"vpc-0abc1234\"\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: None,
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for rule in security_group::rules(deployment) {
        if rule.in_default_group {
            let group = rule.group.map_or("the VPC's default security group", |g| g.address.as_str());
            let message =
                format!("{group} has an {} rule; the default group should allow nothing", label(&rule));
            deployment.report(hits, rule.resource, rule.at(), message);
        }
    }
}

fn label(rule: &security_group::SgRule<'_>) -> &'static str {
    match rule.direction {
        security_group::Direction::Ingress => "ingress",
        security_group::Direction::Egress => "egress",
    }
}
