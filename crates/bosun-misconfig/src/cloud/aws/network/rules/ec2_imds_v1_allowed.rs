use crate::cloud::aws::network::ec2;
use crate::cloud::{Attr, CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ050",
        name: "ec2-imds-v1-allowed",
        title: "EC2 instance metadata service accepts IMDSv1 requests",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["AVD-AWS-0028", "aws-ec2-enforce-http-token-imds", "AVD-AWS-0130", "aws-ec2-enforce-launch-config-http-token-imds", "aws-autoscaling-enforce-http-token-imds", "CKV_AWS_79"],
        rationale: "IMDSv1 answers any plain GET request, so a server-side request forgery or an open proxy on the machine is enough to read the instance role's temporary credentials. Requiring session tokens (IMDSv2) makes the caller first obtain a token with a PUT request that such bugs rarely allow.",
        remediation: "Set `metadata_options { http_tokens = \"required\" }` on the instance, launch template or launch configuration (`MetadataOptions.HttpTokens: required` in CloudFormation).",
        bad_example: "resource \"aws_instance\" \"web\" {\n  ami           = \"ami-0c55b159cbfafe1f0\"\n  instance_type = \"t3.micro\"\n}\n",
        good_example: "resource \"aws_instance\" \"web\" {\n  ami           = \"ami-0c55b159cbfafe1f0\"\n  instance_type = \"t3.micro\"\n\n  metadata_options {\n    http_tokens = \"required\"\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Template:\n    Type: AWS::EC2::LaunchTemplate\n    Properties:\n      LaunchTemplateData:\n        ImageId: ami-0c55b159cbfafe1f0\n        MetadataOptions:\n          HttpTokens: optional\n",
            good: "Resources:\n  Template:\n    Type: AWS::EC2::LaunchTemplate\n    Properties:\n      LaunchTemplateData:\n        ImageId: ami-0c55b159cbfafe1f0\n        MetadataOptions:\n          HttpTokens: required\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for machine in ec2::machines(deployment) {
        if !machine.metadata_configurable || machine.from_template {
            continue;
        }
        let disabled =
            machine.http_endpoint.and_then(Attr::as_str).is_some_and(|e| e.eq_ignore_ascii_case("disabled"));
        if disabled {
            continue;
        }
        match (machine.http_tokens, machine.metadata) {
            (Some(tokens), _) => {
                if tokens.as_str().is_some_and(|t| t.eq_ignore_ascii_case("optional")) {
                    let message = "session tokens are optional, so the metadata service answers IMDSv1 requests";
                    deployment.report(hits, machine.resource, Some(tokens), message);
                }
            }
            (None, metadata) => deployment.report(
                hits,
                machine.resource,
                metadata,
                "IMDSv2 session tokens are not required; the metadata service answers IMDSv1 requests by default",
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::{run_on_cloudformation_example, run_on_example};

    #[test]
    fn launch_configurations_and_templates_are_read() {
        let tf = "resource \"aws_launch_template\" \"t\" {\n  metadata_options {\n    http_endpoint = \"enabled\"\n  }\n}\n";
        assert_eq!(run_on_example(&RULE, tf).len(), 1);
        let tf = "resource \"aws_launch_configuration\" \"c\" {\n  metadata_options {\n    http_endpoint = \"disabled\"\n  }\n}\n";
        assert!(run_on_example(&RULE, tf).is_empty());
        let instance = "resource \"aws_instance\" \"i\" {\n  launch_template {\n    id = aws_launch_template.t.id\n  }\n}\n";
        assert!(run_on_example(&RULE, instance).is_empty());
        let cfn = "Resources:\n  Config:\n    Type: AWS::AutoScaling::LaunchConfiguration\n    Properties:\n      ImageId: ami-1\n      InstanceType: t3.micro\n";
        assert_eq!(run_on_cloudformation_example(&RULE, cfn).len(), 1);
        let cfn_instance =
            "Resources:\n  I:\n    Type: AWS::EC2::Instance\n    Properties:\n      ImageId: ami-1\n";
        assert!(run_on_cloudformation_example(&RULE, cfn_instance).is_empty());
    }
}
