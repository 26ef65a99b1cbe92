use crate::cloud::aws::storage::s3::{self, CannedAcl, Group};
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ003",
        name: "s3-bucket-acl-public-write",
        title: "S3 bucket ACL lets anyone write to the bucket",
        severity: Severity::Critical,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.least-access"],
        aliases: &["AVD-AWS-0092", "aws-s3-no-public-access-with-acl", "CKV_AWS_57", "F14"],
        rationale: "The `public-read-write` canned ACL, or a WRITE or FULL_CONTROL grant to the AllUsers group, lets anyone on the internet upload, overwrite and delete objects. Attackers use such buckets to host malware, tamper with content served from them, or run up the owner's bill.",
        remediation: "Use the `private` ACL (`acl` or `aws_s3_bucket_acl`; `AccessControl: Private` in CloudFormation), remove AllUsers grants, and turn the public access block's `block_public_acls` and `ignore_public_acls` on.",
        bad_example: "resource \"aws_s3_bucket\" \"data\" {\n  bucket = \"acme-data\"\n}\n\nresource \"aws_s3_bucket_acl\" \"data\" {\n  bucket = aws_s3_bucket.data.id\n  acl    = \"public-read-write\"\n}\n",
        good_example: "resource \"aws_s3_bucket\" \"data\" {\n  bucket = \"acme-data\"\n}\n\nresource \"aws_s3_bucket_acl\" \"data\" {\n  bucket = aws_s3_bucket.data.id\n  acl    = \"private\"\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Data:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: acme-data\n      AccessControl: PublicReadWrite\n",
            good: "Resources:\n  Data:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: acme-data\n      AccessControl: Private\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for bucket in s3::buckets(deployment) {
        if bucket.ignores_public_acls() {
            continue;
        }
        for acl in bucket.acls_of(CannedAcl::PublicReadWrite) {
            let message = format!(
                "the canned ACL `{}` lets anyone upload, overwrite and delete the bucket's objects",
                acl.as_str().unwrap_or_default()
            );
            deployment.report(hits, bucket.resource, Some(acl), message);
        }
        for grant in bucket.grants_to(Group::AllUsers, &["WRITE", "WRITE_ACP", "FULL_CONTROL"]) {
            let message = format!(
                "an ACL grant gives {} on the bucket to the AllUsers group (anyone on the internet)",
                grant.permissions.join(", ")
            );
            deployment.report(hits, bucket.resource, Some(grant.at), message);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    #[test]
    fn inline_grant_blocks_of_provider_v3_are_read() {
        let text = "resource \"aws_s3_bucket\" \"a\" {\n  bucket = \"a\"\n  grant {\n    type        = \"Group\"\n    uri         = \"http://acs.amazonaws.com/groups/global/AllUsers\"\n    permissions = [\"READ\", \"WRITE\"]\n  }\n}\n";
        assert_eq!(run_on_example(&RULE, text).len(), 1);
    }
}
