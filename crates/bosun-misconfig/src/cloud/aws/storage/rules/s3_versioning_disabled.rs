use crate::cloud::aws::storage::s3;
use crate::cloud::aws::storage::switch::Switch;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ010",
        name: "s3-bucket-versioning-disabled",
        title: "S3 bucket does not keep object versions",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["AVD-AWS-0090", "aws-s3-enable-versioning", "CKV_AWS_21"],
        rationale: "Without versioning, an overwritten or deleted object is gone for good: a faulty deployment, a compromised key or ransomware can destroy data with no way back. Versioning keeps earlier versions so they can be restored, and lifecycle rules can expire them.",
        remediation: "Add an `aws_s3_bucket_versioning` with `status = \"Enabled\"` (or `versioning { enabled = true }`; `VersioningConfiguration: {Status: Enabled}` in CloudFormation).",
        bad_example: "resource \"aws_s3_bucket\" \"data\" {\n  bucket = \"acme-data\"\n}\n",
        good_example: "resource \"aws_s3_bucket\" \"data\" {\n  bucket = \"acme-data\"\n}\n\nresource \"aws_s3_bucket_versioning\" \"data\" {\n  bucket = aws_s3_bucket.data.id\n  versioning_configuration {\n    status = \"Enabled\"\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Data:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: acme-data\n      VersioningConfiguration:\n        Status: Suspended\n",
            good: "Resources:\n  Data:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: acme-data\n      VersioningConfiguration:\n        Status: Enabled\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for bucket in s3::buckets(deployment) {
        match bucket.versioning {
            Switch::Off(attr) => {
                deployment.report(hits, bucket.resource, Some(attr), "versioning is declared but not enabled")
            }
            Switch::Absent => {
                deployment.report(hits, bucket.resource, None, "the bucket does not enable versioning")
            }
            Switch::On(_) | Switch::Unknown(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    #[test]
    fn inline_versioning_blocks_are_read() {
        let on = "resource \"aws_s3_bucket\" \"a\" {\n  bucket = \"a\"\n  versioning {\n    enabled = true\n  }\n}\n";
        assert!(run_on_example(&RULE, on).is_empty());
        let off = "resource \"aws_s3_bucket\" \"a\" {\n  bucket = \"a\"\n  versioning {\n    enabled = false\n  }\n}\n";
        assert_eq!(run_on_example(&RULE, off)[0].location.start_line, 4);
        let unknown = "resource \"aws_s3_bucket\" \"a\" {\n  bucket = \"a\"\n  versioning {\n    enabled = var.on\n  }\n}\n";
        assert!(run_on_example(&RULE, unknown).is_empty());
    }
}
