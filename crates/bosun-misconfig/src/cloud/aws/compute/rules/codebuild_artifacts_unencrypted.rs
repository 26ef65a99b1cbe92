use crate::cloud::aws::compute::codebuild;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ175",
        name: "codebuild-artifacts-unencrypted",
        title: "CodeBuild project turns off encryption of its build artifacts",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["AVD-AWS-0018", "aws-codebuild-enable-encryption", "CKV_AWS_78"],
        rationale: "Build artifacts are the code and packages that get deployed. With `encryption_disabled` they are written to S3 without CodeBuild's encryption, so their protection rests on the bucket alone and they can be read wherever that bucket's settings fall short.",
        remediation: "Remove `encryption_disabled = true` from the `artifacts` and `secondary_artifacts` blocks of the `aws_codebuild_project` (`EncryptionDisabled` in `Artifacts`/`SecondaryArtifacts` in CloudFormation).",
        bad_example: "resource \"aws_codebuild_project\" \"build\" {\n  name         = \"build\"\n  service_role = \"arn:aws:iam::123456789012:role/codebuild\"\n  artifacts {\n    type                = \"S3\"\n    location            = \"acme-build-output\"\n    encryption_disabled = true\n  }\n  environment {\n    compute_type = \"BUILD_GENERAL1_SMALL\"\n    image        = \"aws/codebuild/standard:7.0\"\n    type         = \"LINUX_CONTAINER\"\n  }\n  source {\n    type     = \"GITHUB\"\n    location = \"https://github.com/acme/app.git\"\n  }\n}\n",
        good_example: "resource \"aws_codebuild_project\" \"build\" {\n  name         = \"build\"\n  service_role = \"arn:aws:iam::123456789012:role/codebuild\"\n  artifacts {\n    type     = \"S3\"\n    location = \"acme-build-output\"\n  }\n  environment {\n    compute_type = \"BUILD_GENERAL1_SMALL\"\n    image        = \"aws/codebuild/standard:7.0\"\n    type         = \"LINUX_CONTAINER\"\n  }\n  source {\n    type     = \"GITHUB\"\n    location = \"https://github.com/acme/app.git\"\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Build:\n    Type: AWS::CodeBuild::Project\n    Properties:\n      Name: build\n      ServiceRole: arn:aws:iam::123456789012:role/codebuild\n      Artifacts:\n        Type: S3\n        Location: acme-build-output\n        EncryptionDisabled: true\n      Environment:\n        ComputeType: BUILD_GENERAL1_SMALL\n        Image: aws/codebuild/standard:7.0\n        Type: LINUX_CONTAINER\n      Source:\n        Type: GITHUB\n        Location: https://github.com/acme/app.git\n",
            good: "Resources:\n  Build:\n    Type: AWS::CodeBuild::Project\n    Properties:\n      Name: build\n      ServiceRole: arn:aws:iam::123456789012:role/codebuild\n      Artifacts:\n        Type: S3\n        Location: acme-build-output\n        EncryptionDisabled: false\n      Environment:\n        ComputeType: BUILD_GENERAL1_SMALL\n        Image: aws/codebuild/standard:7.0\n        Type: LINUX_CONTAINER\n      Source:\n        Type: GITHUB\n        Location: https://github.com/acme/app.git\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for project in codebuild::projects(deployment) {
        for artifacts in &project.artifacts {
            let Some(disabled) = artifacts.encryption_disabled.filter(|d| d.is_true()) else { continue };
            if artifacts.produced() {
                deployment.report(
                    hits,
                    project.resource,
                    Some(disabled),
                    "artifact encryption is turned off",
                );
            }
        }
    }
}
