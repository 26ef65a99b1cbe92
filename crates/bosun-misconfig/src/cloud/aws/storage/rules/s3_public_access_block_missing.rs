use crate::cloud::aws::storage::s3;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ005",
        name: "s3-bucket-public-access-block-missing",
        title: "S3 bucket has no public access block",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.least-access"],
        aliases: &["AVD-AWS-0094", "aws-s3-specify-public-access-block", "CKV2_AWS_6"],
        rationale: "A public access block is the guard rail that stops an ACL or bucket policy from making the bucket public. S3 gives new buckets one by default, but a block that is not declared in code is not reviewed, and a console change that lifts it goes unnoticed; one mistaken grant then exposes the bucket's data.",
        remediation: "Add an `aws_s3_bucket_public_access_block` for the bucket (or `PublicAccessBlockConfiguration` in CloudFormation) with all four settings true, or an `aws_s3_account_public_access_block`.",
        bad_example: "resource \"aws_s3_bucket\" \"data\" {\n  bucket = \"acme-data\"\n}\n",
        good_example: "resource \"aws_s3_bucket\" \"data\" {\n  bucket = \"acme-data\"\n}\n\nresource \"aws_s3_bucket_public_access_block\" \"data\" {\n  bucket = aws_s3_bucket.data.id\n\n  block_public_acls       = true\n  block_public_policy     = true\n  ignore_public_acls      = true\n  restrict_public_buckets = true\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Data:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: acme-data\n",
            good: "Resources:\n  Data:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: acme-data\n      PublicAccessBlockConfiguration:\n        BlockPublicAcls: true\n        BlockPublicPolicy: true\n        IgnorePublicAcls: true\n        RestrictPublicBuckets: true\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for bucket in s3::buckets(deployment) {
        if bucket.public_access_block.is_none() && bucket.account_public_access_block.is_none() {
            deployment.report(hits, bucket.resource, None, "the bucket declares no public access block");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    #[test]
    fn an_account_block_covers_every_bucket() {
        let text = format!(
            "{}\nresource \"aws_s3_account_public_access_block\" \"all\" {{\n  block_public_acls = true\n}}\n",
            RULE.meta.bad_example
        );
        assert!(run_on_example(&RULE, &text).is_empty());
    }

    #[test]
    fn a_block_naming_the_bucket_by_name_counts() {
        let text = "resource \"aws_s3_bucket\" \"a\" {\n  bucket = \"acme-a\"\n}\n\nresource \"aws_s3_bucket_public_access_block\" \"a\" {\n  bucket            = \"acme-a\"\n  block_public_acls = true\n}\n";
        assert!(run_on_example(&RULE, text).is_empty());
    }
}
