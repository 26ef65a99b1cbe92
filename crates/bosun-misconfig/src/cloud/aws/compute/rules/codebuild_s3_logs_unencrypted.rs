use crate::cloud::aws::compute::codebuild;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ176",
        name: "codebuild-s3-logs-unencrypted",
        title: "CodeBuild project writes unencrypted build logs to S3",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["CKV_AWS_311"],
        rationale: "Build logs often carry more than intended: environment details, dependency URLs, sometimes a token echoed by a script. Writing them to S3 with encryption turned off leaves them protected only by the bucket's own settings.",
        remediation: "Remove `encryption_disabled = true` from `logs_config { s3_logs { ... } }` of the `aws_codebuild_project` (`LogsConfig.S3Logs.EncryptionDisabled` in CloudFormation).",
        bad_example: "resource \"aws_codebuild_project\" \"build\" {\n  name         = \"build\"\n  service_role = \"arn:aws:iam::123456789012:role/codebuild\"\n  artifacts {\n    type = \"NO_ARTIFACTS\"\n  }\n  environment {\n    compute_type = \"BUILD_GENERAL1_SMALL\"\n    image        = \"aws/codebuild/standard:7.0\"\n    type         = \"LINUX_CONTAINER\"\n  }\n  source {\n    type     = \"GITHUB\"\n    location = \"https://github.com/acme/app.git\"\n  }\n  logs_config {\n    s3_logs {\n      status              = \"ENABLED\"\n      location            = \"acme-build-logs/build\"\n      encryption_disabled = true\n    }\n  }\n}\n",
        good_example: "resource \"aws_codebuild_project\" \"build\" {\n  name         = \"build\"\n  service_role = \"arn:aws:iam::123456789012:role/codebuild\"\n  artifacts {\n    type = \"NO_ARTIFACTS\"\n  }\n  environment {\n    compute_type = \"BUILD_GENERAL1_SMALL\"\n    image        = \"aws/codebuild/standard:7.0\"\n    type         = \"LINUX_CONTAINER\"\n  }\n  source {\n    type     = \"GITHUB\"\n    location = \"https://github.com/acme/app.git\"\n  }\n  logs_config {\n    s3_logs {\n      status   = \"ENABLED\"\n      location = \"acme-build-logs/build\"\n    }\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Build:\n    Type: AWS::CodeBuild::Project\n    Properties:\n      Name: build\n      ServiceRole: arn:aws:iam::123456789012:role/codebuild\n      Artifacts:\n        Type: NO_ARTIFACTS\n      Environment:\n        ComputeType: BUILD_GENERAL1_SMALL\n        Image: aws/codebuild/standard:7.0\n        Type: LINUX_CONTAINER\n      Source:\n        Type: GITHUB\n        Location: https://github.com/acme/app.git\n      LogsConfig:\n        S3Logs:\n          Status: ENABLED\n          Location: acme-build-logs/build\n          EncryptionDisabled: true\n",
            good: "Resources:\n  Build:\n    Type: AWS::CodeBuild::Project\n    Properties:\n      Name: build\n      ServiceRole: arn:aws:iam::123456789012:role/codebuild\n      Artifacts:\n        Type: NO_ARTIFACTS\n      Environment:\n        ComputeType: BUILD_GENERAL1_SMALL\n        Image: aws/codebuild/standard:7.0\n        Type: LINUX_CONTAINER\n      Source:\n        Type: GITHUB\n        Location: https://github.com/acme/app.git\n      LogsConfig:\n        S3Logs:\n          Status: ENABLED\n          Location: acme-build-logs/build\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for project in codebuild::projects(deployment) {
        let Some(logs) = &project.s3_logs else { continue };
        let Some(disabled) = logs.encryption_disabled.filter(|d| d.is_true()) else { continue };
        // S3 logs are off unless their status says otherwise.
        let enabled =
            logs.status.is_some_and(|s| s.as_str().is_none_or(|s| s.eq_ignore_ascii_case("ENABLED")));
        if enabled {
            deployment.report(
                hits,
                project.resource,
                Some(disabled),
                "S3 build logs are written without encryption",
            );
        }
    }
}
