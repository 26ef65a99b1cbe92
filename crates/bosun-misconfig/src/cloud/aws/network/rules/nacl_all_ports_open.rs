use crate::cloud::aws::network::traffic::{self, Ports};
use crate::cloud::aws::network::vpc;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ068",
        name: "nacl-all-ports-open-to-internet",
        title: "Network ACL allows every port in from the whole internet",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.least-access", "run.network-segregation"],
        aliases: &["AVD-AWS-0102", "aws-ec2-no-excessive-port-access", "aws-vpc-no-excessive-port-access", "CKV_AWS_352"],
        rationale: "Network ACLs are the subnet-level layer behind security groups. An entry allowing every protocol and port from anywhere removes that layer, so a single permissive security group is all that stands between the subnet and the internet.",
        remediation: "Allow only the protocols and port ranges the subnet serves (`protocol`, `from_port`/`to_port`; `Protocol`, `PortRange` in CloudFormation).",
        bad_example: "resource \"aws_network_acl\" \"public\" {\n  vpc_id = \"vpc-0abc1234\"\n\n  ingress {\n    rule_no    = 100\n    action     = \"allow\"\n    protocol   = \"-1\"\n    from_port  = 0\n    to_port    = 0\n    cidr_block = \"0.0.0.0/0\"\n  }\n}\n",
        good_example: "resource \"aws_network_acl\" \"public\" {\n  vpc_id = \"vpc-0abc1234\"\n\n  ingress {\n    rule_no    = 100\n    action     = \"allow\"\n    protocol   = \"tcp\"\n    from_port  = 443\n    to_port    = 443\n    cidr_block = \"0.0.0.0/0\"\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  PublicAcl:\n    Type: AWS::EC2::NetworkAcl\n    Properties:\n      VpcId: vpc-0abc1234\n  InboundEntry:\n    Type: AWS::EC2::NetworkAclEntry\n    Properties:\n      NetworkAclId: !Ref PublicAcl\n      RuleNumber: 100\n      Protocol: -1\n      RuleAction: allow\n      CidrBlock: 0.0.0.0/0\n      PortRange:\n        From: 0\n        To: 65535\n",
            good: "Resources:\n  PublicAcl:\n    Type: AWS::EC2::NetworkAcl\n    Properties:\n      VpcId: vpc-0abc1234\n  InboundEntry:\n    Type: AWS::EC2::NetworkAclEntry\n    Properties:\n      NetworkAclId: !Ref PublicAcl\n      RuleNumber: 100\n      Protocol: 6\n      RuleAction: allow\n      CidrBlock: 0.0.0.0/0\n      PortRange:\n        From: 443\n        To: 443\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for entry in vpc::acl_ingress(deployment) {
        let Some(source) = entry.open_source() else { continue };
        if entry.ports == Ports::All {
            let message = traffic::exposure(entry.label(), source, entry.ports, None);
            deployment.report(hits, entry.resource, Some(source), message);
        }
    }
}
