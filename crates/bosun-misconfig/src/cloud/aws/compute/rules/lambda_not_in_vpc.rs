use crate::cloud::aws::compute::lambda;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ174",
        name: "lambda-not-in-vpc",
        title: "Lambda function is not connected to a VPC",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "run.network-segregation"],
        aliases: &["CKV_AWS_117", "W89"],
        rationale: "A function outside a VPC reaches the internet directly, and no security group, network ACL or VPC flow log applies to its traffic. Functions that handle sensitive data or talk to private resources are easier to contain inside a VPC, with egress through controlled paths. SAM functions without `VpcConfig` are not reported, as the template's `Globals` may set it.",
        remediation: "Add `vpc_config { subnet_ids = [...] security_group_ids = [...] }` to the `aws_lambda_function` (`VpcConfig` in CloudFormation and SAM).",
        bad_example: "resource \"aws_lambda_function\" \"api\" {\n  function_name = \"api\"\n  role          = \"arn:aws:iam::123456789012:role/api\"\n  handler       = \"app.handler\"\n  runtime       = \"python3.12\"\n  filename      = \"api.zip\"\n}\n",
        good_example: "resource \"aws_lambda_function\" \"api\" {\n  function_name = \"api\"\n  role          = \"arn:aws:iam::123456789012:role/api\"\n  handler       = \"app.handler\"\n  runtime       = \"python3.12\"\n  filename      = \"api.zip\"\n  vpc_config {\n    subnet_ids         = [\"subnet-0123456789abcdef0\"]\n    security_group_ids = [\"sg-0123456789abcdef0\"]\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Api:\n    Type: AWS::Lambda::Function\n    Properties:\n      FunctionName: api\n      Role: arn:aws:iam::123456789012:role/api\n      Handler: app.handler\n      Runtime: python3.12\n      Code:\n        S3Bucket: acme-artifacts\n        S3Key: api.zip\n",
            good: "Resources:\n  Api:\n    Type: AWS::Lambda::Function\n    Properties:\n      FunctionName: api\n      Role: arn:aws:iam::123456789012:role/api\n      Handler: app.handler\n      Runtime: python3.12\n      Code:\n        S3Bucket: acme-artifacts\n        S3Key: api.zip\n      VpcConfig:\n        SubnetIds:\n          - subnet-0123456789abcdef0\n        SecurityGroupIds:\n          - sg-0123456789abcdef0\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for function in lambda::functions(deployment) {
        if function.maybe_in_vpc() {
            continue;
        }
        deployment.report(
            hits,
            function.resource,
            function.vpc_config,
            "the function is not connected to a VPC",
        );
    }
}
