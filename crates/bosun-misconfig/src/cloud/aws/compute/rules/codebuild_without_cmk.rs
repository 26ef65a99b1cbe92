use crate::cloud::aws::compute::codebuild;
use crate::cloud::aws::storage::switch::is_aws_managed_key;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ180",
        name: "codebuild-without-cmk",
        title: "CodeBuild project does not encrypt its output with a customer managed KMS key",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["CKV_AWS_147", "W32"],
        rationale: "Without `encryption_key`, CodeBuild encrypts artifacts and caches with the AWS managed key for S3. A customer managed key lets you control who can decrypt the build output through its key policy, audit its use, and revoke it.",
        remediation: "Set `encryption_key` on the `aws_codebuild_project` to a customer managed KMS key (`EncryptionKey` in CloudFormation).",
        bad_example: "resource \"aws_codebuild_project\" \"build\" {\n  name         = \"build\"\n  service_role = \"arn:aws:iam::123456789012:role/codebuild\"\n  artifacts {\n    type = \"NO_ARTIFACTS\"\n  }\n  environment {\n    compute_type = \"BUILD_GENERAL1_SMALL\"\n    image        = \"aws/codebuild/standard:7.0\"\n    type         = \"LINUX_CONTAINER\"\n  }\n  source {\n    type     = \"GITHUB\"\n    location = \"https://github.com/acme/app.git\"\n  }\n}\n",
        good_example: "resource \"aws_codebuild_project\" \"build\" {\n  name         = \"build\"\n  service_role = \"arn:aws:iam::123456789012:role/codebuild\"\n  artifacts {\n    type = \"NO_ARTIFACTS\"\n  }\n  environment {\n    compute_type = \"BUILD_GENERAL1_SMALL\"\n    image        = \"aws/codebuild/standard:7.0\"\n    type         = \"LINUX_CONTAINER\"\n  }\n  source {\n    type     = \"GITHUB\"\n    location = \"https://github.com/acme/app.git\"\n  }\n  encryption_key = \"arn:aws:kms:eu-west-1:123456789012:key/0f2a3b4c-1d2e-4f5a-8b9c-0d1e2f3a4b5c\"\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Build:\n    Type: AWS::CodeBuild::Project\n    Properties:\n      Name: build\n      ServiceRole: arn:aws:iam::123456789012:role/codebuild\n      Artifacts:\n        Type: NO_ARTIFACTS\n      Environment:\n        ComputeType: BUILD_GENERAL1_SMALL\n        Image: aws/codebuild/standard:7.0\n        Type: LINUX_CONTAINER\n      Source:\n        Type: GITHUB\n        Location: https://github.com/acme/app.git\n",
            good: "Resources:\n  Build:\n    Type: AWS::CodeBuild::Project\n    Properties:\n      Name: build\n      ServiceRole: arn:aws:iam::123456789012:role/codebuild\n      Artifacts:\n        Type: NO_ARTIFACTS\n      Environment:\n        ComputeType: BUILD_GENERAL1_SMALL\n        Image: aws/codebuild/standard:7.0\n        Type: LINUX_CONTAINER\n      Source:\n        Type: GITHUB\n        Location: https://github.com/acme/app.git\n      EncryptionKey: arn:aws:kms:eu-west-1:123456789012:key/0f2a3b4c-1d2e-4f5a-8b9c-0d1e2f3a4b5c\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for project in codebuild::projects(deployment) {
        match project.encryption_key.filter(|k| k.is_set()) {
            None => deployment.report(
                hits,
                project.resource,
                None,
                "the project names no customer managed KMS key",
            ),
            Some(key) if is_aws_managed_key(key) => deployment.report(
                hits,
                project.resource,
                Some(key),
                "the project uses an AWS managed KMS key",
            ),
            Some(_) => {}
        }
    }
}
