use crate::cloud::aws::network::security_group;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ063",
        name: "sg-no-description",
        title: "Security group has no description",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["AVD-AWS-0099", "aws-ec2-add-description-to-security-group", "aws-vpc-add-description-to-security-group", "CKV_AWS_23"],
        rationale: "The description is what the console and every audit show next to a group's id. Terraform fills in \"Managed by Terraform\" when none is given, which says nothing about what the group protects or who may change it.",
        remediation: "Set `description` on the group (a non-empty `GroupDescription` in CloudFormation) saying what it protects.",
        bad_example: "resource \"aws_security_group\" \"web\" {\n  name = \"web\"\n}\n",
        good_example: "resource \"aws_security_group\" \"web\" {\n  name        = \"web\"\n  description = \"Web servers behind the public load balancer\"\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Web:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: \"\"\n",
            good: "Resources:\n  Web:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: Web servers behind the public load balancer\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for group in security_group::groups(deployment) {
        if group.is_default {
            continue;
        }
        match group.description {
            Some(description) => {
                let message = match description.as_str().map(str::trim) {
                    Some("") => "the group's description is empty",
                    Some("Managed by Terraform") => "the group's description is Terraform's placeholder",
                    _ => continue,
                };
                deployment.report(hits, group.resource, Some(description), message);
            }
            None if !group.resource.is_cloudformation() => deployment.report(
                hits,
                group.resource,
                None,
                "the group has no description (Terraform sets \"Managed by Terraform\")",
            ),
            None => {}
        }
    }
}
