use crate::cloud::aws::storage::s3;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ014",
        name: "s3-bucket-tls-not-enforced",
        title: "S3 bucket policy does not deny requests made without TLS",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &[],
        rationale: "S3 answers plain HTTP as readily as HTTPS. Unless the bucket policy denies requests whose `aws:SecureTransport` is false, a misconfigured client can send credentials-signed requests and object data in clear text, open to interception on the way.",
        remediation: "Add a bucket policy statement (`aws_s3_bucket_policy` or `AWS::S3::BucketPolicy`) that denies `s3:*` to every principal when `aws:SecureTransport` is `false`.",
        bad_example: "resource \"aws_s3_bucket\" \"data\" {\n  bucket = \"acme-data\"\n}\n",
        good_example: "resource \"aws_s3_bucket\" \"data\" {\n  bucket = \"acme-data\"\n}\n\nresource \"aws_s3_bucket_policy\" \"data\" {\n  bucket = aws_s3_bucket.data.id\n  policy = jsonencode({\n    Version   = \"2012-10-17\"\n    Statement = [{\n      Sid       = \"DenyInsecureTransport\"\n      Effect    = \"Deny\"\n      Principal = \"*\"\n      Action    = \"s3:*\"\n      Resource  = [\"arn:aws:s3:::acme-data\", \"arn:aws:s3:::acme-data/*\"]\n      Condition = {\n        Bool = {\n          \"aws:SecureTransport\" = \"false\"\n        }\n      }\n    }]\n  })\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Data:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: acme-data\n",
            good: "Resources:\n  Data:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: acme-data\n  DataPolicy:\n    Type: AWS::S3::BucketPolicy\n    Properties:\n      Bucket: !Ref Data\n      PolicyDocument:\n        Version: '2012-10-17'\n        Statement:\n          - Sid: DenyInsecureTransport\n            Effect: Deny\n            Principal: '*'\n            Action: s3:*\n            Resource:\n              - arn:aws:s3:::acme-data\n              - arn:aws:s3:::acme-data/*\n            Condition:\n              Bool:\n                aws:SecureTransport: 'false'\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for bucket in s3::buckets(deployment) {
        // A policy bosun cannot read may well enforce TLS.
        let Some(documents) = bucket.policy_documents() else { continue };
        let enforced = documents.iter().flat_map(|d| &d.statements).any(|s| {
            !s.allow && (s.has_condition_key("aws:SecureTransport") || s.has_condition_key("s3:TlsVersion"))
        });
        if enforced {
            continue;
        }
        let message = if bucket.policies.is_empty() {
            "the bucket has no policy denying requests made without TLS (`aws:SecureTransport`)"
        } else {
            "no statement of the bucket policy denies requests made without TLS (`aws:SecureTransport`)"
        };
        deployment.report(hits, bucket.resource, bucket.policies.first().copied(), message);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    #[test]
    fn a_policy_without_the_deny_is_reported_at_the_policy() {
        let text = "resource \"aws_s3_bucket\" \"a\" {\n  bucket = \"a\"\n}\n\nresource \"aws_s3_bucket_policy\" \"a\" {\n  bucket = aws_s3_bucket.a.id\n  policy = \"{\\\"Statement\\\":[{\\\"Effect\\\":\\\"Allow\\\",\\\"Principal\\\":{\\\"AWS\\\":\\\"arn:aws:iam::111122223333:root\\\"},\\\"Action\\\":\\\"s3:GetObject\\\",\\\"Resource\\\":\\\"*\\\"}]}\"\n}\n";
        let findings = run_on_example(&RULE, text);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].location.start_line, 7);
    }

    #[test]
    fn a_computed_policy_is_not_judged() {
        let text = "resource \"aws_s3_bucket\" \"a\" {\n  bucket = \"a\"\n}\n\nresource \"aws_s3_bucket_policy\" \"a\" {\n  bucket = aws_s3_bucket.a.id\n  policy = data.aws_iam_policy_document.a.json\n}\n";
        assert!(run_on_example(&RULE, text).is_empty());
    }
}
