//! On/off settings as storage resources spell them: booleans (`encrypted = true`),
//! their string forms, and the words `Enabled`, `Disabled` and `Suspended`
//! (`versioning_configuration { status = "Enabled" }`, `Status: Enabled`).

use crate::cloud::Attr;

#[derive(Debug, Clone, Copy)]
pub enum Switch<'a> {
    /// Not written (or `null`): the service's default applies.
    Absent,
    On(&'a Attr),
    Off(&'a Attr),
    /// Written, but bosun cannot tell its value: never a finding.
    Unknown(&'a Attr),
}

impl<'a> Switch<'a> {
    pub fn of(attr: Option<&'a Attr>) -> Self {
        let Some(attr) = attr else { return Switch::Absent };
        if attr.is_null() {
            return Switch::Absent;
        }
        if let Some(on) = attr.as_bool() {
            return if on { Switch::On(attr) } else { Switch::Off(attr) };
        }
        match attr.as_str().map(str::to_ascii_lowercase).as_deref() {
            Some("enabled") => Switch::On(attr),
            Some("disabled" | "suspended") => Switch::Off(attr),
            _ => Switch::Unknown(attr),
        }
    }

    pub fn is_on(&self) -> bool {
        matches!(self, Switch::On(_))
    }

    /// Known to be off, counting an absent setting as off (the default of most
    /// protections).
    pub fn is_off_or_absent(&self) -> bool {
        matches!(self, Switch::Absent | Switch::Off(_))
    }

    pub fn is_unknown(&self) -> bool {
        matches!(self, Switch::Unknown(_))
    }

    /// The value written, to point a finding at (`None` when absent).
    pub fn attr(&self) -> Option<&'a Attr> {
        match self {
            Switch::Absent => None,
            Switch::On(attr) | Switch::Off(attr) | Switch::Unknown(attr) => Some(attr),
        }
    }
}

/// A KMS key reference that names an AWS managed key (`alias/aws/s3`,
/// `arn:aws:kms:...:alias/aws/secretsmanager`) rather than a customer managed one.
pub fn is_aws_managed_key(attr: &Attr) -> bool {
    attr.as_str().is_some_and(|key| key.to_ascii_lowercase().contains("alias/aws/"))
}

/// A customer managed key is named: set, not empty, not an AWS managed alias.
/// Unknown values and references count as customer managed keys.
pub fn names_customer_key(attr: Option<&Attr>) -> bool {
    attr.is_some_and(|key| key.is_set() && !is_aws_managed_key(key))
}
