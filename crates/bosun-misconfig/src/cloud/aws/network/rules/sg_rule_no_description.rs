use crate::cloud::aws::network::security_group;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ062",
        name: "sg-rule-no-description",
        title: "Security group rule has no description",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["AVD-AWS-0124", "aws-ec2-add-description-to-security-group-rule", "aws-vpc-add-description-to-security-group-rule", "W36", "CKV_AWS_23"],
        rationale: "A rule without a description leaves reviewers guessing why a port or range is open; rules nobody can explain are rarely removed, and groups slowly accumulate access that nothing needs any more.",
        remediation: "Give every rule a `description` (`Description` in CloudFormation) saying who needs the access and why.",
        bad_example: "resource \"aws_security_group\" \"web\" {\n  name        = \"web\"\n  description = \"Web servers\"\n\n  ingress {\n    from_port   = 443\n    to_port     = 443\n    protocol    = \"tcp\"\n    cidr_blocks = [\"10.20.0.0/16\"]\n  }\n}\n",
        good_example: "resource \"aws_security_group\" \"web\" {\n  name        = \"web\"\n  description = \"Web servers\"\n\n  ingress {\n    description = \"HTTPS from the internal load balancer\"\n    from_port   = 443\n    to_port     = 443\n    protocol    = \"tcp\"\n    cidr_blocks = [\"10.20.0.0/16\"]\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Web:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: Web servers\n      SecurityGroupIngress:\n        - IpProtocol: tcp\n          FromPort: 443\n          ToPort: 443\n          CidrIp: 10.20.0.0/16\n",
            good: "Resources:\n  Web:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: Web servers\n      SecurityGroupIngress:\n        - Description: HTTPS from the internal load balancer\n          IpProtocol: tcp\n          FromPort: 443\n          ToPort: 443\n          CidrIp: 10.20.0.0/16\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for rule in security_group::rules(deployment) {
        match rule.description {
            Some(description) if description.as_str() == Some("") => deployment.report(
                hits,
                rule.resource,
                Some(description),
                format!("the {} has an empty description", rule.label()),
            ),
            None => deployment.report(
                hits,
                rule.resource,
                rule.at(),
                format!("the {} has no description", rule.label()),
            ),
            _ => {}
        }
    }
}
