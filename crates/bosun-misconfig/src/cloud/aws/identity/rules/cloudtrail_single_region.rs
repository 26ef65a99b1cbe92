use crate::cloud::aws::identity::{cloudtrail, Off};
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ125",
        name: "cloudtrail-not-multi-region",
        title: "CloudTrail trail records a single region",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.audit-logging"],
        aliases: &["CKV_AWS_67", "AVD-AWS-0014", "aws-cloudtrail-enable-all-regions"],
        rationale: r#"A trail limited to one region misses API activity everywhere else, which is exactly where an intruder starts resources to stay unnoticed. A multi-region trail also covers regions AWS opens later."#,
        remediation: r#"Set `is_multi_region_trail = true` on `aws_cloudtrail` (`IsMultiRegionTrail: true` on `AWS::CloudTrail::Trail`)."#,
        bad_example: r#"resource "aws_cloudtrail" "main" {
  name                       = "main"
  s3_bucket_name             = "acme-trail-logs"
  enable_log_file_validation = true
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
      IsMultiRegionTrail: false
      EnableLogFileValidation: true
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
        match super::super::off_by_default(trail.multi_region) {
            Some(Off::Declared(attr)) => deployment.report(
                hits,
                trail.resource,
                Some(attr),
                "the trail records only the region it is created in",
            ),
            Some(Off::Absent) => deployment.report(
                hits,
                trail.resource,
                None,
                "the trail records only the region it is created in (multi-region is off unless set)",
            ),
            None => {}
        }
    }
}
