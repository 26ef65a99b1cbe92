use crate::cloud::aws::network::security_group::{self, Direction};
use crate::cloud::aws::network::traffic;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ061",
        name: "sg-egress-to-internet",
        title: "Security group allows egress to the whole internet",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.least-access", "run.network-segregation"],
        aliases: &["AVD-AWS-0104", "aws-ec2-no-public-egress-sgr", "aws-vpc-no-public-egress-sgr", "W5", "CKV_AWS_382"],
        rationale: "Unrestricted egress lets a compromised machine download tooling, reach its command and control servers and send data anywhere. Limiting outbound traffic to the destinations a workload needs (VPC endpoints, a proxy, known ranges) makes those steps harder and easier to notice.",
        remediation: "Narrow the egress rule's `cidr_blocks`/`ipv6_cidr_blocks` (`CidrIp`/`CidrIpv6`) to the destinations the workload needs.",
        bad_example: "resource \"aws_security_group\" \"app\" {\n  name        = \"app\"\n  description = \"Application servers\"\n\n  egress {\n    description = \"Anywhere\"\n    from_port   = 0\n    to_port     = 0\n    protocol    = \"-1\"\n    cidr_blocks = [\"0.0.0.0/0\"]\n  }\n}\n",
        good_example: "resource \"aws_security_group\" \"app\" {\n  name        = \"app\"\n  description = \"Application servers\"\n\n  egress {\n    description = \"HTTPS to the VPC endpoints\"\n    from_port   = 443\n    to_port     = 443\n    protocol    = \"tcp\"\n    cidr_blocks = [\"10.20.0.0/16\"]\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  App:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: Application servers\n      SecurityGroupEgress:\n        - Description: Anywhere\n          IpProtocol: \"-1\"\n          CidrIp: 0.0.0.0/0\n",
            good: "Resources:\n  App:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: Application servers\n      SecurityGroupEgress:\n        - Description: HTTPS to the VPC endpoints\n          IpProtocol: tcp\n          FromPort: 443\n          ToPort: 443\n          CidrIp: 10.20.0.0/16\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for rule in security_group::rules(deployment) {
        if rule.direction != Direction::Egress {
            continue;
        }
        if let Some(destination) = rule.anywhere().into_iter().next() {
            let message = traffic::exposure(&rule.label(), destination, rule.ports, None);
            deployment.report(hits, rule.resource, Some(destination), message);
        }
    }
}
