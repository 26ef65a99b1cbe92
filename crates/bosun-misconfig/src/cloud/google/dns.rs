//! Cloud DNS managed zones (`google_dns_managed_zone`).

use crate::cloud::{Attr, Deployment, Resource};

pub struct ManagedZone<'a> {
    pub resource: &'a Resource,
    /// `visibility`: `public` (the default) or `private`.
    pub visibility: Option<&'a Attr>,
    /// The `dnssec_config` block.
    pub dnssec: Option<&'a Attr>,
    /// `dnssec_config.state`: `on`, `off` (the default) or `transfer`.
    pub dnssec_state: Option<&'a Attr>,
    /// Each `dnssec_config.default_key_specs` block.
    pub key_specs: Vec<&'a Attr>,
}

impl ManagedZone<'_> {
    /// Private zones answer only inside VPC networks and cannot be signed.
    pub fn is_private(&self) -> bool {
        self.visibility.and_then(Attr::as_str).is_some_and(|v| v.eq_ignore_ascii_case("private"))
    }
}

pub fn managed_zones(deployment: &Deployment) -> Vec<ManagedZone<'_>> {
    deployment
        .of_kind("google_dns_managed_zone")
        .map(|zone| {
            let dnssec = zone.get("dnssec_config").and_then(|block| block.items().first());
            ManagedZone {
                resource: zone,
                visibility: zone.get("visibility"),
                dnssec,
                dnssec_state: dnssec.and_then(|block| block.get("state")),
                key_specs: dnssec
                    .map(|block| block.blocks("default_key_specs").collect())
                    .unwrap_or_default(),
            }
        })
        .collect()
}
