use crate::cloud::aws::identity::monitoring;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ136",
        name: "cloudwatch-log-group-no-retention",
        title: "CloudWatch log group sets no retention period",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.audit-logging"],
        aliases: &["CKV_AWS_66", "W86"],
        rationale: r#"Without a retention period, events are kept forever: personal data and secrets that slipped into logs never go away, and storage keeps growing. Choosing a period makes the trade-off between audit needs and exposure explicit."#,
        remediation: r#"Set `retention_in_days` on `aws_cloudwatch_log_group` (`RetentionInDays` on `AWS::Logs::LogGroup`), at least 365 for audit logs."#,
        bad_example: r#"resource "aws_cloudwatch_log_group" "app" {
  name              = "/acme/app"
  kms_key_id        = aws_kms_key.logs.arn
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
      KmsKeyId: !GetAtt LogsKey.Arn
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
        if group.retention_days.is_none_or(|attr| attr.is_null()) {
            deployment.report(
                hits,
                group.resource,
                None,
                "the log group sets no retention period, so events are kept forever",
            );
        }
    }
}
