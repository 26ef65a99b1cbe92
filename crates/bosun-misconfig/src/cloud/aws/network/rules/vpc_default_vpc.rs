use crate::cloud::aws::network::vpc;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ067",
        name: "vpc-default-vpc-used",
        title: "Default VPC is managed and kept in use",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "run.network-segregation"],
        aliases: &["AVD-AWS-0101", "aws-ec2-no-default-vpc", "aws-vpc-no-default-vpc", "CKV_AWS_148"],
        rationale: "The default VPC comes with public subnets that map public addresses and a default security group, designed for quick starts rather than segregation. Workloads should live in VPCs whose layout was chosen on purpose.",
        remediation: "Remove the `aws_default_vpc` resource and deploy into a VPC you define with `aws_vpc`.",
        bad_example: "resource \"aws_default_vpc\" \"default\" {\n  tags = {\n    Name = \"Default VPC\"\n  }\n}\n",
        good_example: "resource \"aws_vpc\" \"main\" {\n  cidr_block = \"10.20.0.0/16\"\n}\n\nresource \"aws_flow_log\" \"main\" {\n  vpc_id          = aws_vpc.main.id\n  traffic_type    = \"ALL\"\n  log_destination = \"arn:aws:s3:::acme-flow-logs\"\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: None,
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for default in vpc::default_vpcs(deployment) {
        deployment.report(
            hits,
            default,
            None,
            "the region's default VPC is managed here; deploy into a VPC defined for the purpose",
        );
    }
}
