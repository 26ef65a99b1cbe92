use crate::cloud::aws::identity::iam;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ119",
        name: "iam-password-reuse-allowed",
        title: "Account password policy lets users reuse recent passwords",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.least-access"],
        aliases: &["CKV_AWS_13", "AVD-AWS-0056", "aws-iam-no-password-reuse"],
        rationale: r#"When old passwords may come back, a rotation after a leak can bring the leaked password back into use. CIS asks that the last 24 passwords be remembered."#,
        remediation: r#"Set `password_reuse_prevention = 24` on `aws_iam_account_password_policy`."#,
        bad_example: r#"resource "aws_iam_account_password_policy" "strict" {
  minimum_password_length        = 14
  require_symbols                = true
  require_numbers                = true
  require_uppercase_characters   = true
  require_lowercase_characters   = true
  password_reuse_prevention      = 5
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
        match policy.reuse_prevention {
            None => deployment.report(
                hits,
                policy.resource,
                None,
                "the password policy does not prevent password reuse",
            ),
            Some(attr) => {
                if let Some(count) = attr.as_i64().filter(|&n| n < 24) {
                    let message =
                        format!("the password policy remembers only the last {count} passwords (24 wanted)");
                    deployment.report(hits, policy.resource, Some(attr), message);
                }
            }
        }
    }
}
