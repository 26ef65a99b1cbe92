use crate::cloud::aws::identity::{iam, Off};
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ116",
        name: "iam-password-numbers-not-required",
        title: "Account password policy does not require numbers",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.least-access"],
        aliases: &["CKV_AWS_12", "AVD-AWS-0059", "aws-iam-require-numbers-in-passwords"],
        rationale: r#"Requiring a digit widens the set of characters a password is drawn from and defeats plain-word passwords; CIS lists it among the password policy settings."#,
        remediation: r#"Set `require_numbers = true` on `aws_iam_account_password_policy`."#,
        bad_example: r#"resource "aws_iam_account_password_policy" "strict" {
  minimum_password_length        = 14
  require_symbols                = true
  require_numbers                = false
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
        match super::super::off_by_default(policy.require_numbers) {
            Some(Off::Declared(attr)) => deployment.report(
                hits,
                policy.resource,
                Some(attr),
                "the password policy does not require a number",
            ),
            Some(Off::Absent) => deployment.report(
                hits,
                policy.resource,
                None,
                "the password policy does not require a number (not set, so off)",
            ),
            None => {}
        }
    }
}
