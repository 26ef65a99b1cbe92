use crate::cloud::aws::storage::s3;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ011",
        name: "s3-bucket-access-logging-disabled",
        title: "S3 bucket does not record server access logs",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.audit-logging"],
        aliases: &["AVD-AWS-0089", "aws-s3-enable-logging", "aws-s3-enable-bucket-logging", "CKV_AWS_18", "W35"],
        rationale: "Server access logs record every request made to the bucket: who read or deleted which object, from where. Without them, investigating a leak or unexpected deletion has little to go on. Buckets that receive other buckets' logs are not expected to log themselves.",
        remediation: "Add an `aws_s3_bucket_logging` (or `logging {}`) sending logs to a separate bucket (`LoggingConfiguration` with `DestinationBucketName` in CloudFormation).",
        bad_example: "resource \"aws_s3_bucket\" \"data\" {\n  bucket = \"acme-data\"\n}\n",
        good_example: "resource \"aws_s3_bucket\" \"data\" {\n  bucket = \"acme-data\"\n}\n\nresource \"aws_s3_bucket\" \"logs\" {\n  bucket = \"acme-logs\"\n}\n\nresource \"aws_s3_bucket_logging\" \"data\" {\n  bucket        = aws_s3_bucket.data.id\n  target_bucket = aws_s3_bucket.logs.id\n  target_prefix = \"s3/acme-data/\"\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Data:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: acme-data\n",
            good: "Resources:\n  Data:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: acme-data\n      LoggingConfiguration:\n        DestinationBucketName: !Ref Logs\n        LogFilePrefix: s3/acme-data/\n  Logs:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: acme-logs\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for bucket in s3::buckets(deployment) {
        if bucket.logging.is_none() && !bucket.is_log_target {
            deployment.report(hits, bucket.resource, None, "the bucket does not record server access logs");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    #[test]
    fn log_delivery_buckets_and_inline_logging_are_accepted() {
        let log_acl = "resource \"aws_s3_bucket\" \"logs\" {\n  bucket = \"logs\"\n  acl    = \"log-delivery-write\"\n}\n";
        assert!(run_on_example(&RULE, log_acl).is_empty());
        let inline = "resource \"aws_s3_bucket\" \"logs\" {\n  bucket = \"logs\"\n}\n\nresource \"aws_s3_bucket\" \"a\" {\n  bucket = \"a\"\n  logging {\n    target_bucket = \"logs\"\n  }\n}\n";
        assert!(run_on_example(&RULE, inline).is_empty());
    }
}
