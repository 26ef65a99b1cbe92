use crate::cloud::aws::storage::s3;
use crate::cloud::aws::storage::switch::names_customer_key;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ012",
        name: "s3-bucket-encryption-without-cmk",
        title: "S3 bucket default encryption does not use a customer managed KMS key",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["AVD-AWS-0132", "aws-s3-encryption-customer-key", "CKV_AWS_145"],
        rationale: "With S3-managed keys (`AES256`) or the AWS managed `aws/s3` key, anyone allowed to read objects can decrypt them: the key itself cannot be restricted, audited per use, or disabled. A customer managed KMS key adds a second, separately controlled permission and a kill switch. Buckets that receive access logs are left out: log delivery cannot use them.",
        remediation: "Set `sse_algorithm = \"aws:kms\"` with `kms_master_key_id` naming your key (`SSEAlgorithm: aws:kms` and `KMSMasterKeyID` in CloudFormation).",
        bad_example: "resource \"aws_s3_bucket\" \"data\" {\n  bucket = \"acme-data\"\n}\n\nresource \"aws_s3_bucket_server_side_encryption_configuration\" \"data\" {\n  bucket = aws_s3_bucket.data.id\n  rule {\n    apply_server_side_encryption_by_default {\n      sse_algorithm = \"AES256\"\n    }\n  }\n}\n",
        good_example: "resource \"aws_kms_key\" \"data\" {\n  enable_key_rotation = true\n}\n\nresource \"aws_s3_bucket\" \"data\" {\n  bucket = \"acme-data\"\n}\n\nresource \"aws_s3_bucket_server_side_encryption_configuration\" \"data\" {\n  bucket = aws_s3_bucket.data.id\n  rule {\n    apply_server_side_encryption_by_default {\n      sse_algorithm     = \"aws:kms\"\n      kms_master_key_id = aws_kms_key.data.arn\n    }\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Data:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: acme-data\n      BucketEncryption:\n        ServerSideEncryptionConfiguration:\n          - ServerSideEncryptionByDefault:\n              SSEAlgorithm: AES256\n",
            good: "Resources:\n  DataKey:\n    Type: AWS::KMS::Key\n    Properties:\n      EnableKeyRotation: true\n  Data:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: acme-data\n      BucketEncryption:\n        ServerSideEncryptionConfiguration:\n          - ServerSideEncryptionByDefault:\n              SSEAlgorithm: aws:kms\n              KMSMasterKeyID: !GetAtt DataKey.Arn\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for bucket in s3::buckets(deployment) {
        if bucket.is_log_target {
            continue;
        }
        let Some(algorithm) = bucket.sse_algorithm else { continue };
        let Some(name) = algorithm.as_str() else { continue };
        if name.eq_ignore_ascii_case("AES256") {
            deployment.report(
                hits,
                bucket.resource,
                Some(algorithm),
                "default encryption uses S3-managed keys (`AES256`), not a customer managed KMS key",
            );
        } else if name.to_ascii_lowercase().starts_with("aws:kms") && !names_customer_key(bucket.kms_key) {
            deployment.report(
                hits,
                bucket.resource,
                Some(bucket.kms_key.unwrap_or(algorithm)),
                "default encryption uses the AWS managed key `aws/s3`, not a customer managed KMS key",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    fn sse_bucket(key: Option<&str>) -> String {
        let key = key.map(|k| format!("      kms_master_key_id = {k}\n")).unwrap_or_default();
        format!(
            "resource \"aws_s3_bucket\" \"a\" {{\n  bucket = \"a\"\n  server_side_encryption_configuration {{\n    rule {{\n      apply_server_side_encryption_by_default {{\n        sse_algorithm = \"aws:kms\"\n  {key}      }}\n    }}\n  }}\n}}\n"
        )
    }

    #[test]
    fn the_aws_managed_alias_and_a_missing_key_are_reported() {
        assert_eq!(run_on_example(&RULE, &sse_bucket(Some("\"alias/aws/s3\""))).len(), 1);
        assert_eq!(run_on_example(&RULE, &sse_bucket(None)).len(), 1);
        assert!(run_on_example(&RULE, &sse_bucket(Some("var.key"))).is_empty());
        assert!(run_on_example(&RULE, &sse_bucket(Some("\"arn:aws:kms:eu-west-1:111122223333:key/1\"")))
            .is_empty());
    }

    #[test]
    fn load_balancer_log_buckets_are_left_out() {
        let text = format!(
            "{}\nresource \"aws_lb\" \"web\" {{\n  access_logs {{\n    bucket  = aws_s3_bucket.data.id\n    enabled = true\n  }}\n}}\n",
            RULE.meta.bad_example
        );
        assert!(run_on_example(&RULE, &text).is_empty());
        let cfn = "Resources:\n  Logs:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketEncryption:\n        ServerSideEncryptionConfiguration:\n          - ServerSideEncryptionByDefault:\n              SSEAlgorithm: AES256\n  Web:\n    Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n    Properties:\n      LoadBalancerAttributes:\n        - Key: access_logs.s3.bucket\n          Value: !Ref Logs\n";
        assert!(crate::registry::run_on_cloudformation_example(&RULE, cfn).is_empty());
        let alone = cfn.split("  Web:").next().unwrap();
        assert_eq!(crate::registry::run_on_cloudformation_example(&RULE, alone).len(), 1);
    }
}
