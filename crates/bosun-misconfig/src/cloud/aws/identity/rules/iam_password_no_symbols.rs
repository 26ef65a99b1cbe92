use crate::cloud::aws::identity::{iam, Off};
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ115",
        name: "iam-password-symbols-not-required",
        title: "Account password policy does not require symbols",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.least-access"],
        aliases: &["CKV_AWS_14", "AVD-AWS-0060", "aws-iam-require-symbols-in-passwords"],
        rationale: r#"Requiring a symbol widens the set of characters a password is drawn from and defeats the simplest dictionary guesses; CIS lists it among the password policy settings."#,
        remediation: r#"Set `require_symbols = true` on `aws_iam_account_password_policy`."#,
        bad_example: r#"resource "aws_iam_account_password_policy" "strict" {
  minimum_password_length        = 14
  require_numbers                = true
  require_uppercase_characters   = true
  require_lowercase_characters   = true
  password_reuse_prevention      = 24
  max_password_age               = 90
  allow_users_to_change_password = true
}
"#,
        good_example: r#"resource "aws_iam_account_password_policy" "strict" {
  minimum_password_length        = 14
  require_symbols                = true
  require_numbers                = true
  require_uppercase_characters   = true
  require_lowercase_characters   = true
  password_reuse_prevention      = 24
  max_password_age               = 90
  allow_users_to_change_password = true
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for policy in iam::password_policies(deployment) {
        match super::super::off_by_default(policy.require_symbols) {
            Some(Off::Declared(attr)) => deployment.report(
                hits,
                policy.resource,
                Some(attr),
                "the password policy does not require a symbol",
            ),
            Some(Off::Absent) => deployment.report(
                hits,
                policy.resource,
                None,
                "the password policy does not require a symbol (not set, so off)",
            ),
            None => {}
        }
    }
}
