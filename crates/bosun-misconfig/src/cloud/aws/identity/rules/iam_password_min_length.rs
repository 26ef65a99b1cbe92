use crate::cloud::aws::identity::iam;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ114",
        name: "iam-password-min-length-short",
        title: "Account password policy allows passwords shorter than 14 characters",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.least-access"],
        aliases: &["CKV_AWS_10", "AVD-AWS-0063", "aws-iam-set-minimum-password-length"],
        rationale: r#"Short passwords fall quickly to guessing and offline cracking. CIS asks for at least 14 characters for IAM users who sign in to the console; the AWS default is 6."#,
        remediation: r#"Set `minimum_password_length` to 14 or more on `aws_iam_account_password_policy`."#,
        bad_example: r#"resource "aws_iam_account_password_policy" "strict" {
  minimum_password_length        = 8
  require_symbols                = true
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
        match policy.minimum_length {
            None => deployment.report(
                hits,
                policy.resource,
                None,
                "the password policy sets no minimum length (AWS then accepts 6 characters)",
            ),
            Some(attr) => {
                if let Some(length) = attr.as_i64().filter(|&n| n < 14) {
                    let message = format!(
                        "the password policy accepts passwords of {length} characters (14 or more wanted)"
                    );
                    deployment.report(hits, policy.resource, Some(attr), message);
                }
            }
        }
    }
}
