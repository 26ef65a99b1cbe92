use crate::cloud::aws::identity::cloudtrail;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ128",
        name: "cloudtrail-no-cloudwatch-logs",
        title: "CloudTrail trail does not send events to CloudWatch Logs",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.audit-logging"],
        aliases: &["CKV2_AWS_10", "AVD-AWS-0162", "aws-cloudtrail-ensure-cloudwatch-integration"],
        rationale: r#"Logs delivered only to S3 are read after the fact. Sending them to CloudWatch Logs as well allows metric filters and alarms on root sign-ins, policy changes or trail tampering while they happen."#,
        remediation: r#"Set `cloud_watch_logs_group_arn` and `cloud_watch_logs_role_arn` on `aws_cloudtrail` (`CloudWatchLogsLogGroupArn` and `CloudWatchLogsRoleArn` in CloudFormation)."#,
        bad_example: r#"resource "aws_cloudtrail" "main" {
  name                       = "main"
  s3_bucket_name             = "acme-trail-logs"
  is_multi_region_trail      = true
  enable_log_file_validation = true
  kms_key_id                 = aws_kms_key.trail.arn
  cloud_watch_logs_role_arn  = aws_iam_role.trail.arn
}
"#,
        good_example: r#"resource "aws_cloudtrail" "main" {
  name                       = "main"
  s3_bucket_name             = "acme-trail-logs"
  is_multi_region_trail      = true
  enable_log_file_validation = true
  kms_key_id                 = aws_kms_key.trail.arn
  cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.trail.arn}:*"
  cloud_watch_logs_role_arn  = aws_iam_role.trail.arn
}
"#,
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: r#"Resources:
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      TrailName: main
      S3BucketName: acme-trail-logs
      IsLogging: true
      IsMultiRegionTrail: true
      EnableLogFileValidation: true
      KMSKeyId: !Ref TrailKey
      CloudWatchLogsRoleArn: !GetAtt TrailRole.Arn
"#,
            good: r#"Resources:
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      TrailName: main
      S3BucketName: acme-trail-logs
      IsLogging: true
      IsMultiRegionTrail: true
      EnableLogFileValidation: true
      KMSKeyId: !Ref TrailKey
      CloudWatchLogsLogGroupArn: !GetAtt TrailLogs.Arn
      CloudWatchLogsRoleArn: !GetAtt TrailRole.Arn
"#,
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for trail in cloudtrail::trails(deployment) {
        if !trail.cloudwatch_log_group.is_some_and(|attr| attr.is_set()) {
            deployment.report(hits, trail.resource, None, "the trail sends no events to CloudWatch Logs");
        }
    }
}
