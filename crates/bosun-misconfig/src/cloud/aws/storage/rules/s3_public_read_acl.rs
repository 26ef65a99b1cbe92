use crate::cloud::aws::storage::s3::{self, CannedAcl, Group};
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ002",
        name: "s3-bucket-acl-public-read",
        title: "S3 bucket ACL lets anyone read the bucket",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.least-access"],
        aliases: &["AVD-AWS-0092", "aws-s3-no-public-access-with-acl", "CKV_AWS_20", "W31"],
        rationale: "The `public-read` canned ACL, or a grant to the AllUsers group, lets anyone on the internet list the bucket and download its objects without credentials. Buckets exposed this way are a leading cause of data leaks; public content is better served through CloudFront with origin access control, keeping the bucket private.",
        remediation: "Use the `private` ACL (`acl` or `aws_s3_bucket_acl`; `AccessControl: Private` in CloudFormation), drop AllUsers grants, and turn `ignore_public_acls` on.",
        bad_example: "resource \"aws_s3_bucket\" \"data\" {\n  bucket = \"acme-data\"\n}\n\nresource \"aws_s3_bucket_acl\" \"data\" {\n  bucket = aws_s3_bucket.data.id\n  acl    = \"public-read\"\n}\n",
        good_example: "resource \"aws_s3_bucket\" \"data\" {\n  bucket = \"acme-data\"\n}\n\nresource \"aws_s3_bucket_acl\" \"data\" {\n  bucket = aws_s3_bucket.data.id\n  acl    = \"private\"\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Data:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: acme-data\n      AccessControl: PublicRead\n",
            good: "Resources:\n  Data:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: acme-data\n      AccessControl: Private\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for bucket in s3::buckets(deployment) {
        if bucket.ignores_public_acls() {
            continue;
        }
        for acl in bucket.acls_of(CannedAcl::PublicRead) {
            let message = format!(
                "the canned ACL `{}` lets anyone list and download the bucket's objects",
                acl.as_str().unwrap_or_default()
            );
            deployment.report(hits, bucket.resource, Some(acl), message);
        }
        for grant in bucket.grants_to(Group::AllUsers, &["READ"]) {
            // A grant that also lets everyone write is reported as public write.
            if grant.permissions.iter().any(|p| matches!(p.as_str(), "WRITE" | "WRITE_ACP" | "FULL_CONTROL"))
            {
                continue;
            }
            deployment.report(
                hits,
                bucket.resource,
                Some(grant.at),
                "an ACL grant gives READ on the bucket to the AllUsers group (anyone on the internet)",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    #[test]
    fn inline_acl_and_grants_are_read() {
        let inline = "resource \"aws_s3_bucket\" \"a\" {\n  bucket = \"a\"\n  acl    = \"public-read\"\n}\n";
        assert_eq!(run_on_example(&RULE, inline).len(), 1);
        let grant = "resource \"aws_s3_bucket\" \"a\" {\n  bucket = \"a\"\n}\n\nresource \"aws_s3_bucket_acl\" \"a\" {\n  bucket = aws_s3_bucket.a.id\n  access_control_policy {\n    grant {\n      grantee {\n        type = \"Group\"\n        uri  = \"http://acs.amazonaws.com/groups/global/AllUsers\"\n      }\n      permission = \"READ\"\n    }\n  }\n}\n";
        assert_eq!(run_on_example(&RULE, grant).len(), 1);
    }

    #[test]
    fn ignored_public_acls_are_not_reported() {
        let text = format!(
            "{}\nresource \"aws_s3_bucket_public_access_block\" \"data\" {{\n  bucket             = aws_s3_bucket.data.id\n  ignore_public_acls = true\n}}\n",
            RULE.meta.bad_example
        );
        assert!(run_on_example(&RULE, &text).is_empty());
    }

    #[test]
    fn unknown_acl_is_silent() {
        let text = "resource \"aws_s3_bucket\" \"a\" {\n  bucket = \"a\"\n  acl    = var.acl\n}\n";
        assert!(run_on_example(&RULE, text).is_empty());
    }
}
