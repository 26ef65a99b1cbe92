use crate::cloud::aws::compute::common::literal_secret;
use crate::cloud::aws::compute::lambda;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ171",
        name: "lambda-environment-secret",
        title: "Lambda function has a secret written into its environment variables",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["CKV_AWS_45"],
        rationale: "Environment variables are part of the function's configuration: anyone allowed to read it sees them in clear, they appear in the console, and the code that declares them keeps them in version control. Passwords, tokens and keys belong in Secrets Manager or Parameter Store, read by the function at run time.",
        remediation: "Store the value in Secrets Manager or a SecureString parameter and read it from the code, or pass only its name or ARN in `environment { variables }` of the `aws_lambda_function` (`Environment.Variables` in CloudFormation and SAM).",
        bad_example: "resource \"aws_lambda_function\" \"api\" {\n  function_name = \"api\"\n  role          = \"arn:aws:iam::123456789012:role/api\"\n  handler       = \"app.handler\"\n  runtime       = \"python3.12\"\n  filename      = \"api.zip\"\n  environment {\n    variables = {\n      STRIPE_API_KEY = \"sk_live_51HxQ2eLkT0pYb\"\n    }\n  }\n}\n",
        good_example: "resource \"aws_lambda_function\" \"api\" {\n  function_name = \"api\"\n  role          = \"arn:aws:iam::123456789012:role/api\"\n  handler       = \"app.handler\"\n  runtime       = \"python3.12\"\n  filename      = \"api.zip\"\n  environment {\n    variables = {\n      STRIPE_API_KEY_SECRET_ARN = \"arn:aws:secretsmanager:eu-west-1:123456789012:secret:stripe\"\n    }\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Api:\n    Type: AWS::Lambda::Function\n    Properties:\n      FunctionName: api\n      Role: arn:aws:iam::123456789012:role/api\n      Handler: app.handler\n      Runtime: python3.12\n      Code:\n        S3Bucket: acme-artifacts\n        S3Key: api.zip\n      Environment:\n        Variables:\n          DB_PASSWORD: Winter2024!\n",
            good: "Resources:\n  Api:\n    Type: AWS::Lambda::Function\n    Properties:\n      FunctionName: api\n      Role: arn:aws:iam::123456789012:role/api\n      Handler: app.handler\n      Runtime: python3.12\n      Code:\n        S3Bucket: acme-artifacts\n        S3Key: api.zip\n      Environment:\n        Variables:\n          DB_PASSWORD: \"{{resolve:secretsmanager:prod/db:SecretString:password}}\"\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for function in lambda::functions(deployment) {
        for (name, value) in function.environment() {
            let Some(reason) = literal_secret(name, value) else { continue };
            deployment.report(
                hits,
                function.resource,
                Some(value),
                format!("the environment sets {name} to {reason}"),
            );
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
    fn sam_functions_and_computed_values() {
        let bad =
            sam("      Environment:\n        Variables:\n          GITHUB_TOKEN: ghp_abcdefghijklmnop\n");
        let found = run_on_cloudformation_example(&RULE, &bad);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, "the environment sets GITHUB_TOKEN to a literal secret");
        let computed = sam("      Environment:\n        Variables:\n          GITHUB_TOKEN: !Ref Token\n          LOG_LEVEL: debug\n");
        assert!(run_on_cloudformation_example(&RULE, &computed).is_empty());
    }
}
