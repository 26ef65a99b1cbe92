use crate::cloud::aws::identity::{iam, Off};
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ117",
        name: "iam-password-uppercase-not-required",
        title: "Account password policy does not require uppercase letters",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.least-access"],
        aliases: &["CKV_AWS_15", "AVD-AWS-0061", "aws-iam-require-uppercase-in-passwords"],
        rationale: r#"Mixing letter cases widens the set of characters a password is drawn from; CIS lists it among the password policy settings."#,
        remediation: r#"Set `require_uppercase_characters = true` on `aws_iam_account_password_policy`."#,
        bad_example: r#"resource "aws_iam_account_password_policy" "strict" {
  minimum_password_length        = 14
  require_symbols                = true
  require_numbers                = true
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
        match super::super::off_by_default(policy.require_uppercase) {
            Some(Off::Declared(attr)) => deployment.report(
                hits,
                policy.resource,
                Some(attr),
                "the password policy does not require an uppercase letter",
            ),
            Some(Off::Absent) => deployment.report(
                hits,
                policy.resource,
                None,
                "the password policy does not require an uppercase letter (not set, so off)",
            ),
            None => {}
        }
    }
}
