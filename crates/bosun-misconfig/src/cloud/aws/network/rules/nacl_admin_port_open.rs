use crate::cloud::aws::network::traffic;
use crate::cloud::aws::network::vpc;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ069",
        name: "nacl-admin-port-open-to-internet",
        title: "Network ACL allows SSH or RDP in from the whole internet",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.least-access", "run.network-segregation"],
        aliases: &["AVD-AWS-0105", "aws-ec2-no-public-ingress-acl", "aws-vpc-no-public-ingress-acl", "CKV_AWS_232", "CKV_AWS_231"],
        rationale: "Remote administration ports should be closed at the subnet boundary as well as on the machines, so that a security group opened by mistake is not enough to expose SSH or RDP to the internet.",
        remediation: "Allow ports 22 and 3389 only from administrators' ranges in the ACL entry's `cidr_block` (`CidrBlock`), or deny them.",
        bad_example: "resource \"aws_network_acl\" \"public\" {\n  vpc_id = \"vpc-0abc1234\"\n\n  ingress {\n    rule_no    = 100\n    action     = \"allow\"\n    protocol   = \"tcp\"\n    from_port  = 22\n    to_port    = 22\n    cidr_block = \"0.0.0.0/0\"\n  }\n}\n",
        good_example: "resource \"aws_network_acl\" \"public\" {\n  vpc_id = \"vpc-0abc1234\"\n\n  ingress {\n    rule_no    = 100\n    action     = \"allow\"\n    protocol   = \"tcp\"\n    from_port  = 22\n    to_port    = 22\n    cidr_block = \"10.20.0.0/16\"\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  PublicAcl:\n    Type: AWS::EC2::NetworkAcl\n    Properties:\n      VpcId: vpc-0abc1234\n  InboundEntry:\n    Type: AWS::EC2::NetworkAclEntry\n    Properties:\n      NetworkAclId: !Ref PublicAcl\n      RuleNumber: 100\n      Protocol: 6\n      RuleAction: allow\n      CidrBlock: 0.0.0.0/0\n      PortRange:\n        From: 3389\n        To: 3389\n",
            good: "Resources:\n  PublicAcl:\n    Type: AWS::EC2::NetworkAcl\n    Properties:\n      VpcId: vpc-0abc1234\n  InboundEntry:\n    Type: AWS::EC2::NetworkAclEntry\n    Properties:\n      NetworkAclId: !Ref PublicAcl\n      RuleNumber: 100\n      Protocol: 6\n      RuleAction: allow\n      CidrBlock: 10.20.0.0/16\n      PortRange:\n        From: 3389\n        To: 3389\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for entry in vpc::acl_ingress(deployment) {
        let Some(source) = entry.open_source() else { continue };
        if let Some(service) = entry.ports.first_of(&[(22, "SSH"), (3389, "RDP")]) {
            let message = traffic::exposure(entry.label(), source, entry.ports, Some(service));
            deployment.report(hits, entry.resource, Some(source), message);
        }
    }
}
