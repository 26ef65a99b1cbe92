use crate::cloud::aws::identity::monitoring;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ135",
        name: "cloudwatch-log-group-without-kms",
        title: "CloudWatch log group is not encrypted with a KMS key",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.audit-logging"],
        aliases: &["CKV_AWS_158", "AVD-AWS-0017", "aws-cloudwatch-log-group-customer-key", "W84"],
        rationale: r#"Log groups are encrypted by CloudWatch with keys it manages. A customer managed KMS key adds a separate permission to read the logs, which often carry tokens, personal data and request bodies, and an audit trail of every decryption."#,
        remediation: r#"Set `kms_key_id` on `aws_cloudwatch_log_group` (`KmsKeyId` on `AWS::Logs::LogGroup`) to a key whose policy allows the CloudWatch Logs service."#,
        bad_example: r#"resource "aws_cloudwatch_log_group" "app" {
  name              = "/acme/app"
  retention_in_days = 365
}
"#,
        good_example: r#"resource "aws_cloudwatch_log_group" "app" {
  name              = "/acme/app"
  retention_in_days = 365
  kms_key_id        = aws_kms_key.logs.arn
}
"#,
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: r#"Resources:
  AppLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: /acme/app
      RetentionInDays: 365
"#,
            good: r#"Resources:
  AppLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: /acme/app
      RetentionInDays: 365
      KmsKeyId: !GetAtt LogsKey.Arn
"#,
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for group in monitoring::log_groups(deployment) {
        if !group.kms_key.is_some_and(|attr| attr.is_set()) {
            deployment.report(
                hits,
                group.resource,
                None,
                "the log group is not encrypted with a customer managed KMS key",
            );
        }
    }
}
