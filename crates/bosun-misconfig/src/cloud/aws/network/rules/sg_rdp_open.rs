use crate::cloud::aws::network::security_group;
use crate::cloud::aws::network::traffic;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ057",
        name: "sg-rdp-open-to-internet",
        title: "Security group allows RDP from the whole internet",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.least-access", "run.network-segregation"],
        aliases: &["CKV_AWS_25", "AVD-AWS-0107", "aws-ec2-no-public-ingress-sgr", "aws-vpc-no-public-ingress-sgr", "W2"],
        rationale: "Remote Desktop reachable from anywhere is a favourite target of password spraying and of exploits against the RDP service itself, and a foothold on a Windows host often leads to the rest of the domain. Restrict the source to known address ranges, or reach the service through a VPN, a bastion or Session Manager.",
        remediation: "Replace `0.0.0.0/0`/`::/0` in the rule's `cidr_blocks`/`ipv6_cidr_blocks` (`CidrIp`/`CidrIpv6`) with the administrators' ranges, or use Fleet Manager.",
        bad_example: "resource \"aws_security_group\" \"web\" {\n  name        = \"web\"\n  description = \"Web servers\"\n  vpc_id      = \"vpc-0abc1234\"\n\n  ingress {\n    description = \"Administration\"\n    from_port   = 3389\n    to_port     = 3389\n    protocol    = \"tcp\"\n    cidr_blocks = [\"0.0.0.0/0\"]\n  }\n}\n",
        good_example: "resource \"aws_security_group\" \"web\" {\n  name        = \"web\"\n  description = \"Web servers\"\n  vpc_id      = \"vpc-0abc1234\"\n\n  ingress {\n    description = \"Administration\"\n    from_port   = 3389\n    to_port     = 3389\n    protocol    = \"tcp\"\n    cidr_blocks = [\"10.20.0.0/16\"]\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Web:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: Web servers\n      VpcId: vpc-0abc1234\n  WebAdmin:\n    Type: AWS::EC2::SecurityGroupIngress\n    Properties:\n      GroupId: !GetAtt Web.GroupId\n      Description: Administration\n      IpProtocol: tcp\n      FromPort: 3389\n      ToPort: 3389\n      CidrIp: 0.0.0.0/0\n",
            good: "Resources:\n  Web:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: Web servers\n      VpcId: vpc-0abc1234\n  WebAdmin:\n    Type: AWS::EC2::SecurityGroupIngress\n    Properties:\n      GroupId: !GetAtt Web.GroupId\n      Description: Administration\n      IpProtocol: tcp\n      FromPort: 3389\n      ToPort: 3389\n      CidrIp: 10.20.0.0/16\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for rule in security_group::rules(deployment) {
        let Some(source) = rule.open_ingress() else { continue };
        if let Some(service) = rule.ports.first_of(&[(3389, "RDP")]) {
            let message = traffic::exposure(&rule.label(), source, rule.ports, Some(service));
            deployment.report(hits, rule.resource, Some(source), message);
        }
    }
}
