use crate::cloud::aws::compute::codebuild;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ177",
        name: "codebuild-privileged-mode",
        title: "CodeBuild project runs builds in privileged mode",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.least-access"],
        aliases: &["CKV_AWS_316"],
        rationale: "Privileged mode gives the build container full access to the build host so it can run a Docker daemon. Any build step, including a compromised dependency or a pull request's script, then runs with that power. Keep it to the projects that really build container images.",
        remediation: "Set `privileged_mode = false` in the `environment` of the `aws_codebuild_project` (`PrivilegedMode` in CloudFormation), unless the project builds Docker images.",
        bad_example: "resource \"aws_codebuild_project\" \"build\" {\n  name         = \"build\"\n  service_role = \"arn:aws:iam::123456789012:role/codebuild\"\n  artifacts {\n    type = \"NO_ARTIFACTS\"\n  }\n  environment {\n    compute_type = \"BUILD_GENERAL1_SMALL\"\n    image        = \"aws/codebuild/standard:7.0\"\n    type         = \"LINUX_CONTAINER\"\n    privileged_mode = true\n  }\n  source {\n    type     = \"GITHUB\"\n    location = \"https://github.com/acme/app.git\"\n  }\n}\n",
        good_example: "resource \"aws_codebuild_project\" \"build\" {\n  name         = \"build\"\n  service_role = \"arn:aws:iam::123456789012:role/codebuild\"\n  artifacts {\n    type = \"NO_ARTIFACTS\"\n  }\n  environment {\n    compute_type = \"BUILD_GENERAL1_SMALL\"\n    image        = \"aws/codebuild/standard:7.0\"\n    type         = \"LINUX_CONTAINER\"\n    privileged_mode = false\n  }\n  source {\n    type     = \"GITHUB\"\n    location = \"https://github.com/acme/app.git\"\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Build:\n    Type: AWS::CodeBuild::Project\n    Properties:\n      Name: build\n      ServiceRole: arn:aws:iam::123456789012:role/codebuild\n      Artifacts:\n        Type: NO_ARTIFACTS\n      Environment:\n        ComputeType: BUILD_GENERAL1_SMALL\n        Image: aws/codebuild/standard:7.0\n        Type: LINUX_CONTAINER\n        PrivilegedMode: true\n      Source:\n        Type: GITHUB\n        Location: https://github.com/acme/app.git\n",
            good: "Resources:\n  Build:\n    Type: AWS::CodeBuild::Project\n    Properties:\n      Name: build\n      ServiceRole: arn:aws:iam::123456789012:role/codebuild\n      Artifacts:\n        Type: NO_ARTIFACTS\n      Environment:\n        ComputeType: BUILD_GENERAL1_SMALL\n        Image: aws/codebuild/standard:7.0\n        Type: LINUX_CONTAINER\n        PrivilegedMode: false\n      Source:\n        Type: GITHUB\n        Location: https://github.com/acme/app.git\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for project in codebuild::projects(deployment) {
        if let Some(privileged) = project.privileged_mode.filter(|p| p.is_true()) {
            deployment.report(hits, project.resource, Some(privileged), "builds run in privileged mode");
        }
    }
}
