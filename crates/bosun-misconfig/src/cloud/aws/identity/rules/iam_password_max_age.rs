use crate::cloud::aws::identity::iam;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ120",
        name: "iam-password-max-age-long",
        title: "Account password policy lets passwords live longer than 90 days",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.least-access"],
        aliases: &["CKV_AWS_9", "AVD-AWS-0062", "aws-iam-set-max-password-age"],
        rationale: r#"A password that never expires stays valid for as long as it sits in a leaked dump or a shared document. CIS asks that console passwords expire within 90 days."#,
        remediation: r#"Set `max_password_age` to 90 or less on `aws_iam_account_password_policy`."#,
        bad_example: r#"resource "aws_iam_account_password_policy" "strict" {
  minimum_password_length        = 14
  require_symbols                = true
  require_numbers                = true
  require_uppercase_characters   = true
  require_lowercase_characters   = true
  password_reuse_prevention      = 24
  max_password_age               = 365
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
        match policy.max_age {
            None => {
                deployment.report(hits, policy.resource, None, "the password policy never expires passwords")
            }
            Some(attr) => match attr.as_i64() {
                Some(0) => deployment.report(
                    hits,
                    policy.resource,
                    Some(attr),
                    "the password policy never expires passwords",
                ),
                Some(days) if days > 90 => {
                    let message = format!("passwords expire after {days} days (90 or fewer wanted)");
                    deployment.report(hits, policy.resource, Some(attr), message);
                }
                _ => {}
            },
        }
    }
}
