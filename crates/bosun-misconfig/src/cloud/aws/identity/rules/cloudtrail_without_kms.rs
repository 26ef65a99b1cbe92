use crate::cloud::aws::identity::cloudtrail;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ127",
        name: "cloudtrail-logs-without-kms",
        title: "CloudTrail logs are not encrypted with a KMS key",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.audit-logging"],
        aliases: &["CKV_AWS_35", "AVD-AWS-0015", "aws-cloudtrail-encryption-customer-key"],
        rationale: r#"Trail logs describe every API call of the account. With SSE-KMS, reading them needs both access to the bucket and decrypt rights on a key you control and audit, so a misconfigured bucket policy alone does not expose them."#,
        remediation: r#"Set `kms_key_id` on `aws_cloudtrail` (`KMSKeyId` on `AWS::CloudTrail::Trail`) to a customer managed key."#,
        bad_example: r#"resource "aws_cloudtrail" "main" {
  name                       = "main"
  s3_bucket_name             = "acme-trail-logs"
  is_multi_region_trail      = true
  enable_log_file_validation = true
  cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.trail.arn}:*"
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
      CloudWatchLogsLogGroupArn: !GetAtt TrailLogs.Arn
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
        if !trail.kms_key.is_some_and(|attr| attr.is_set()) {
            deployment.report(
                hits,
                trail.resource,
                None,
                "the trail's log files are not encrypted with a KMS key",
            );
        }
    }
}
