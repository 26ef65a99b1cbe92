//! Activity log profiles (`azurerm_monitor_log_profile`).

use super::common::{at, first};
use crate::cloud::{Attr, Deployment, Resource};

pub struct LogProfile<'a> {
    pub resource: &'a Resource,
    /// `categories`: `Action`, `Delete`, `Write`.
    pub categories: Option<&'a Attr>,
    /// The `retention_policy` block: `enabled` and `days` (0 keeps logs forever).
    pub retention: Option<&'a Attr>,
}

pub fn log_profiles(deployment: &Deployment) -> Vec<LogProfile<'_>> {
    deployment
        .of_kind("azurerm_monitor_log_profile")
        .map(|profile| LogProfile {
            resource: profile,
            categories: first(&profile.body, &["categories"]),
            retention: at(&profile.body, &["retention_policy"]),
        })
        .collect()
}
