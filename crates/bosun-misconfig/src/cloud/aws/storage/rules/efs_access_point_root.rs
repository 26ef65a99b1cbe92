use crate::cloud::aws::storage::efs;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ027",
        name: "efs-access-point-root-directory",
        title: "EFS access point exposes the file system's root directory",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.least-access"],
        aliases: &["CKV_AWS_329"],
        rationale: "An access point is how an application is confined to its part of a shared file system. One without a root directory, or rooted at `/`, gives its clients every directory of the file system, including other applications' data.",
        remediation: "Set `root_directory { path = \"/app\" }` on the `aws_efs_access_point` (`RootDirectory.Path` on `AWS::EFS::AccessPoint`) to the application's own directory.",
        bad_example: "resource \"aws_efs_access_point\" \"app\" {\n  file_system_id = aws_efs_file_system.shared.id\n\n  posix_user {\n    uid = 1000\n    gid = 1000\n  }\n}\n",
        good_example: "resource \"aws_efs_access_point\" \"app\" {\n  file_system_id = aws_efs_file_system.shared.id\n\n  root_directory {\n    path = \"/app\"\n  }\n\n  posix_user {\n    uid = 1000\n    gid = 1000\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  App:\n    Type: AWS::EFS::AccessPoint\n    Properties:\n      FileSystemId: fs-0123456789abcdef0\n      PosixUser:\n        Uid: '1000'\n        Gid: '1000'\n",
            good: "Resources:\n  App:\n    Type: AWS::EFS::AccessPoint\n    Properties:\n      FileSystemId: fs-0123456789abcdef0\n      RootDirectory:\n        Path: /app\n      PosixUser:\n        Uid: '1000'\n        Gid: '1000'\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for access_point in efs::access_points(deployment) {
        match access_point.root_path {
            None => deployment.report(
                hits,
                access_point.resource,
                None,
                "the access point sets no root directory, so clients see the whole file system",
            ),
            Some(path) if path.as_str().is_some_and(|p| p.trim_end_matches('/').is_empty()) => deployment
                .report(
                    hits,
                    access_point.resource,
                    Some(path),
                    "the access point is rooted at `/`, so clients see the whole file system",
                ),
            Some(_) => {}
        }
    }
}
