use crate::cloud::aws::compute::lambda;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ173",
        name: "lambda-runtime-deprecated",
        title: "Lambda function uses a runtime AWS has deprecated",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.patch"],
        aliases: &["CKV_AWS_363"],
        rationale: "Once a runtime is deprecated, AWS stops applying security patches to it and its language version usually no longer receives fixes either; soon after, functions using it can no longer be created or updated. Vulnerabilities found in it stay in the function.",
        remediation: "Move the function to a supported runtime (`runtime` of the `aws_lambda_function`, `Runtime` in CloudFormation and SAM), such as `python3.13`, `nodejs22.x`, `java21` or `provided.al2023`.",
        bad_example: "resource \"aws_lambda_function\" \"api\" {\n  function_name = \"api\"\n  role          = \"arn:aws:iam::123456789012:role/api\"\n  handler       = \"app.handler\"\n  runtime       = \"python3.8\"\n  filename      = \"api.zip\"\n}\n",
        good_example: "resource \"aws_lambda_function\" \"api\" {\n  function_name = \"api\"\n  role          = \"arn:aws:iam::123456789012:role/api\"\n  handler       = \"app.handler\"\n  runtime       = \"python3.13\"\n  filename      = \"api.zip\"\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Api:\n    Type: AWS::Lambda::Function\n    Properties:\n      FunctionName: api\n      Role: arn:aws:iam::123456789012:role/api\n      Handler: app.handler\n      Runtime: nodejs16.x\n      Code:\n        S3Bucket: acme-artifacts\n        S3Key: api.zip\n",
            good: "Resources:\n  Api:\n    Type: AWS::Lambda::Function\n    Properties:\n      FunctionName: api\n      Role: arn:aws:iam::123456789012:role/api\n      Handler: app.handler\n      Runtime: nodejs22.x\n      Code:\n        S3Bucket: acme-artifacts\n        S3Key: api.zip\n",
        }),
    }),
};

/// Runtimes past their deprecation date (November 2026).
const DEPRECATED: &[&str] = &[
    "nodejs",
    "nodejs4.3",
    "nodejs4.3-edge",
    "nodejs6.10",
    "nodejs8.10",
    "nodejs10.x",
    "nodejs12.x",
    "nodejs14.x",
    "nodejs16.x",
    "nodejs18.x",
    "nodejs20.x",
    "python2.7",
    "python3.6",
    "python3.7",
    "python3.8",
    "python3.9",
    "python3.10",
    "java8",
    "go1.x",
    "provided",
    "provided.al2",
    "ruby2.5",
    "ruby2.7",
    "ruby3.2",
    "dotnetcore1.0",
    "dotnetcore2.0",
    "dotnetcore2.1",
    "dotnetcore3.1",
    "dotnet5.0",
    "dotnet6",
    "dotnet7",
    "dotnet8",
];

fn check(deployment: &Deployment, hits: &mut Hits) {
    for function in lambda::functions(deployment) {
        let Some(runtime) = function.runtime else { continue };
        let Some(name) = runtime.as_str().map(str::trim) else { continue };
        if DEPRECATED.iter().any(|d| d.eq_ignore_ascii_case(name)) {
            deployment.report(
                hits,
                function.resource,
                Some(runtime),
                format!("runtime `{name}` is deprecated"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    #[test]
    fn images_and_computed_runtimes_are_not_judged() {
        let image = "resource \"aws_lambda_function\" \"api\" {\n  function_name = \"api\"\n  role = \"arn:aws:iam::1:role/x\"\n  \
                     package_type = \"Image\"\n  image_uri = \"1.dkr.ecr.eu-west-1.amazonaws.com/api:1\"\n}\n";
        assert!(run_on_example(&RULE, image).is_empty());
        let computed = "resource \"aws_lambda_function\" \"api\" {\n  function_name = \"api\"\n  role = \"arn:aws:iam::1:role/x\"\n  \
                        runtime = var.runtime\n}\n";
        assert!(run_on_example(&RULE, computed).is_empty());
    }
}
