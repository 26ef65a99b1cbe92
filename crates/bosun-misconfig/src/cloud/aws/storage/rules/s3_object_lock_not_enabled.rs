use crate::cloud::aws::storage::s3;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ016",
        name: "s3-bucket-object-lock-not-enabled",
        title: "S3 bucket declares object lock retention without enabling object lock",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["CKV_AWS_143"],
        rationale: "A default retention rule only protects objects from deletion once object lock is enabled on the bucket, which has to happen when the bucket is created. A retention rule on a bucket without it fails to apply or leaves the records it was meant to protect deletable.",
        remediation: "Create the bucket with `object_lock_enabled = true` (`ObjectLockEnabled: true` and `ObjectLockConfiguration.ObjectLockEnabled: Enabled` in CloudFormation).",
        bad_example: "resource \"aws_s3_bucket\" \"data\" {\n  bucket = \"acme-data\"\n}\n\nresource \"aws_s3_bucket_object_lock_configuration\" \"data\" {\n  bucket = aws_s3_bucket.data.id\n\n  rule {\n    default_retention {\n      mode = \"COMPLIANCE\"\n      days = 365\n    }\n  }\n}\n",
        good_example: "resource \"aws_s3_bucket\" \"data\" {\n  bucket = \"acme-data\"\n\n  object_lock_enabled = true\n}\n\nresource \"aws_s3_bucket_object_lock_configuration\" \"data\" {\n  bucket = aws_s3_bucket.data.id\n\n  rule {\n    default_retention {\n      mode = \"COMPLIANCE\"\n      days = 365\n    }\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Data:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: acme-data\n      ObjectLockConfiguration:\n        Rule:\n          DefaultRetention:\n            Mode: COMPLIANCE\n            Days: 365\n",
            good: "Resources:\n  Data:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: acme-data\n      ObjectLockEnabled: true\n      ObjectLockConfiguration:\n        ObjectLockEnabled: Enabled\n        Rule:\n          DefaultRetention:\n            Mode: COMPLIANCE\n            Days: 365\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for bucket in s3::buckets(deployment) {
        let Some(configuration) = bucket.object_lock_configuration else { continue };
        if bucket.object_lock_enabled.iter().any(|s| s.is_on() || s.is_unknown()) {
            continue;
        }
        deployment.report(
            hits,
            bucket.resource,
            Some(configuration),
            "an object lock retention rule is declared but object lock is not enabled on the bucket",
        );
    }
}
