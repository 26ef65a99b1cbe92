use crate::cloud::aws::compute::appsync;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ186",
        name: "appsync-logging-disabled",
        title: "AppSync GraphQL API does not log requests to CloudWatch",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.audit-logging"],
        aliases: &["CKV_AWS_193", "CKV_AWS_194"],
        rationale: "Without a log configuration, or with the field log level at `NONE`, AppSync keeps no record of the queries and mutations it resolves, so errors, abuse and data access through the API cannot be investigated.",
        remediation: "Add `log_config { cloudwatch_logs_role_arn = ... field_log_level = \"ERROR\" (or \"ALL\") }` to the `aws_appsync_graphql_api` (`LogConfig` with `CloudWatchLogsRoleArn` and `FieldLogLevel` in CloudFormation).",
        bad_example: "resource \"aws_appsync_graphql_api\" \"shop\" {\n  name                = \"shop\"\n  authentication_type = \"AMAZON_COGNITO_USER_POOLS\"\n}\n",
        good_example: "resource \"aws_appsync_graphql_api\" \"shop\" {\n  name                = \"shop\"\n  authentication_type = \"AMAZON_COGNITO_USER_POOLS\"\n  log_config {\n    cloudwatch_logs_role_arn = \"arn:aws:iam::123456789012:role/appsync-logs\"\n    field_log_level          = \"ERROR\"\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Shop:\n    Type: AWS::AppSync::GraphQLApi\n    Properties:\n      Name: shop\n      AuthenticationType: AMAZON_COGNITO_USER_POOLS\n      LogConfig:\n        CloudWatchLogsRoleArn: arn:aws:iam::123456789012:role/appsync-logs\n        FieldLogLevel: NONE\n",
            good: "Resources:\n  Shop:\n    Type: AWS::AppSync::GraphQLApi\n    Properties:\n      Name: shop\n      AuthenticationType: AMAZON_COGNITO_USER_POOLS\n      LogConfig:\n        CloudWatchLogsRoleArn: arn:aws:iam::123456789012:role/appsync-logs\n        FieldLogLevel: ERROR\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for api in appsync::graphql_apis(deployment) {
        match (api.log_config, api.field_log_level) {
            (None, _) => deployment.report(hits, api.resource, None, "the API has no log configuration"),
            (Some(_), Some(level)) if level.as_str().is_some_and(|l| l.eq_ignore_ascii_case("NONE")) => {
                deployment.report(hits, api.resource, Some(level), "the field log level is NONE")
            }
            _ => {}
        }
    }
}
