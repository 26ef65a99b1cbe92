use crate::cloud::aws::storage::efs;
use crate::cloud::aws::storage::switch::names_customer_key;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ026",
        name: "efs-file-system-without-cmk",
        title: "EFS file system is not encrypted with a customer managed KMS key",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["CKV_AWS_184"],
        rationale: "An encrypted file system without a key of its own uses the AWS managed `aws/elasticfilesystem` key, whose policy you cannot change or disable. A customer managed key puts access to the data under a policy you control and an audit trail of its own.",
        remediation: "Set `kms_key_id` to a customer managed key on the `aws_efs_file_system` (`KmsKeyId` on `AWS::EFS::FileSystem`).",
        bad_example: "resource \"aws_efs_file_system\" \"shared\" {\n  creation_token = \"shared\"\n  encrypted      = true\n}\n",
        good_example: "resource \"aws_kms_key\" \"data\" {\n  enable_key_rotation = true\n}\n\nresource \"aws_efs_file_system\" \"shared\" {\n  creation_token = \"shared\"\n  encrypted      = true\n  kms_key_id     = aws_kms_key.data.arn\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Shared:\n    Type: AWS::EFS::FileSystem\n    Properties:\n      PerformanceMode: generalPurpose\n      Encrypted: true\n",
            good: "Resources:\n  DataKey:\n    Type: AWS::KMS::Key\n    Properties:\n      EnableKeyRotation: true\n  Shared:\n    Type: AWS::EFS::FileSystem\n    Properties:\n      PerformanceMode: generalPurpose\n      Encrypted: true\n      KmsKeyId: !GetAtt DataKey.Arn\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for file_system in efs::file_systems(deployment) {
        if file_system.encrypted.is_on() && !names_customer_key(file_system.kms_key) {
            deployment.report(
                hits,
                file_system.resource,
                file_system.kms_key.or(file_system.encrypted.attr()),
                "the file system is encrypted with the AWS managed key, not a customer managed KMS key",
            );
        }
    }
}
