use crate::cloud::aws::storage::ebs;
use crate::cloud::aws::storage::switch::Switch;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ020",
        name: "ebs-volume-unencrypted",
        title: "EBS volume is not encrypted",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["AVD-AWS-0026", "aws-ec2-enable-volume-encryption", "aws-ebs-enable-volume-encryption", "CKV_AWS_3", "F1"],
        rationale: "An unencrypted volume keeps its data, and every snapshot taken of it, readable by anyone who gets hold of the snapshot or the underlying storage. Encryption costs nothing measurable and cannot be added to a volume later without copying it.",
        remediation: "Set `encrypted = true` on the `aws_ebs_volume` (`Encrypted: true` on `AWS::EC2::Volume`), or turn on `aws_ebs_encryption_by_default` for the region.",
        bad_example: "resource \"aws_ebs_volume\" \"data\" {\n  availability_zone = \"eu-west-1a\"\n  size              = 100\n}\n",
        good_example: "resource \"aws_ebs_volume\" \"data\" {\n  availability_zone = \"eu-west-1a\"\n  size              = 100\n  encrypted         = true\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Data:\n    Type: AWS::EC2::Volume\n    Properties:\n      AvailabilityZone: eu-west-1a\n      Size: 100\n",
            good: "Resources:\n  Data:\n    Type: AWS::EC2::Volume\n    Properties:\n      AvailabilityZone: eu-west-1a\n      Size: 100\n      Encrypted: true\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    // With default encryption on, every new volume is encrypted whatever it says.
    if ebs::encrypted_by_default(deployment) {
        return;
    }
    for volume in ebs::volumes(deployment) {
        match volume.encrypted {
            // A volume restored from an encrypted snapshot is encrypted anyway.
            Switch::Off(attr) if volume.snapshot.is_none() => {
                deployment.report(hits, volume.resource, Some(attr), "the volume is created unencrypted")
            }
            Switch::Absent if volume.snapshot.is_none() => {
                deployment.report(hits, volume.resource, None, "the volume does not enable encryption")
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    #[test]
    fn default_encryption_and_snapshots_are_honoured() {
        let by_default =
            format!("{}\nresource \"aws_ebs_encryption_by_default\" \"on\" {{}}\n", RULE.meta.bad_example);
        assert!(run_on_example(&RULE, &by_default).is_empty());
        let off = format!(
            "{}\nresource \"aws_ebs_encryption_by_default\" \"off\" {{\n  enabled = false\n}}\n",
            RULE.meta.bad_example
        );
        assert_eq!(run_on_example(&RULE, &off).len(), 1);
        let restored = "resource \"aws_ebs_volume\" \"a\" {\n  availability_zone = \"eu-west-1a\"\n  snapshot_id       = \"snap-0123\"\n}\n";
        assert!(run_on_example(&RULE, restored).is_empty());
    }
}
