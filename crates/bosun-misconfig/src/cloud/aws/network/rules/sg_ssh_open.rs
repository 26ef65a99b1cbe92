use crate::cloud::aws::network::security_group;
use crate::cloud::aws::network::traffic;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ056",
        name: "sg-ssh-open-to-internet",
        title: "Security group allows SSH from the whole internet",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.least-access", "run.network-segregation"],
        aliases: &["CKV_AWS_24", "AVD-AWS-0107", "aws-ec2-no-public-ingress-sgr", "aws-vpc-no-public-ingress-sgr", "W2"],
        rationale: "SSH open to 0.0.0.0/0 or ::/0 is scanned and brute-forced within minutes of a machine coming up, and any weak key, reused password or unpatched daemon becomes a way in. Restrict the source to known address ranges, or reach the service through a VPN, a bastion or Session Manager.",
        remediation: "Replace `0.0.0.0/0`/`::/0` in the rule's `cidr_blocks`/`ipv6_cidr_blocks` (`CidrIp`/`CidrIpv6`) with the administrators' ranges, or use Session Manager.",
        bad_example: "resource \"aws_security_group\" \"web\" {\n  name        = \"web\"\n  description = \"Web servers\"\n  vpc_id      = \"vpc-0abc1234\"\n\n  ingress {\n    description = \"Administration\"\n    from_port   = 22\n    to_port     = 22\n    protocol    = \"tcp\"\n    cidr_blocks = [\"0.0.0.0/0\"]\n  }\n}\n",
        good_example: "resource \"aws_security_group\" \"web\" {\n  name        = \"web\"\n  description = \"Web servers\"\n  vpc_id      = \"vpc-0abc1234\"\n\n  ingress {\n    description = \"Administration\"\n    from_port   = 22\n    to_port     = 22\n    protocol    = \"tcp\"\n    cidr_blocks = [\"10.20.0.0/16\"]\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Web:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: Web servers\n      VpcId: vpc-0abc1234\n      SecurityGroupIngress:\n        - Description: Administration\n          IpProtocol: tcp\n          FromPort: 22\n          ToPort: 22\n          CidrIp: 0.0.0.0/0\n",
            good: "Resources:\n  Web:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: Web servers\n      VpcId: vpc-0abc1234\n      SecurityGroupIngress:\n        - Description: Administration\n          IpProtocol: tcp\n          FromPort: 22\n          ToPort: 22\n          CidrIp: 10.20.0.0/16\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for rule in security_group::rules(deployment) {
        let Some(source) = rule.open_ingress() else { continue };
        if let Some(service) = rule.ports.first_of(&[(22, "SSH")]) {
            let message = traffic::exposure(&rule.label(), source, rule.ports, Some(service));
            deployment.report(hits, rule.resource, Some(source), message);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::{run_on_cloudformation_example, run_on_example};

    #[test]
    fn standalone_rules_of_every_spelling() {
        let legacy = "resource \"aws_security_group_rule\" \"ssh\" {\n  type = \"ingress\"\n  from_port = 0\n  to_port = 1024\n  protocol = \"tcp\"\n  ipv6_cidr_blocks = [\"::/0\"]\n  security_group_id = aws_security_group.web.id\n}\n";
        let found = run_on_example(&RULE, legacy);
        assert_eq!(found.len(), 1);
        assert!(
            found[0].message.contains("::/0 to ports 0-1024, which include SSH (22)"),
            "{}",
            found[0].message
        );
        let vpc_rule = "resource \"aws_vpc_security_group_ingress_rule\" \"ssh\" {\n  security_group_id = aws_security_group.web.id\n  cidr_ipv4 = \"0.0.0.0/0\"\n  ip_protocol = \"tcp\"\n  from_port = 22\n  to_port = 22\n}\n";
        assert_eq!(run_on_example(&RULE, vpc_rule).len(), 1);
        let all = "resource \"aws_vpc_security_group_ingress_rule\" \"all\" {\n  cidr_ipv4 = \"0.0.0.0/0\"\n  ip_protocol = \"-1\"\n}\n";
        assert!(run_on_example(&RULE, all).is_empty(), "all ports are another rule's");
        let unknown = "resource \"aws_security_group_rule\" \"ssh\" {\n  type = \"ingress\"\n  from_port = var.port\n  to_port = var.port\n  protocol = \"tcp\"\n  cidr_blocks = [\"0.0.0.0/0\"]\n}\n";
        assert!(run_on_example(&RULE, unknown).is_empty());
        let cfn = "Resources:\n  Ssh:\n    Type: AWS::EC2::SecurityGroupIngress\n    Properties:\n      GroupId: sg-1\n      IpProtocol: tcp\n      FromPort: 22\n      ToPort: 22\n      CidrIp: 0.0.0.0/0\n";
        assert_eq!(run_on_cloudformation_example(&RULE, cfn).len(), 1);
    }
}
