use crate::cloud::aws::storage::ebs;
use crate::cloud::aws::storage::switch::names_customer_key;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ023",
        name: "ebs-snapshot-copy-without-cmk",
        title: "EBS snapshot copy is not encrypted with a customer managed KMS key",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform"],
        aliases: &["CKV_AWS_183"],
        rationale: "A snapshot copy is a full copy of a volume's data, often kept in another region as a backup. Without `encrypted` it stays unencrypted when its source is; without a key of its own it uses the AWS managed key, whose use you cannot restrict or audit separately.",
        remediation: "Set `encrypted = true` and `kms_key_id` to a customer managed key on the `aws_ebs_snapshot_copy`. CloudFormation has no snapshot copy resource.",
        bad_example: "resource \"aws_ebs_snapshot_copy\" \"backup\" {\n  source_snapshot_id = \"snap-0123456789abcdef0\"\n  source_region      = \"eu-west-1\"\n}\n",
        good_example: "resource \"aws_kms_key\" \"data\" {\n  enable_key_rotation = true\n}\n\nresource \"aws_ebs_snapshot_copy\" \"backup\" {\n  source_snapshot_id = \"snap-0123456789abcdef0\"\n  source_region      = \"eu-west-1\"\n  encrypted          = true\n  kms_key_id         = aws_kms_key.data.arn\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: None,
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for copy in ebs::snapshot_copies(deployment) {
        if copy.encrypted.is_unknown() || names_customer_key(copy.kms_key) {
            continue;
        }
        let message = if copy.encrypted.is_on() {
            "the snapshot copy is encrypted with the AWS managed key `aws/ebs`, not a customer managed KMS key"
        } else {
            "the snapshot copy is not encrypted with a customer managed KMS key (it stays unencrypted if its source is)"
        };
        deployment.report(hits, copy.resource, copy.kms_key.or(copy.encrypted.attr()), message);
    }
}
