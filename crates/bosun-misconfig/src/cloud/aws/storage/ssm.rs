//! Systems Manager as checks see it: Parameter Store parameters (`aws_ssm_parameter`,
//! `AWS::SSM::Parameter`) and documents (`aws_ssm_document`; CloudFormation cannot
//! share a document).

use crate::cloud::{Attr, Deployment, Resource};

pub struct Parameter<'a> {
    pub resource: &'a Resource,
    pub name: Option<&'a Attr>,
    /// `String`, `StringList` or `SecureString` (CloudFormation cannot create the last).
    pub kind: Option<&'a Attr>,
    /// The KMS key of a `SecureString` (`key_id`).
    pub kms_key: Option<&'a Attr>,
    pub value: Option<&'a Attr>,
}

impl Parameter<'_> {
    /// Stored as plain text: a known `String` or `StringList` type.
    pub fn is_plain_text(&self) -> bool {
        self.kind.and_then(Attr::as_str).is_some_and(|k| k == "String" || k == "StringList")
    }

    pub fn is_secure_string(&self) -> bool {
        self.kind.and_then(Attr::as_str) == Some("SecureString")
    }
}

pub struct Document<'a> {
    pub resource: &'a Resource,
    /// Who the document is shared with (`permissions = { type, account_ids }`).
    pub permissions: Option<&'a Attr>,
}

impl<'a> Document<'a> {
    /// The `account_ids` value that shares the document with every account, if any.
    pub fn shared_with_all(&self) -> Option<&'a Attr> {
        let permissions = self.permissions?;
        let shared =
            permissions.get("type").and_then(Attr::as_str).is_none_or(|t| t.eq_ignore_ascii_case("Share"));
        let accounts = permissions.get("account_ids")?;
        let all = accounts
            .strings()
            .iter()
            .flat_map(|s| s.split(','))
            .any(|id| id.trim().eq_ignore_ascii_case("all"));
        (shared && all).then_some(accounts)
    }
}

pub fn parameters(deployment: &Deployment) -> Vec<Parameter<'_>> {
    let terraform = deployment.of_kind("aws_ssm_parameter").map(|r| Parameter {
        resource: r,
        name: r.get("name"),
        kind: r.get("type"),
        kms_key: r.get("key_id").filter(|k| !k.is_null()),
        value: r.get("value").or_else(|| r.get("insecure_value")),
    });
    let cloudformation = deployment.of_kind("AWS::SSM::Parameter").map(|r| Parameter {
        resource: r,
        name: r.get("Name"),
        kind: r.get("Type"),
        kms_key: None,
        value: r.get("Value"),
    });
    terraform.chain(cloudformation).collect()
}

pub fn documents(deployment: &Deployment) -> Vec<Document<'_>> {
    deployment
        .of_kind("aws_ssm_document")
        .map(|r| Document { resource: r, permissions: r.get("permissions").filter(|p| !p.is_null()) })
        .collect()
}
