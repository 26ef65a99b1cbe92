//! Identity, audit and messaging: IAM policies, roles, users and the account
//! password policy; CloudTrail; AWS Config, GuardDuty and CloudWatch Logs; SNS
//! topics and SQS queues. Policies are read with [`crate::cloud::aws::policy`].

pub mod cloudtrail;
pub mod iam;
pub mod messaging;
pub mod monitoring;
pub mod rules;

use crate::cloud::aws::policy::Statement;
use crate::cloud::{Attr, Deployment, Value};
use crate::rule::{Hits, Rule};

pub static RULES: &[&Rule] = &[
    &rules::iam_policy_full_admin::RULE,
    &rules::iam_policy_wildcard_action::RULE,
    &rules::iam_policy_service_wildcard::RULE,
    &rules::iam_policy_full_iam_access::RULE,
    &rules::iam_policy_passrole_any::RULE,
    &rules::iam_policy_privilege_escalation::RULE,
    &rules::iam_policy_credentials_exposure::RULE,
    &rules::iam_policy_data_exfiltration::RULE,
    &rules::iam_policy_not_action::RULE,
    &rules::iam_policy_not_resource::RULE,
    &rules::iam_user_direct_policy::RULE,
    &rules::iam_admin_policy_attached::RULE,
    &rules::iam_full_access_policy_attached::RULE,
    &rules::iam_user_access_key::RULE,
    &rules::iam_password_min_length::RULE,
    &rules::iam_password_no_symbols::RULE,
    &rules::iam_password_no_numbers::RULE,
    &rules::iam_password_no_uppercase::RULE,
    &rules::iam_password_no_lowercase::RULE,
    &rules::iam_password_reuse::RULE,
    &rules::iam_password_max_age::RULE,
    &rules::iam_role_trust_any_principal::RULE,
    &rules::iam_role_trust_account_unconditioned::RULE,
    &rules::iam_role_trust_wildcard_action::RULE,
    &rules::iam_role_github_oidc_unrestricted::RULE,
    &rules::cloudtrail_single_region::RULE,
    &rules::cloudtrail_log_validation::RULE,
    &rules::cloudtrail_without_kms::RULE,
    &rules::cloudtrail_without_cloudwatch::RULE,
    &rules::cloudtrail_logging_disabled::RULE,
    &rules::config_recorder_partial::RULE,
    &rules::config_recorder_no_global::RULE,
    &rules::config_recorder_disabled::RULE,
    &rules::config_aggregator_regions::RULE,
    &rules::guardduty_detector_disabled::RULE,
    &rules::log_group_without_kms::RULE,
    &rules::log_group_no_retention::RULE,
    &rules::log_group_short_retention::RULE,
    &rules::sns_topic_unencrypted::RULE,
    &rules::sns_topic_aws_managed_key::RULE,
    &rules::sns_topic_policy_public::RULE,
    &rules::sqs_queue_unencrypted::RULE,
    &rules::sqs_queue_aws_managed_key::RULE,
    &rules::sqs_queue_policy_public::RULE,
    &rules::sqs_queue_policy_wildcard_action::RULE,
];

/// Where to report a statement: its own lines when the policy was an object,
/// else the policy attribute's.
pub(crate) fn statement_attr(statement: &Statement) -> Attr {
    Attr::new(Value::Null, statement.span, statement.file)
}

/// The statement's `Action` includes the bare `*`.
pub(crate) fn has_star_action(statement: &Statement) -> bool {
    statement.actions.iter().any(|a| a == "*")
}

/// The statement's `Resource` includes the bare `*`.
pub(crate) fn has_star_resource(statement: &Statement) -> bool {
    statement.resources.iter().any(|r| r == "*")
}

/// Reports every statement of an identity policy that allows one of `actions`
/// (`what` says what they do) on every resource. Statements granting `*`, or
/// `iam:*` when `iam_wildcard_covered`, are left to the rules about those.
pub(crate) fn report_sensitive_actions(
    deployment: &Deployment,
    hits: &mut Hits,
    actions: &[&'static str],
    iam_wildcard_covered: bool,
    what: &str,
) {
    for policy in iam::identity_policies(deployment) {
        for statement in policy.allowing() {
            let iam_wildcard = statement.actions.iter().any(|a| a.eq_ignore_ascii_case("iam:*"));
            if has_star_action(statement)
                || (iam_wildcard_covered && iam_wildcard)
                || !has_star_resource(statement)
            {
                continue;
            }
            let found = allowed_among(statement, actions);
            if !found.is_empty() {
                let message =
                    format!("a statement allows {what} on every resource (`*`): {}", found.join(", "));
                deployment.report(hits, policy.resource, Some(&statement_attr(statement)), message);
            }
        }
    }
}

/// The actions of `wanted` the statement allows (its wildcards honoured).
pub(crate) fn allowed_among(statement: &Statement, wanted: &[&'static str]) -> Vec<&'static str> {
    wanted.iter().copied().filter(|action| statement.allows_action(action)).collect()
}

/// A setting that defaults to off, known to be off.
pub(crate) enum Off<'a> {
    /// Declared false.
    Declared(&'a Attr),
    /// Not declared, or null.
    Absent,
}

/// Whether a flag that defaults to off is known to be off (`None` when it is on or unknown).
pub(crate) fn off_by_default(flag: Option<&Attr>) -> Option<Off<'_>> {
    match flag {
        None => Some(Off::Absent),
        Some(attr) if attr.is_null() => Some(Off::Absent),
        Some(attr) if attr.is_false() => Some(Off::Declared(attr)),
        Some(_) => None,
    }
}

/// Passing a role to a service.
pub(crate) const PASS_ROLE: &[&str] = &["iam:PassRole"];

/// IAM actions that let a principal raise its own (or another's) permissions.
pub(crate) const ESCALATION: &[&str] = &[
    "iam:AddUserToGroup",
    "iam:AttachGroupPolicy",
    "iam:AttachRolePolicy",
    "iam:AttachUserPolicy",
    "iam:CreateLoginProfile",
    "iam:CreatePolicyVersion",
    "iam:DeleteRolePermissionsBoundary",
    "iam:DeleteUserPermissionsBoundary",
    "iam:PutGroupPolicy",
    "iam:PutRolePolicy",
    "iam:PutUserPolicy",
    "iam:SetDefaultPolicyVersion",
    "iam:UpdateAssumeRolePolicy",
    "iam:UpdateLoginProfile",
];

/// Actions that create, reset or hand out credentials of other principals.
pub(crate) const CREDENTIALS: &[&str] = &[
    "iam:CreateAccessKey",
    "iam:CreateServiceSpecificCredential",
    "iam:ResetServiceSpecificCredential",
    "iam:UpdateAccessKey",
    "iam:UploadSSHPublicKey",
    "lightsail:DownloadDefaultKeyPair",
    "lightsail:GetInstanceAccessDetails",
    "redshift:GetClusterCredentials",
];

/// Actions that read stored data and secrets.
pub(crate) const DATA_READS: &[&str] = &[
    "s3:GetObject",
    "secretsmanager:GetSecretValue",
    "ssm:GetParameter",
    "ssm:GetParameters",
    "ssm:GetParametersByPath",
];
