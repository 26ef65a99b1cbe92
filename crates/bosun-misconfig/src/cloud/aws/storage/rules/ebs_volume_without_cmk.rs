use crate::cloud::aws::storage::ebs;
use crate::cloud::aws::storage::switch::{names_customer_key, Switch};
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ021",
        name: "ebs-volume-without-cmk",
        title: "EBS volume is not encrypted with a customer managed KMS key",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["AVD-AWS-0027", "aws-ec2-volume-encryption-customer-key", "aws-ebs-encryption-customer-key", "CKV_AWS_189"],
        rationale: "An encrypted volume without a key of its own uses the AWS managed `aws/ebs` key, whose policy cannot be changed: anyone in the account allowed to use EBS can use it, and it cannot be disabled to cut off access. A customer managed key puts its use under your own policy and audit.",
        remediation: "Set `kms_key_id` to a customer managed key on the `aws_ebs_volume` (`KmsKeyId` on `AWS::EC2::Volume`), or set one for the region with `aws_ebs_default_kms_key`.",
        bad_example: "resource \"aws_ebs_volume\" \"data\" {\n  availability_zone = \"eu-west-1a\"\n  size              = 100\n  encrypted         = true\n}\n",
        good_example: "resource \"aws_kms_key\" \"data\" {\n  enable_key_rotation = true\n}\n\nresource \"aws_ebs_volume\" \"data\" {\n  availability_zone = \"eu-west-1a\"\n  size              = 100\n  encrypted         = true\n  kms_key_id        = aws_kms_key.data.arn\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Data:\n    Type: AWS::EC2::Volume\n    Properties:\n      AvailabilityZone: eu-west-1a\n      Size: 100\n      Encrypted: true\n",
            good: "Resources:\n  DataKey:\n    Type: AWS::KMS::Key\n    Properties:\n      EnableKeyRotation: true\n  Data:\n    Type: AWS::EC2::Volume\n    Properties:\n      AvailabilityZone: eu-west-1a\n      Size: 100\n      Encrypted: true\n      KmsKeyId: !GetAtt DataKey.Arn\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    if ebs::default_customer_key(deployment) {
        return;
    }
    let by_default = ebs::encrypted_by_default(deployment);
    for volume in ebs::volumes(deployment) {
        let encrypted =
            volume.encrypted.is_on() || (by_default && matches!(volume.encrypted, Switch::Absent));
        if encrypted && !names_customer_key(volume.kms_key) {
            deployment.report(
                hits,
                volume.resource,
                volume.kms_key.or(volume.encrypted.attr()),
                "the volume is encrypted with the AWS managed key `aws/ebs`, not a customer managed KMS key",
            );
        }
    }
}
