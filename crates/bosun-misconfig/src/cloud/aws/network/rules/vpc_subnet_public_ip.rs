use crate::cloud::aws::network::vpc;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ066",
        name: "vpc-subnet-public-ip-on-launch",
        title: "Subnet gives instances a public IP address by default",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.least-access"],
        aliases: &["AVD-AWS-0164", "aws-ec2-no-public-ip-subnet", "CKV_AWS_130", "W33"],
        rationale: "With public addresses mapped on launch, every instance, task or node started in the subnet is addressable from the internet without anyone asking for it, and one permissive security group is then enough to expose it.",
        remediation: "Set `map_public_ip_on_launch = false` (`MapPublicIpOnLaunch: false`) and give public addresses only to the resources that need them.",
        bad_example: "resource \"aws_subnet\" \"app\" {\n  vpc_id                  = \"vpc-0abc1234\"\n  cidr_block              = \"10.20.1.0/24\"\n  map_public_ip_on_launch = true\n}\n",
        good_example: "resource \"aws_subnet\" \"app\" {\n  vpc_id                  = \"vpc-0abc1234\"\n  cidr_block              = \"10.20.1.0/24\"\n  map_public_ip_on_launch = false\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  App:\n    Type: AWS::EC2::Subnet\n    Properties:\n      VpcId: vpc-0abc1234\n      CidrBlock: 10.20.1.0/24\n      MapPublicIpOnLaunch: true\n",
            good: "Resources:\n  App:\n    Type: AWS::EC2::Subnet\n    Properties:\n      VpcId: vpc-0abc1234\n      CidrBlock: 10.20.1.0/24\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for subnet in vpc::subnets(deployment) {
        if let Some(map) = subnet.map_public_ip.filter(|m| m.is_true()) {
            deployment.report(
                hits,
                subnet.resource,
                Some(map),
                "instances launched in the subnet get a public IP address",
            );
        }
    }
}
