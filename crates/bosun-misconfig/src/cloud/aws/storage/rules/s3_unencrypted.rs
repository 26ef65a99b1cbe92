use crate::cloud::aws::storage::s3;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ001",
        name: "s3-bucket-unencrypted",
        title: "S3 bucket has no default encryption configured",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["AVD-AWS-0088", "aws-s3-enable-bucket-encryption", "CKV_AWS_19", "W41"],
        rationale: "Since January 2023 S3 encrypts new objects with S3-managed keys (SSE-S3) even when a \
                    bucket declares nothing, so this is about intent rather than exposure: a bucket whose \
                    encryption is not written in code cannot be reviewed, and nothing stops it from \
                    silently staying on the weakest option when the data deserves a KMS key.",
        remediation: "Add a server-side encryption configuration (`aws_s3_bucket_server_side_encryption_configuration`, or `BucketEncryption` in CloudFormation).",
        bad_example: "resource \"aws_s3_bucket\" \"logs\" {\n  bucket = \"acme-logs\"\n}\n",
        good_example: "resource \"aws_s3_bucket\" \"logs\" {\n  bucket = \"acme-logs\"\n}\n\nresource \"aws_s3_bucket_server_side_encryption_configuration\" \"logs\" {\n  bucket = aws_s3_bucket.logs.id\n  rule {\n    apply_server_side_encryption_by_default {\n      sse_algorithm = \"aws:kms\"\n    }\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Logs:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: acme-logs\n",
            good: "Resources:\n  Logs:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: acme-logs\n      BucketEncryption:\n        ServerSideEncryptionConfiguration:\n          - ServerSideEncryptionByDefault:\n              SSEAlgorithm: aws:kms\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for bucket in s3::buckets(deployment) {
        if bucket.sse_algorithm.is_none() {
            deployment.report(
                hits,
                bucket.resource,
                None,
                "the bucket declares no default server-side encryption",
            );
        }
    }
}
