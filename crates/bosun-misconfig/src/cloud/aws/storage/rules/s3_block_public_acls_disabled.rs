use crate::cloud::aws::storage::s3::PublicAccessFlag;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ006",
        name: "s3-block-public-acls-disabled",
        title: "S3 public access block does not block public ACLs",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.least-access"],
        aliases: &["AVD-AWS-0086", "aws-s3-block-public-acls", "CKV_AWS_53"],
        rationale: "With `block_public_acls` off, S3 accepts requests that set a public ACL on the bucket or on objects uploaded to it. Any writer, or a later change to the code, can then make data public one object at a time, where nobody reviewing the bucket looks.",
        remediation: "Set `block_public_acls = true` in the bucket's `aws_s3_bucket_public_access_block` (`BlockPublicAcls: true` under `PublicAccessBlockConfiguration` in CloudFormation).",
        bad_example: "resource \"aws_s3_bucket\" \"data\" {\n  bucket = \"acme-data\"\n}\n\nresource \"aws_s3_bucket_public_access_block\" \"data\" {\n  bucket = aws_s3_bucket.data.id\n\n  block_public_acls       = false\n  block_public_policy     = true\n  ignore_public_acls      = true\n  restrict_public_buckets = true\n}\n",
        good_example: "resource \"aws_s3_bucket\" \"data\" {\n  bucket = \"acme-data\"\n}\n\nresource \"aws_s3_bucket_public_access_block\" \"data\" {\n  bucket = aws_s3_bucket.data.id\n\n  block_public_acls       = true\n  block_public_policy     = true\n  ignore_public_acls      = true\n  restrict_public_buckets = true\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Data:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: acme-data\n      PublicAccessBlockConfiguration:\n        BlockPublicAcls: false\n        BlockPublicPolicy: true\n        IgnorePublicAcls: true\n        RestrictPublicBuckets: true\n",
            good: "Resources:\n  Data:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: acme-data\n      PublicAccessBlockConfiguration:\n        BlockPublicAcls: true\n        BlockPublicPolicy: true\n        IgnorePublicAcls: true\n        RestrictPublicBuckets: true\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    super::report_public_access_flag(deployment, hits, PublicAccessFlag::BlockPublicAcls);
}
