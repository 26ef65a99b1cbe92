use crate::cloud::aws::identity::monitoring;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ137",
        name: "cloudwatch-log-group-short-retention",
        title: "CloudWatch log group keeps events less than a year",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.audit-logging"],
        aliases: &["CKV_AWS_338"],
        rationale: r#"Intrusions are often found months after they start. Logs kept for less than a year may be gone when an investigation needs them, and many compliance frameworks ask for a year of audit history."#,
        remediation: r#"Set `retention_in_days` to 365 or more on `aws_cloudwatch_log_group` (`RetentionInDays` on `AWS::Logs::LogGroup`), or export older events to S3."#,
        bad_example: r#"resource "aws_cloudwatch_log_group" "app" {
  name              = "/acme/app"
  retention_in_days = 30
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
      RetentionInDays: 14
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
        let Some(attr) = group.retention_days else { continue };
        // 0 keeps events forever in Terraform.
        if let Some(days) = attr.as_i64().filter(|&d| d > 0 && d < 365) {
            let message = format!("the log group keeps events for {days} days (365 or more wanted)");
            deployment.report(hits, group.resource, Some(attr), message);
        }
    }
}
