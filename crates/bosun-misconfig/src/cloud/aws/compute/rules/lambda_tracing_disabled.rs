use crate::cloud::aws::compute::lambda;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ168",
        name: "lambda-tracing-disabled",
        title: "Lambda function does not have X-Ray tracing turned on",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.audit-logging"],
        aliases: &["AVD-AWS-0066", "aws-lambda-enable-tracing", "CKV_AWS_50"],
        rationale: "Active tracing records each invocation and the calls it makes to other services. Without it, following a request through a serverless application, or working out what a misbehaving function touched, depends on whatever the code happens to log. SAM functions without `Tracing` are not reported, as the template's `Globals` may set it.",
        remediation: "Add `tracing_config { mode = \"Active\" }` to the `aws_lambda_function` (`TracingConfig: {Mode: Active}` in CloudFormation, `Tracing: Active` for SAM), and allow the role to write to X-Ray.",
        bad_example: "resource \"aws_lambda_function\" \"api\" {\n  function_name = \"api\"\n  role          = \"arn:aws:iam::123456789012:role/api\"\n  handler       = \"app.handler\"\n  runtime       = \"python3.12\"\n  filename      = \"api.zip\"\n  tracing_config {\n    mode = \"PassThrough\"\n  }\n}\n",
        good_example: "resource \"aws_lambda_function\" \"api\" {\n  function_name = \"api\"\n  role          = \"arn:aws:iam::123456789012:role/api\"\n  handler       = \"app.handler\"\n  runtime       = \"python3.12\"\n  filename      = \"api.zip\"\n  tracing_config {\n    mode = \"Active\"\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Api:\n    Type: AWS::Lambda::Function\n    Properties:\n      FunctionName: api\n      Role: arn:aws:iam::123456789012:role/api\n      Handler: app.handler\n      Runtime: python3.12\n      Code:\n        S3Bucket: acme-artifacts\n        S3Key: api.zip\n",
            good: "Resources:\n  Api:\n    Type: AWS::Lambda::Function\n    Properties:\n      FunctionName: api\n      Role: arn:aws:iam::123456789012:role/api\n      Handler: app.handler\n      Runtime: python3.12\n      Code:\n        S3Bucket: acme-artifacts\n        S3Key: api.zip\n      TracingConfig:\n        Mode: Active\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for function in lambda::functions(deployment) {
        match function.tracing_mode.filter(|m| !m.is_null()) {
            Some(mode) if mode.as_str().is_some_and(|m| !m.eq_ignore_ascii_case("Active")) => {
                deployment.report(hits, function.resource, Some(mode), "X-Ray tracing is not active")
            }
            Some(_) => {}
            None => deployment.report(
                hits,
                function.resource,
                None,
                "the function does not turn on X-Ray tracing",
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_cloudformation_example;

    fn sam(properties: &str) -> String {
        format!(
            "Transform: AWS::Serverless-2016-10-31\nResources:\n  Api:\n    Type: AWS::Serverless::Function\n    Properties:\n      \
             Handler: app.handler\n      CodeUri: s3://acme-artifacts/api.zip\n{properties}"
        )
    }

    #[test]
    fn sam_functions() {
        assert_eq!(run_on_cloudformation_example(&RULE, &sam("      Tracing: PassThrough\n")).len(), 1);
        assert!(run_on_cloudformation_example(&RULE, &sam("      Tracing: Active\n")).is_empty());
        assert_eq!(run_on_cloudformation_example(&RULE, &sam("      Runtime: python3.12\n")).len(), 1);
        // SAM's Globals turn it on for every function.
        let with_globals = sam("      Runtime: python3.12\n")
            .replace("Resources:", "Globals:\n  Function:\n    Tracing: Active\nResources:");
        assert!(run_on_cloudformation_example(&RULE, &with_globals).is_empty());
    }
}
