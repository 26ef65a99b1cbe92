//! The built-in secret rules, one file per family of providers. A new rule is
//! one entry in its family's `RULES`; `RULES` here lists the families.
//!
//! Ids: SEC001-039 cloud, SEC040-069 code hosting and CI/CD, SEC070-099 chat,
//! messaging and email, SEC100-129 payments and commerce, SEC130-159 package
//! registries and developer tools, SEC160-189 observability, AI and SaaS,
//! SEC190-239 keys, tokens in configuration files, databases and generic
//! assignments.

use crate::rule::SecretRule;
use std::sync::LazyLock;

// Regex fragments shared by the families' patterns. Macros, not constants, so
// that patterns stay `&'static str` built with `concat!`; defined before the
// `mod` lines so that every family sees them.

/// The end of a variable name and an assignment: `_TOKEN=`, `": "`, ` => '`, `: `.
macro_rules! name_end_assign {
    () => {
        r#"[\w.-]{0,12}["'`]?[ \t]*(?:=>|:=|=|:)[ \t]*["'`]?"#
    };
}

/// What may follow a token drawn from letters, digits, `_` and `-`.
macro_rules! token_end {
    () => {
        r"(?:$|[^0-9A-Za-z_-])"
    };
}

/// A UUID in its 8-4-4-4-12 hex form, either case.
macro_rules! uuid {
    () => {
        r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
    };
}

pub mod chat;
pub mod cloud;
pub mod code_hosting;
pub mod config_files;
pub mod databases;
pub mod generic;
pub mod keys;
pub mod observability;
pub mod payments;
pub mod registries;
pub mod saas;

/// Every built-in secret rule.
pub static RULES: LazyLock<Vec<&'static SecretRule>> = LazyLock::new(|| {
    let families: &[&'static [SecretRule]] = &[
        cloud::RULES,
        code_hosting::RULES,
        chat::RULES,
        payments::RULES,
        registries::RULES,
        observability::RULES,
        saas::RULES,
        keys::RULES,
        config_files::RULES,
        databases::RULES,
        generic::RULES,
    ];
    families.iter().flat_map(|family| family.iter()).collect()
});

/// What the built-in rules find in a text, for the families' tests.
#[cfg(test)]
pub(crate) mod testing {
    use bosun_core::Finding;
    use std::ops::RangeInclusive;

    /// The findings of the built-in rules in `text`, read as the file `path`.
    pub(crate) fn findings(path: &str, text: &str) -> Vec<Finding> {
        crate::test_scanner().scan_text(path, text, None)
    }

    /// The ids of the rules that report `text`, read as the file `path`, in
    /// the order of their findings.
    pub(crate) fn ids(path: &str, text: &str) -> Vec<String> {
        findings(path, text).into_iter().map(|f| f.rule_id).collect()
    }

    /// `ids`, keeping only a family's (`"SEC190"..="SEC200"`).
    pub(crate) fn family_ids(family: RangeInclusive<&str>, path: &str, text: &str) -> Vec<String> {
        ids(path, text).into_iter().filter(|id| family.contains(&id.as_str())).collect()
    }

    /// Whether the rule `id` reports `text`, read as the file `path`.
    pub(crate) fn fires(id: &str, path: &str, text: &str) -> bool {
        ids(path, text).iter().any(|found| found == id)
    }
}

#[cfg(test)]
mod tests;
