use crate::cloud::aws::policy;
use crate::cloud::aws::storage::s3;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ013",
        name: "s3-bucket-policy-public",
        title: "S3 bucket policy allows access to anyone",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.least-access"],
        aliases: &["CKV_AWS_70", "F16"],
        rationale: "A bucket policy statement that allows a wildcard principal (`*`) with no condition grants its actions to every person on the internet, signed in or not. Unless the bucket is meant to be a public website, that exposes its data or lets strangers change it.",
        remediation: "Name the accounts, roles or services that need access in `Principal`, or narrow the statement with a `Condition` (in `aws_s3_bucket_policy`, the bucket's `policy`, or `AWS::S3::BucketPolicy`).",
        bad_example: "resource \"aws_s3_bucket\" \"data\" {\n  bucket = \"acme-data\"\n}\n\nresource \"aws_s3_bucket_policy\" \"data\" {\n  bucket = aws_s3_bucket.data.id\n  policy = jsonencode({\n    Version   = \"2012-10-17\"\n    Statement = [{\n      Sid       = \"PublicRead\"\n      Effect    = \"Allow\"\n      Principal = \"*\"\n      Action    = \"s3:GetObject\"\n      Resource  = \"arn:aws:s3:::acme-data/*\"\n    }]\n  })\n}\n",
        good_example: "resource \"aws_s3_bucket\" \"data\" {\n  bucket = \"acme-data\"\n}\n\nresource \"aws_s3_bucket_policy\" \"data\" {\n  bucket = aws_s3_bucket.data.id\n  policy = jsonencode({\n    Version   = \"2012-10-17\"\n    Statement = [{\n      Sid       = \"PartnerRead\"\n      Effect    = \"Allow\"\n      Principal = {\n        AWS = \"arn:aws:iam::111122223333:root\"\n      }\n      Action   = \"s3:GetObject\"\n      Resource = \"arn:aws:s3:::acme-data/*\"\n    }]\n  })\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Data:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: acme-data\n  DataPolicy:\n    Type: AWS::S3::BucketPolicy\n    Properties:\n      Bucket: !Ref Data\n      PolicyDocument:\n        Version: '2012-10-17'\n        Statement:\n          - Sid: PublicRead\n            Effect: Allow\n            Principal: '*'\n            Action: s3:GetObject\n            Resource: arn:aws:s3:::acme-data/*\n",
            good: "Resources:\n  Data:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: acme-data\n  DataPolicy:\n    Type: AWS::S3::BucketPolicy\n    Properties:\n      Bucket: !Ref Data\n      PolicyDocument:\n        Version: '2012-10-17'\n        Statement:\n          - Sid: PartnerRead\n            Effect: Allow\n            Principal:\n              AWS: arn:aws:iam::111122223333:root\n            Action: s3:GetObject\n            Resource: arn:aws:s3:::acme-data/*\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for bucket_policy in s3::bucket_policies(deployment) {
        // S3 refuses or ignores public policies on this bucket.
        if bucket_policy.public_policies_blocked {
            continue;
        }
        let Some(document) = policy::parse(bucket_policy.document) else { continue };
        for statement in document.statements.iter().filter(|s| s.is_public()) {
            let at = super::statement_attr(statement);
            let message = format!(
                "a policy statement allows {} to any principal (`*`) with no condition",
                super::describe_actions(statement)
            );
            deployment.report(hits, bucket_policy.resource, Some(&at), message);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    #[test]
    fn a_public_access_block_makes_public_policies_harmless() {
        let text = format!(
            "{}\nresource \"aws_s3_bucket_public_access_block\" \"data\" {{\n  bucket              = aws_s3_bucket.data.id\n  block_public_policy = true\n}}\n",
            RULE.meta.bad_example
        );
        assert!(run_on_example(&RULE, &text).is_empty());
    }

    #[test]
    fn conditions_and_inline_policies() {
        let inline = "resource \"aws_s3_bucket\" \"a\" {\n  bucket = \"a\"\n  policy = \"{\\\"Statement\\\":[{\\\"Effect\\\":\\\"Allow\\\",\\\"Principal\\\":{\\\"AWS\\\":\\\"*\\\"},\\\"Action\\\":\\\"s3:*\\\",\\\"Resource\\\":\\\"*\\\"}]}\"\n}\n";
        assert_eq!(run_on_example(&RULE, inline).len(), 1);
        let narrowed = "resource \"aws_s3_bucket\" \"a\" {\n  bucket = \"a\"\n  policy = \"{\\\"Statement\\\":[{\\\"Effect\\\":\\\"Allow\\\",\\\"Principal\\\":\\\"*\\\",\\\"Action\\\":\\\"s3:GetObject\\\",\\\"Resource\\\":\\\"*\\\",\\\"Condition\\\":{\\\"StringEquals\\\":{\\\"aws:SourceVpce\\\":\\\"vpce-1\\\"}}}]}\"\n}\n";
        assert!(run_on_example(&RULE, narrowed).is_empty());
    }
}
