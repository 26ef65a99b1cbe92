use crate::cloud::aws::storage::s3;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ017",
        name: "s3-bucket-acls-enabled",
        title: "S3 bucket keeps access control lists enabled",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.least-access"],
        aliases: &["CKV2_AWS_65"],
        rationale: "With object ownership `ObjectWriter` or `BucketOwnerPreferred`, ACLs still grant access alongside the bucket policy, object by object, where reviews rarely look. `BucketOwnerEnforced` turns ACLs off so the policy alone decides who gets in.",
        remediation: "Set `object_ownership = \"BucketOwnerEnforced\"` in `aws_s3_bucket_ownership_controls` (`OwnershipControls` rule `ObjectOwnership: BucketOwnerEnforced` in CloudFormation).",
        bad_example: "resource \"aws_s3_bucket\" \"data\" {\n  bucket = \"acme-data\"\n}\n\nresource \"aws_s3_bucket_ownership_controls\" \"data\" {\n  bucket = aws_s3_bucket.data.id\n  rule {\n    object_ownership = \"ObjectWriter\"\n  }\n}\n",
        good_example: "resource \"aws_s3_bucket\" \"data\" {\n  bucket = \"acme-data\"\n}\n\nresource \"aws_s3_bucket_ownership_controls\" \"data\" {\n  bucket = aws_s3_bucket.data.id\n  rule {\n    object_ownership = \"BucketOwnerEnforced\"\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Data:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: acme-data\n      OwnershipControls:\n        Rules:\n          - ObjectOwnership: ObjectWriter\n",
            good: "Resources:\n  Data:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: acme-data\n      OwnershipControls:\n        Rules:\n          - ObjectOwnership: BucketOwnerEnforced\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for bucket in s3::buckets(deployment) {
        let Some(ownership) = bucket.object_ownership else { continue };
        let Some(value) = ownership.as_str() else { continue };
        if !value.eq_ignore_ascii_case("BucketOwnerEnforced") {
            let message = format!("object ownership `{value}` keeps access control lists in effect");
            deployment.report(hits, bucket.resource, Some(ownership), message);
        }
    }
}
