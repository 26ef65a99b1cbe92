use crate::cloud::aws::compute::lambda;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ172",
        name: "lambda-function-url-unauthenticated",
        title: "Lambda function URL does not require authentication",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.least-access"],
        aliases: &["CKV_AWS_258"],
        rationale: "A function URL with auth type `NONE` is an HTTPS endpoint anyone on the internet can call. Unless the function checks every request itself, anyone can run it, read what it returns and drive up its cost.",
        remediation: "Set `authorization_type = \"AWS_IAM\"` on the `aws_lambda_function_url` (`AuthType: AWS_IAM` on `AWS::Lambda::Url`, or in SAM's `FunctionUrlConfig`), or put the function behind API Gateway or CloudFront with authentication.",
        bad_example: "resource \"aws_lambda_function_url\" \"api\" {\n  function_name      = \"api\"\n  authorization_type = \"NONE\"\n}\n",
        good_example: "resource \"aws_lambda_function_url\" \"api\" {\n  function_name      = \"api\"\n  authorization_type = \"AWS_IAM\"\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  ApiUrl:\n    Type: AWS::Lambda::Url\n    Properties:\n      TargetFunctionArn: arn:aws:lambda:eu-west-1:123456789012:function:api\n      AuthType: NONE\n",
            good: "Resources:\n  ApiUrl:\n    Type: AWS::Lambda::Url\n    Properties:\n      TargetFunctionArn: arn:aws:lambda:eu-west-1:123456789012:function:api\n      AuthType: AWS_IAM\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for url in lambda::function_urls(deployment) {
        let Some(auth) = url.auth_type.filter(|a| a.as_str().is_some_and(|a| a.eq_ignore_ascii_case("NONE")))
        else {
            continue;
        };
        deployment.report(
            hits,
            url.resource,
            Some(auth),
            "the function URL's auth type is NONE: anyone can call it",
        );
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
    fn sam_function_url_config() {
        let bad = sam("      Runtime: python3.12\n      FunctionUrlConfig:\n        AuthType: NONE\n");
        assert_eq!(run_on_cloudformation_example(&RULE, &bad).len(), 1);
        let good = sam("      Runtime: python3.12\n      FunctionUrlConfig:\n        AuthType: AWS_IAM\n");
        assert!(run_on_cloudformation_example(&RULE, &good).is_empty());
    }
}
