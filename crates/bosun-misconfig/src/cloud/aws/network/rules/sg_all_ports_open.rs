use crate::cloud::aws::network::security_group;
use crate::cloud::aws::network::traffic;
use crate::cloud::aws::network::traffic::Ports;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ058",
        name: "sg-all-ports-open-to-internet",
        title: "Security group allows every port from the whole internet",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.least-access", "run.network-segregation"],
        aliases: &["CKV_AWS_277", "W2"],
        rationale: "A rule that opens every protocol or port to 0.0.0.0/0 or ::/0 exposes each service the attached machines run, including the ones nobody meant to publish: databases, admin consoles, debug endpoints. The group stops acting as a firewall at all.",
        remediation: "Open only the ports the service needs, from the ranges that need them: replace `protocol = \"-1\"` or `0-65535` (`IpProtocol: -1`) with specific ports.",
        bad_example: "resource \"aws_security_group\" \"web\" {\n  name        = \"web\"\n  description = \"Web servers\"\n  vpc_id      = \"vpc-0abc1234\"\n\n  ingress {\n    description = \"Administration\"\n    from_port   = 0\n    to_port     = 0\n    protocol    = \"-1\"\n    cidr_blocks = [\"0.0.0.0/0\"]\n  }\n}\n",
        good_example: "resource \"aws_security_group\" \"web\" {\n  name        = \"web\"\n  description = \"Web servers\"\n  vpc_id      = \"vpc-0abc1234\"\n\n  ingress {\n    description = \"Administration\"\n    from_port   = 443\n    to_port     = 443\n    protocol    = \"tcp\"\n    cidr_blocks = [\"0.0.0.0/0\"]\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Web:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: Web servers\n      VpcId: vpc-0abc1234\n      SecurityGroupIngress:\n        - Description: Administration\n          IpProtocol: -1\n          FromPort: -1\n          ToPort: -1\n          CidrIp: 0.0.0.0/0\n",
            good: "Resources:\n  Web:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: Web servers\n      VpcId: vpc-0abc1234\n      SecurityGroupIngress:\n        - Description: Administration\n          IpProtocol: tcp\n          FromPort: 443\n          ToPort: 443\n          CidrIp: 0.0.0.0/0\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for rule in security_group::rules(deployment) {
        let Some(source) = rule.open_ingress() else { continue };
        if rule.ports == Ports::All {
            let message = traffic::exposure(&rule.label(), source, rule.ports, None);
            deployment.report(hits, rule.resource, Some(source), message);
        }
    }
}
