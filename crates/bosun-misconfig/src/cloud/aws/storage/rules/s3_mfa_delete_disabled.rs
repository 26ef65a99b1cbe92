use crate::cloud::aws::storage::s3;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ015",
        name: "s3-bucket-mfa-delete-disabled",
        title: "S3 bucket versioning does not require MFA to delete versions",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform"],
        aliases: &["AVD-AWS-0170", "aws-s3-require-mfa-delete"],
        rationale: "Versioning only protects data while the old versions survive. With MFA delete, removing a version or turning versioning off needs the root user's MFA code, so stolen access keys alone cannot wipe the history. CloudFormation cannot enable it, so only Terraform buckets are judged.",
        remediation: "Set `mfa_delete = \"Enabled\"` in `versioning_configuration` of the `aws_s3_bucket_versioning` (with the root user's `mfa`), or `mfa_delete = true` in `versioning {}`.",
        bad_example: "resource \"aws_s3_bucket\" \"data\" {\n  bucket = \"acme-data\"\n}\n\nresource \"aws_s3_bucket_versioning\" \"data\" {\n  bucket = aws_s3_bucket.data.id\n  versioning_configuration {\n    status = \"Enabled\"\n  }\n}\n",
        good_example: "resource \"aws_s3_bucket\" \"data\" {\n  bucket = \"acme-data\"\n}\n\nresource \"aws_s3_bucket_versioning\" \"data\" {\n  bucket = aws_s3_bucket.data.id\n  mfa    = \"arn:aws:iam::111122223333:mfa/root-account-mfa-device 123456\"\n\n  versioning_configuration {\n    status     = \"Enabled\"\n    mfa_delete = \"Enabled\"\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: None,
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for bucket in s3::buckets(deployment) {
        if !bucket.mfa_delete_expressible || !bucket.versioning.is_on() {
            continue;
        }
        if bucket.mfa_delete.is_off_or_absent() {
            let at = bucket.mfa_delete.attr().or(bucket.versioning.attr());
            deployment.report(
                hits,
                bucket.resource,
                at,
                "versioning is on but deleting versions does not require MFA (`mfa_delete`)",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::{run_on_cloudformation_example, run_on_example};

    #[test]
    fn inline_blocks_and_cloudformation() {
        let inline = "resource \"aws_s3_bucket\" \"a\" {\n  bucket = \"a\"\n  versioning {\n    enabled    = true\n    mfa_delete = false\n  }\n}\n";
        assert_eq!(run_on_example(&RULE, inline).len(), 1);
        let unversioned = "resource \"aws_s3_bucket\" \"a\" {\n  bucket = \"a\"\n}\n";
        assert!(run_on_example(&RULE, unversioned).is_empty());
        let cfn = "Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      VersioningConfiguration:\n        Status: Enabled\n";
        assert!(run_on_cloudformation_example(&RULE, cfn).is_empty());
    }
}
