use crate::cloud::aws::network::security_group;
use crate::cloud::aws::network::traffic;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ060",
        name: "sg-admin-port-open-to-internet",
        title: "Security group allows a remote administration port from the whole internet",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.least-access", "run.network-segregation"],
        aliases: &["W2"],
        rationale: "Telnet, FTP, SMB, VNC, WinRM, the Docker and Kubernetes APIs, kubelet and etcd give control of a machine or a cluster to whoever can talk to them and get past a weak or missing authentication; none of them belongs on the open internet. Restrict the source to known address ranges, or reach the service through a VPN, a bastion or Session Manager.",
        remediation: "Replace `0.0.0.0/0`/`::/0` in the rule (`CidrIp`/`CidrIpv6`) with the administrators' ranges, or remove the rule.",
        bad_example: "resource \"aws_security_group\" \"web\" {\n  name        = \"web\"\n  description = \"Web servers\"\n  vpc_id      = \"vpc-0abc1234\"\n\n  ingress {\n    description = \"Administration\"\n    from_port   = 2375\n    to_port     = 2376\n    protocol    = \"tcp\"\n    cidr_blocks = [\"0.0.0.0/0\"]\n  }\n}\n",
        good_example: "resource \"aws_security_group\" \"web\" {\n  name        = \"web\"\n  description = \"Web servers\"\n  vpc_id      = \"vpc-0abc1234\"\n\n  ingress {\n    description = \"Administration\"\n    from_port   = 2375\n    to_port     = 2376\n    protocol    = \"tcp\"\n    cidr_blocks = [\"10.20.0.0/16\"]\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Web:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: Web servers\n      VpcId: vpc-0abc1234\n      SecurityGroupIngress:\n        - Description: Administration\n          IpProtocol: tcp\n          FromPort: 5900\n          ToPort: 5900\n          CidrIpv6: ::/0\n",
            good: "Resources:\n  Web:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: Web servers\n      VpcId: vpc-0abc1234\n      SecurityGroupIngress:\n        - Description: Administration\n          IpProtocol: tcp\n          FromPort: 5900\n          ToPort: 5900\n          CidrIp: 10.20.0.0/16\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for rule in security_group::rules(deployment) {
        let Some(source) = rule.open_ingress() else { continue };
        if let Some(service) = rule.ports.first_of(traffic::ADMIN_PORTS) {
            let message = traffic::exposure(&rule.label(), source, rule.ports, Some(service));
            deployment.report(hits, rule.resource, Some(source), message);
        }
    }
}
