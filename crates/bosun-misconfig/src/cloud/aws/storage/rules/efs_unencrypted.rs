use crate::cloud::aws::storage::efs;
use crate::cloud::aws::storage::switch::Switch;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ025",
        name: "efs-file-system-unencrypted",
        title: "EFS file system is not encrypted at rest",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["AVD-AWS-0037", "aws-efs-enable-at-rest-encryption", "CKV_AWS_42"],
        rationale: "EFS encryption at rest can only be chosen when the file system is created. Without it, the files, and backups taken of them, are stored in clear, and fixing it later means creating a new file system and copying everything across.",
        remediation: "Set `encrypted = true` on the `aws_efs_file_system` (`Encrypted: true` on `AWS::EFS::FileSystem`).",
        bad_example: "resource \"aws_efs_file_system\" \"shared\" {\n  creation_token = \"shared\"\n}\n",
        good_example: "resource \"aws_efs_file_system\" \"shared\" {\n  creation_token = \"shared\"\n  encrypted      = true\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Shared:\n    Type: AWS::EFS::FileSystem\n    Properties:\n      PerformanceMode: generalPurpose\n",
            good: "Resources:\n  Shared:\n    Type: AWS::EFS::FileSystem\n    Properties:\n      PerformanceMode: generalPurpose\n      Encrypted: true\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for file_system in efs::file_systems(deployment) {
        match file_system.encrypted {
            Switch::Off(attr) => deployment.report(
                hits,
                file_system.resource,
                Some(attr),
                "the file system is created unencrypted",
            ),
            Switch::Absent => deployment.report(
                hits,
                file_system.resource,
                None,
                "the file system does not enable encryption at rest",
            ),
            _ => {}
        }
    }
}
