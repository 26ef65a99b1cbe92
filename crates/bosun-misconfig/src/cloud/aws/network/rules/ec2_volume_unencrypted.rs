use crate::cloud::aws::network::ec2;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ052",
        name: "ec2-volume-unencrypted",
        title: "EC2 machine has an unencrypted EBS volume",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["AVD-AWS-0131", "aws-ec2-enable-at-rest-encryption", "AVD-AWS-0008", "aws-ec2-enable-launch-config-at-rest-encryption", "aws-autoscaling-enable-at-rest-encryption", "CKV_AWS_8"],
        rationale: "Volumes created without encryption keep their data, and every snapshot taken from them, readable to anyone who obtains the snapshot or the underlying storage. Encryption of a volume cannot be turned on later without copying it, so it has to be declared when the machine is defined.",
        remediation: "Set `encrypted = true` in `root_block_device`, `ebs_block_device` or the launch template's `ebs` block (`Ebs.Encrypted: true` in `BlockDeviceMappings`), or turn on `aws_ebs_encryption_by_default`.",
        bad_example: "resource \"aws_instance\" \"web\" {\n  ami           = \"ami-0c55b159cbfafe1f0\"\n  instance_type = \"t3.micro\"\n\n  root_block_device {\n    encrypted = false\n  }\n}\n",
        good_example: "resource \"aws_instance\" \"web\" {\n  ami           = \"ami-0c55b159cbfafe1f0\"\n  instance_type = \"t3.micro\"\n\n  root_block_device {\n    encrypted = true\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Web:\n    Type: AWS::EC2::Instance\n    Properties:\n      ImageId: ami-0c55b159cbfafe1f0\n      InstanceType: t3.micro\n      BlockDeviceMappings:\n        - DeviceName: /dev/xvda\n          Ebs:\n            VolumeSize: 20\n            Encrypted: false\n",
            good: "Resources:\n  Web:\n    Type: AWS::EC2::Instance\n    Properties:\n      ImageId: ami-0c55b159cbfafe1f0\n      InstanceType: t3.micro\n      BlockDeviceMappings:\n        - DeviceName: /dev/xvda\n          Ebs:\n            VolumeSize: 20\n            Encrypted: true\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for machine in ec2::machines(deployment) {
        if machine.encrypted_by_default {
            continue;
        }
        for device in &machine.devices {
            match device.encrypted {
                Some(encrypted) if encrypted.is_false() => deployment.report(
                    hits,
                    machine.resource,
                    Some(encrypted),
                    format!("the {} is not encrypted", device.label),
                ),
                None if !device.from_snapshot => deployment.report(
                    hits,
                    machine.resource,
                    Some(device.block),
                    format!("the {} does not declare encryption, so it is created unencrypted", device.label),
                ),
                _ => {}
            }
        }
        if machine.root_undeclared && !machine.from_template {
            deployment.report(
                hits,
                machine.resource,
                None,
                "no root_block_device declares encryption, so the root volume is unencrypted unless its image is",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    #[test]
    fn missing_root_device_and_default_encryption() {
        let bare = "resource \"aws_instance\" \"i\" {\n  ami = \"ami-1\"\n}\n";
        assert_eq!(run_on_example(&RULE, bare).len(), 1);
        let by_default =
            format!("{bare}resource \"aws_ebs_encryption_by_default\" \"on\" {{\n  enabled = true\n}}\n");
        assert!(run_on_example(&RULE, &by_default).is_empty());
        let template = "resource \"aws_launch_template\" \"t\" {\n  block_device_mappings {\n    device_name = \"/dev/sdf\"\n    ebs {\n      volume_size = 10\n    }\n  }\n}\n";
        assert_eq!(run_on_example(&RULE, template).len(), 1);
    }
}
