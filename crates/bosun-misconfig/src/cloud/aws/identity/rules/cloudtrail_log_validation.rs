use crate::cloud::aws::identity::{cloudtrail, Off};
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ126",
        name: "cloudtrail-log-validation-disabled",
        title: "CloudTrail log file validation is disabled",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.audit-logging"],
        aliases: &["CKV_AWS_36", "AVD-AWS-0016", "aws-cloudtrail-enable-log-validation"],
        rationale: r#"Without validation, CloudTrail writes no signed digest files, so nobody can prove that a log file was not edited or deleted after delivery; someone covering their tracks can do so silently."#,
        remediation: r#"Set `enable_log_file_validation = true` on `aws_cloudtrail` (`EnableLogFileValidation: true` in CloudFormation)."#,
        bad_example: r#"resource "aws_cloudtrail" "main" {
  name                       = "main"
  s3_bucket_name             = "acme-trail-logs"
  is_multi_region_trail      = true
  enable_log_file_validation = false
  kms_key_id                 = aws_kms_key.trail.arn
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
      KMSKeyId: !Ref TrailKey
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
        match super::super::off_by_default(trail.log_validation) {
            Some(Off::Declared(attr)) => {
                deployment.report(hits, trail.resource, Some(attr), "log file validation is turned off")
            }
            Some(Off::Absent) => deployment.report(
                hits,
                trail.resource,
                None,
                "log file validation is off (it is off unless set)",
            ),
            None => {}
        }
    }
}
