use crate::cloud::aws::storage::s3::{self, CannedAcl, Group};
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ004",
        name: "s3-bucket-acl-authenticated-read",
        title: "S3 bucket ACL grants access to every AWS account",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.least-access"],
        aliases: &["AVD-AWS-0092", "aws-s3-no-public-access-with-acl", "CKV2_AWS_43"],
        rationale: "The AuthenticatedUsers group (the `authenticated-read` canned ACL) is not the users of your account: it is anyone holding any AWS credentials, in any account. Granting it access is effectively public, but easy to mistake for something narrower.",
        remediation: "Use the `private` ACL (`acl` or `aws_s3_bucket_acl`; `AccessControl: Private` in CloudFormation) and grant access to named accounts or roles through the bucket policy.",
        bad_example: "resource \"aws_s3_bucket\" \"data\" {\n  bucket = \"acme-data\"\n}\n\nresource \"aws_s3_bucket_acl\" \"data\" {\n  bucket = aws_s3_bucket.data.id\n  acl    = \"authenticated-read\"\n}\n",
        good_example: "resource \"aws_s3_bucket\" \"data\" {\n  bucket = \"acme-data\"\n}\n\nresource \"aws_s3_bucket_acl\" \"data\" {\n  bucket = aws_s3_bucket.data.id\n  acl    = \"private\"\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Data:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: acme-data\n      AccessControl: AuthenticatedRead\n",
            good: "Resources:\n  Data:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: acme-data\n      AccessControl: Private\n",
        }),
    }),
};

const ANY: &[&str] = &["READ", "WRITE", "READ_ACP", "WRITE_ACP", "FULL_CONTROL"];

fn check(deployment: &Deployment, hits: &mut Hits) {
    for bucket in s3::buckets(deployment) {
        if bucket.ignores_public_acls() {
            continue;
        }
        for acl in bucket.acls_of(CannedAcl::AuthenticatedRead) {
            let message = format!(
                "the canned ACL `{}` lets anyone with AWS credentials, in any account, read the bucket",
                acl.as_str().unwrap_or_default()
            );
            deployment.report(hits, bucket.resource, Some(acl), message);
        }
        for grant in bucket.grants_to(Group::AuthenticatedUsers, ANY) {
            let message = format!(
                "an ACL grant gives {} to the AuthenticatedUsers group (every AWS account)",
                grant.permissions.join(", ")
            );
            deployment.report(hits, bucket.resource, Some(grant.at), message);
        }
    }
}
