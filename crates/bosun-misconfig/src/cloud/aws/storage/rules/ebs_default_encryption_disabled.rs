use crate::cloud::aws::storage::ebs;
use crate::cloud::aws::storage::switch::Switch;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ022",
        name: "ebs-default-encryption-disabled",
        title: "EBS encryption by default is turned off",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform"],
        aliases: &["CKV_AWS_106"],
        rationale: "Default encryption makes the region encrypt every new volume and snapshot copy, whatever the template or console says. Turning it off leaves each volume's protection to whoever creates it, and one forgotten setting produces unencrypted data.",
        remediation: "Set `enabled = true` on `aws_ebs_encryption_by_default` (or leave it out: it defaults to true). CloudFormation has no resource for this setting.",
        bad_example: "resource \"aws_ebs_encryption_by_default\" \"this\" {\n  enabled = false\n}\n",
        good_example: "resource \"aws_ebs_encryption_by_default\" \"this\" {\n  enabled = true\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: None,
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for setting in ebs::default_encryption(deployment) {
        if let Switch::Off(attr) = setting.enabled {
            deployment.report(
                hits,
                setting.resource,
                Some(attr),
                "EBS encryption by default is turned off for the region",
            );
        }
    }
}
