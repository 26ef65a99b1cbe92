use crate::cloud::aws::network::ec2::{self, MachineKind};
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ055",
        name: "ec2-not-ebs-optimized",
        title: "EC2 instance is not declared EBS-optimized",
        severity: Severity::Info,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["CKV_AWS_135"],
        rationale: "An instance that is not EBS-optimized shares one network path between its storage and its other traffic, so heavy network use starves disk I/O and the reverse. Most current instance types are optimized anyway; declaring it keeps older types from silently losing it.",
        remediation: "Set `ebs_optimized = true` on the instance (`EbsOptimized: true` in CloudFormation).",
        bad_example: "resource \"aws_instance\" \"web\" {\n  ami           = \"ami-0c55b159cbfafe1f0\"\n  instance_type = \"m3.xlarge\"\n}\n",
        good_example: "resource \"aws_instance\" \"web\" {\n  ami           = \"ami-0c55b159cbfafe1f0\"\n  instance_type = \"m3.xlarge\"\n  ebs_optimized = true\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Web:\n    Type: AWS::EC2::Instance\n    Properties:\n      ImageId: ami-0c55b159cbfafe1f0\n      InstanceType: m3.xlarge\n",
            good: "Resources:\n  Web:\n    Type: AWS::EC2::Instance\n    Properties:\n      ImageId: ami-0c55b159cbfafe1f0\n      InstanceType: m3.xlarge\n      EbsOptimized: true\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for machine in ec2::machines(deployment) {
        if machine.kind != MachineKind::Instance {
            continue;
        }
        // Unknown types may be Nitro ones, which are always EBS-optimized.
        let instance_type = machine.instance_type.map(|t| t.as_str());
        if instance_type.is_some_and(|t| t.is_none_or(ec2::ebs_optimized_by_default)) {
            continue;
        }
        match machine.ebs_optimized {
            Some(optimized) if optimized.is_false() => {
                deployment.report(hits, machine.resource, Some(optimized), "EBS optimization is turned off")
            }
            None if !machine.from_template => {
                deployment.report(hits, machine.resource, None, "the instance is not declared EBS-optimized")
            }
            _ => {}
        }
    }
}
