use crate::cloud::aws::compute::codebuild;
use crate::cloud::aws::compute::common::literal_secret;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ178",
        name: "codebuild-environment-secret",
        title: "CodeBuild project has a secret in a plain-text environment variable",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &[],
        rationale: "`PLAINTEXT` environment variables are stored in the project definition: anyone who can view the project, or read the code that declares it, reads them. CodeBuild can instead fetch the value at build time from Parameter Store or Secrets Manager, keeping it out of the project.",
        remediation: "Store the value in SSM Parameter Store or Secrets Manager and give the variable `type = \"PARAMETER_STORE\"` or `\"SECRETS_MANAGER\"` with the parameter or secret name as its value (`Type` in `EnvironmentVariables` in CloudFormation).",
        bad_example: "resource \"aws_codebuild_project\" \"build\" {\n  name         = \"build\"\n  service_role = \"arn:aws:iam::123456789012:role/codebuild\"\n  artifacts {\n    type = \"NO_ARTIFACTS\"\n  }\n  environment {\n    compute_type = \"BUILD_GENERAL1_SMALL\"\n    image        = \"aws/codebuild/standard:7.0\"\n    type         = \"LINUX_CONTAINER\"\n    environment_variable {\n      name  = \"NPM_TOKEN\"\n      value = \"npm_9fQ2xLr7TbYh\"\n    }\n  }\n  source {\n    type     = \"GITHUB\"\n    location = \"https://github.com/acme/app.git\"\n  }\n}\n",
        good_example: "resource \"aws_codebuild_project\" \"build\" {\n  name         = \"build\"\n  service_role = \"arn:aws:iam::123456789012:role/codebuild\"\n  artifacts {\n    type = \"NO_ARTIFACTS\"\n  }\n  environment {\n    compute_type = \"BUILD_GENERAL1_SMALL\"\n    image        = \"aws/codebuild/standard:7.0\"\n    type         = \"LINUX_CONTAINER\"\n    environment_variable {\n      name  = \"NPM_TOKEN\"\n      value = \"/build/npm-token\"\n      type  = \"PARAMETER_STORE\"\n    }\n  }\n  source {\n    type     = \"GITHUB\"\n    location = \"https://github.com/acme/app.git\"\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Build:\n    Type: AWS::CodeBuild::Project\n    Properties:\n      Name: build\n      ServiceRole: arn:aws:iam::123456789012:role/codebuild\n      Artifacts:\n        Type: NO_ARTIFACTS\n      Environment:\n        ComputeType: BUILD_GENERAL1_SMALL\n        Image: aws/codebuild/standard:7.0\n        Type: LINUX_CONTAINER\n        EnvironmentVariables:\n          - Name: NPM_TOKEN\n            Type: PLAINTEXT\n            Value: npm_9fQ2xLr7TbYh\n      Source:\n        Type: GITHUB\n        Location: https://github.com/acme/app.git\n",
            good: "Resources:\n  Build:\n    Type: AWS::CodeBuild::Project\n    Properties:\n      Name: build\n      ServiceRole: arn:aws:iam::123456789012:role/codebuild\n      Artifacts:\n        Type: NO_ARTIFACTS\n      Environment:\n        ComputeType: BUILD_GENERAL1_SMALL\n        Image: aws/codebuild/standard:7.0\n        Type: LINUX_CONTAINER\n        EnvironmentVariables:\n          - Name: NPM_TOKEN\n            Type: SECRETS_MANAGER\n            Value: build/npm-token\n      Source:\n        Type: GITHUB\n        Location: https://github.com/acme/app.git\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for project in codebuild::projects(deployment) {
        for variable in project.variables.iter().filter(|v| v.is_plain_text()) {
            let Some(reason) = literal_secret(variable.name, variable.value) else { continue };
            let message = format!("the plain-text variable {} is set to {reason}", variable.name);
            deployment.report(hits, project.resource, Some(variable.value), message);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_cloudformation_example;

    #[test]
    fn variables_without_a_type_are_plain_text() {
        let text = "Resources:\n  Build:\n    Type: AWS::CodeBuild::Project\n    Properties:\n      Environment:\n        \
                    EnvironmentVariables:\n          - Name: SONAR_TOKEN\n            Value: squ_1f2e3d4c5b6a\n          \
                    - Name: GITHUB_TOKEN\n            Type: SECRETS_MANAGER\n            Value: build/github\n";
        let found = run_on_cloudformation_example(&RULE, text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, "the plain-text variable SONAR_TOKEN is set to a literal secret");
    }
}
