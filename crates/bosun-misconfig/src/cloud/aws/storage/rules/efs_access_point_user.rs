use crate::cloud::aws::storage::efs;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ028",
        name: "efs-access-point-no-user-identity",
        title: "EFS access point does not enforce a user identity",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.least-access"],
        aliases: &["CKV_AWS_330"],
        rationale: "Without a POSIX user on the access point, each client chooses the user and group ids it acts as, root included, and file permissions stop meaning anything. Enforcing an identity makes every request through the access point run as that user.",
        remediation: "Add `posix_user { uid = .. gid = .. }` to the `aws_efs_access_point` (`PosixUser` on `AWS::EFS::AccessPoint`).",
        bad_example: "resource \"aws_efs_access_point\" \"app\" {\n  file_system_id = aws_efs_file_system.shared.id\n\n  root_directory {\n    path = \"/app\"\n  }\n}\n",
        good_example: "resource \"aws_efs_access_point\" \"app\" {\n  file_system_id = aws_efs_file_system.shared.id\n\n  root_directory {\n    path = \"/app\"\n  }\n\n  posix_user {\n    uid = 1000\n    gid = 1000\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  App:\n    Type: AWS::EFS::AccessPoint\n    Properties:\n      FileSystemId: fs-0123456789abcdef0\n      RootDirectory:\n        Path: /app\n",
            good: "Resources:\n  App:\n    Type: AWS::EFS::AccessPoint\n    Properties:\n      FileSystemId: fs-0123456789abcdef0\n      RootDirectory:\n        Path: /app\n      PosixUser:\n        Uid: '1000'\n        Gid: '1000'\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for access_point in efs::access_points(deployment) {
        if access_point.posix_user.is_none() {
            deployment.report(
                hits,
                access_point.resource,
                None,
                "the access point enforces no POSIX user, so clients choose their own user and group ids",
            );
        }
    }
}
