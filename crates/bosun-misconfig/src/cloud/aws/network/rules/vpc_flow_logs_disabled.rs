use crate::cloud::aws::network::vpc::{self, FlowLogs};
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ065",
        name: "vpc-flow-logs-disabled",
        title: "VPC has no flow log",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.audit-logging"],
        aliases: &["AVD-AWS-0178", "aws-ec2-require-vpc-flow-logs-for-all-vpcs", "CKV2_AWS_11", "W60"],
        rationale: "Flow logs are the record of which addresses talked to which, on what ports, and whether traffic was accepted. Without them an investigation cannot tell where a compromised machine connected or whether a rule was ever used.",
        remediation: "Add an `aws_flow_log` whose `vpc_id` is the VPC (`AWS::EC2::FlowLog` with `ResourceType: VPC` and `ResourceId: !Ref` the VPC).",
        bad_example: "resource \"aws_vpc\" \"main\" {\n  cidr_block = \"10.20.0.0/16\"\n}\n",
        good_example: "resource \"aws_vpc\" \"main\" {\n  cidr_block = \"10.20.0.0/16\"\n}\n\nresource \"aws_flow_log\" \"main\" {\n  vpc_id          = aws_vpc.main.id\n  traffic_type    = \"ALL\"\n  log_destination = \"arn:aws:s3:::acme-flow-logs\"\n  log_destination_type = \"s3\"\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Main:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: 10.20.0.0/16\n",
            good: "Resources:\n  Main:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: 10.20.0.0/16\n  MainFlowLog:\n    Type: AWS::EC2::FlowLog\n    Properties:\n      ResourceType: VPC\n      ResourceId: !Ref Main\n      TrafficType: ALL\n      LogDestinationType: s3\n      LogDestination: arn:aws:s3:::acme-flow-logs\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for vpc in vpc::vpcs(deployment) {
        if vpc.flow_logs == FlowLogs::Missing {
            deployment.report(hits, vpc.resource, None, "no flow log records the VPC's traffic");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    #[test]
    fn a_flow_log_of_unknown_target_silences_the_rule() {
        let tf = "resource \"aws_vpc\" \"main\" {\n  cidr_block = \"10.0.0.0/16\"\n}\n\nresource \"aws_flow_log\" \"x\" {\n  vpc_id = module.net.vpc_id\n}\n";
        assert!(run_on_example(&RULE, tf).is_empty());
        let other = "resource \"aws_vpc\" \"main\" {\n  cidr_block = \"10.0.0.0/16\"\n}\n\nresource \"aws_flow_log\" \"x\" {\n  vpc_id = \"vpc-elsewhere\"\n}\n";
        assert_eq!(run_on_example(&RULE, other).len(), 1);
    }
}
