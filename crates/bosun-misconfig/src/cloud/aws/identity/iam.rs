//! IAM as checks see it: the identity policies users, groups and roles hold
//! (inline or managed, as a JSON string in Terraform or an object in
//! CloudFormation), the managed policies attached to them, role trust policies,
//! the account password policy and access keys.

use crate::cloud::aws::policy::{self, PolicyDocument, Statement};
use crate::cloud::{Attr, Deployment, Resource, Value};

/// An identity-based policy: what the user, group or role holding it may do.
pub struct IdentityPolicy<'a> {
    /// The resource declaring it (a policy, a role with inline policies, ...).
    pub resource: &'a Resource,
    pub document: PolicyDocument,
}

impl IdentityPolicy<'_> {
    /// The statements that allow something.
    pub fn allowing(&self) -> impl Iterator<Item = &Statement> {
        self.document.statements.iter().filter(|s| s.allow)
    }
}

/// Terraform resources whose `policy` is an identity policy.
const TF_POLICIES: &[&str] =
    &["aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy"];
/// CloudFormation resources whose `PolicyDocument` is an identity policy.
const CFN_POLICIES: &[&str] = &[
    "AWS::IAM::Policy",
    "AWS::IAM::ManagedPolicy",
    "AWS::IAM::RolePolicy",
    "AWS::IAM::UserPolicy",
    "AWS::IAM::GroupPolicy",
];
/// CloudFormation resources with inline `Policies: [{PolicyName, PolicyDocument}]`.
const CFN_HOLDERS: &[&str] = &["AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group"];

/// Every identity policy the deployment declares, read where it could be.
pub fn identity_policies(deployment: &Deployment) -> Vec<IdentityPolicy<'_>> {
    let mut found = Vec::new();
    let mut add = |resource, attr: Option<&Attr>| {
        if let Some(document) = attr.and_then(policy::parse) {
            found.push(IdentityPolicy { resource, document });
        }
    };
    for resource in deployment.of_kinds(TF_POLICIES) {
        add(resource, resource.get("policy"));
    }
    for role in deployment.of_kind("aws_iam_role") {
        for inline in role.blocks("inline_policy") {
            add(role, inline.get("policy"));
        }
    }
    for resource in deployment.of_kinds(CFN_POLICIES) {
        add(resource, resource.get("PolicyDocument"));
    }
    for resource in deployment.of_kinds(CFN_HOLDERS) {
        for inline in resource.blocks("Policies") {
            add(resource, inline.get("PolicyDocument"));
        }
    }
    found
}

/// Who a managed policy is attached to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grantee {
    User,
    Group,
    Role,
}

impl Grantee {
    pub fn noun(self) -> &'static str {
        match self {
            Grantee::User => "user",
            Grantee::Group => "group",
            Grantee::Role => "role",
        }
    }
}

/// One managed policy ARN attached to a user, group or role.
pub struct Attachment<'a> {
    pub resource: &'a Resource,
    pub grantee: Grantee,
    /// The policy ARN (a string, a reference to an `aws_iam_policy`, or unknown).
    pub arn: &'a Attr,
}

impl Attachment<'_> {
    /// The AWS managed policy attached, by name (`AdministratorAccess`), when the ARN
    /// is a literal `arn:<partition>:iam::aws:policy/...`.
    pub fn aws_managed_name(&self) -> Option<&str> {
        let arn = self.arn.as_str()?;
        let (prefix, name) = arn.split_once(":iam::aws:policy/")?;
        prefix.starts_with("arn:aws").then(|| name.rsplit('/').next().unwrap_or(name))
    }
}

/// Every managed policy attachment the deployment declares.
pub fn attachments(deployment: &Deployment) -> Vec<Attachment<'_>> {
    let mut found = Vec::new();
    let single = [
        ("aws_iam_role_policy_attachment", Grantee::Role),
        ("aws_iam_user_policy_attachment", Grantee::User),
        ("aws_iam_group_policy_attachment", Grantee::Group),
    ];
    for (kind, grantee) in single {
        for resource in deployment.of_kind(kind) {
            if let Some(arn) = resource.get("policy_arn") {
                found.push(Attachment { resource, grantee, arn });
            }
        }
    }
    for resource in deployment.of_kind("aws_iam_policy_attachment") {
        let Some(arn) = resource.get("policy_arn") else { continue };
        for (key, grantee) in [("users", Grantee::User), ("groups", Grantee::Group), ("roles", Grantee::Role)]
        {
            if resource.get(key).is_some_and(|list| !list.items().is_empty()) {
                found.push(Attachment { resource, grantee, arn });
            }
        }
    }
    let lists = [
        ("aws_iam_role", "managed_policy_arns", Grantee::Role),
        ("aws_iam_role_policy_attachments_exclusive", "policy_arns", Grantee::Role),
        ("aws_iam_user_policy_attachments_exclusive", "policy_arns", Grantee::User),
        ("aws_iam_group_policy_attachments_exclusive", "policy_arns", Grantee::Group),
        ("AWS::IAM::Role", "ManagedPolicyArns", Grantee::Role),
        ("AWS::IAM::User", "ManagedPolicyArns", Grantee::User),
        ("AWS::IAM::Group", "ManagedPolicyArns", Grantee::Group),
    ];
    for (kind, key, grantee) in lists {
        for resource in deployment.of_kind(kind) {
            for arn in resource.get(key).map(Attr::items).unwrap_or_default() {
                found.push(Attachment { resource, grantee, arn });
            }
        }
    }
    found
}

/// A permission given straight to an IAM user rather than through a group or role.
pub struct UserGrant<'a> {
    pub resource: &'a Resource,
    /// The value that names the user or holds the policies; `None` for the whole resource.
    pub at: Option<&'a Attr>,
    /// An inline policy (else a managed policy attachment).
    pub inline: bool,
}

pub fn user_grants(deployment: &Deployment) -> Vec<UserGrant<'_>> {
    let mut found = Vec::new();
    // A list known to name someone (an unknown list may turn out empty).
    let non_empty = |attr: Option<&Attr>| {
        attr.is_some_and(|a| match &a.value {
            Value::List(items) => !items.is_empty(),
            Value::Unknown | Value::Null => false,
            _ => a.is_set(),
        })
    };
    for resource in deployment.of_kinds(&["aws_iam_user_policy", "AWS::IAM::UserPolicy"]) {
        found.push(UserGrant { resource, at: None, inline: true });
    }
    for resource in deployment.of_kind("aws_iam_user_policy_attachment") {
        found.push(UserGrant { resource, at: resource.get("user"), inline: false });
    }
    for resource in deployment.of_kind("aws_iam_user_policy_attachments_exclusive") {
        if non_empty(resource.get("policy_arns")) {
            found.push(UserGrant { resource, at: resource.get("policy_arns"), inline: false });
        }
    }
    for resource in deployment.of_kind("aws_iam_policy_attachment") {
        if non_empty(resource.get("users")) {
            found.push(UserGrant { resource, at: resource.get("users"), inline: false });
        }
    }
    for resource in deployment.of_kind("AWS::IAM::User") {
        if non_empty(resource.get("Policies")) {
            found.push(UserGrant { resource, at: resource.get("Policies"), inline: true });
        }
        if non_empty(resource.get("ManagedPolicyArns")) {
            found.push(UserGrant { resource, at: resource.get("ManagedPolicyArns"), inline: false });
        }
    }
    for (kind, inline) in [("AWS::IAM::Policy", true), ("AWS::IAM::ManagedPolicy", false)] {
        for resource in deployment.of_kind(kind) {
            if non_empty(resource.get("Users")) {
                found.push(UserGrant { resource, at: resource.get("Users"), inline });
            }
        }
    }
    found
}

/// An IAM role and the policy saying who may assume it.
pub struct Role<'a> {
    pub resource: &'a Resource,
    pub trust: Option<&'a Attr>,
}

impl Role<'_> {
    pub fn trust_policy(&self) -> Option<PolicyDocument> {
        self.trust.and_then(policy::parse)
    }
}

pub fn roles(deployment: &Deployment) -> Vec<Role<'_>> {
    let terraform =
        deployment.of_kind("aws_iam_role").map(|r| Role { resource: r, trust: r.get("assume_role_policy") });
    let cloudformation = deployment
        .of_kind("AWS::IAM::Role")
        .map(|r| Role { resource: r, trust: r.get("AssumeRolePolicyDocument") });
    terraform.chain(cloudformation).collect()
}

/// The account password policy (`aws_iam_account_password_policy`; CloudFormation
/// has no resource for it).
pub struct PasswordPolicy<'a> {
    pub resource: &'a Resource,
    pub minimum_length: Option<&'a Attr>,
    pub require_symbols: Option<&'a Attr>,
    pub require_numbers: Option<&'a Attr>,
    pub require_uppercase: Option<&'a Attr>,
    pub require_lowercase: Option<&'a Attr>,
    pub reuse_prevention: Option<&'a Attr>,
    pub max_age: Option<&'a Attr>,
}

pub fn password_policies(deployment: &Deployment) -> Vec<PasswordPolicy<'_>> {
    deployment
        .of_kind("aws_iam_account_password_policy")
        .map(|r| PasswordPolicy {
            resource: r,
            minimum_length: r.get("minimum_password_length"),
            require_symbols: r.get("require_symbols"),
            require_numbers: r.get("require_numbers"),
            require_uppercase: r.get("require_uppercase_characters"),
            require_lowercase: r.get("require_lowercase_characters"),
            reuse_prevention: r.get("password_reuse_prevention"),
            max_age: r.get("max_password_age"),
        })
        .collect()
}

/// A long-lived access key of an IAM user.
pub struct AccessKey<'a> {
    pub resource: &'a Resource,
    pub user: Option<&'a Attr>,
    /// `Active` (the default) or `Inactive`.
    pub status: Option<&'a Attr>,
}

impl AccessKey<'_> {
    /// The key is known to be usable: not declared `Inactive`, and not unknown.
    pub fn is_active(&self) -> bool {
        match self.status {
            None => true,
            Some(status) => status.as_str().is_some_and(|s| s.eq_ignore_ascii_case("active")),
        }
    }

    /// How to name the key's user in a message.
    pub fn user_name(&self) -> String {
        match self.user.map(|u| &u.value) {
            Some(Value::String(name)) => format!("user `{name}`"),
            Some(Value::Reference(address)) => format!("user `{address}`"),
            _ => "an IAM user".to_string(),
        }
    }
}

pub fn access_keys(deployment: &Deployment) -> Vec<AccessKey<'_>> {
    let terraform = deployment.of_kind("aws_iam_access_key").map(|r| AccessKey {
        resource: r,
        user: r.get("user"),
        status: r.get("status"),
    });
    let cloudformation = deployment.of_kind("AWS::IAM::AccessKey").map(|r| AccessKey {
        resource: r,
        user: r.get("UserName"),
        status: r.get("Status"),
    });
    terraform.chain(cloudformation).collect()
}
