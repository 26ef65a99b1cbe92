use crate::cloud::aws::network::security_group;
use crate::cloud::aws::network::traffic;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ059",
        name: "sg-database-port-open-to-internet",
        title: "Security group allows a database port from the whole internet",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.least-access", "run.network-segregation"],
        aliases: &["W2"],
        rationale: "Databases and caches (MySQL, PostgreSQL, SQL Server, Oracle, MongoDB, Redis, Elasticsearch, Memcached...) reachable from anywhere are found by scanners within hours; many run without authentication or with default credentials, and their data is the prize. Restrict the source to known address ranges, or reach the service through a VPN, a bastion or Session Manager.",
        remediation: "Allow the database port only from the application's security group (`source_security_group_id`/`referenced_security_group_id`, `SourceSecurityGroupId`) or private ranges.",
        bad_example: "resource \"aws_security_group\" \"web\" {\n  name        = \"web\"\n  description = \"Web servers\"\n  vpc_id      = \"vpc-0abc1234\"\n\n  ingress {\n    description = \"Administration\"\n    from_port   = 5432\n    to_port     = 5432\n    protocol    = \"tcp\"\n    cidr_blocks = [\"0.0.0.0/0\"]\n  }\n}\n",
        good_example: "resource \"aws_security_group\" \"web\" {\n  name        = \"web\"\n  description = \"Web servers\"\n  vpc_id      = \"vpc-0abc1234\"\n\n  ingress {\n    description = \"Administration\"\n    from_port   = 5432\n    to_port     = 5432\n    protocol    = \"tcp\"\n    cidr_blocks = [\"10.20.0.0/16\"]\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Web:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: Web servers\n      VpcId: vpc-0abc1234\n      SecurityGroupIngress:\n        - Description: Administration\n          IpProtocol: tcp\n          FromPort: 3306\n          ToPort: 3306\n          CidrIp: 0.0.0.0/0\n",
            good: "Resources:\n  Web:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: Web servers\n      VpcId: vpc-0abc1234\n      SecurityGroupIngress:\n        - Description: Administration\n          IpProtocol: tcp\n          FromPort: 3306\n          ToPort: 3306\n          CidrIp: 10.20.0.0/16\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for rule in security_group::rules(deployment) {
        let Some(source) = rule.open_ingress() else { continue };
        if let Some(service) = rule.ports.first_of(traffic::DATABASE_PORTS) {
            let message = traffic::exposure(&rule.label(), source, rule.ports, Some(service));
            deployment.report(hits, rule.resource, Some(source), message);
        }
    }
}
