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

#[cfg(test)]
mod tests;

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
