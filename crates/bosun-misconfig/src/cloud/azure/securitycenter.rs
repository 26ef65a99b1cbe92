//! Microsoft Defender for Cloud (formerly Security Center): security contacts,
//! pricing tiers and auto-provisioning.

use super::common::first;
use crate::cloud::{Attr, Deployment, Resource};

pub struct Contact<'a> {
    pub resource: &'a Resource,
    pub email: Option<&'a Attr>,
    pub phone: Option<&'a Attr>,
    /// `alert_notifications`: email the contact about high-severity alerts.
    pub alert_notifications: Option<&'a Attr>,
    /// `alerts_to_admins`: email subscription owners too.
    pub alerts_to_admins: Option<&'a Attr>,
}

pub fn contacts(deployment: &Deployment) -> Vec<Contact<'_>> {
    deployment
        .of_kind("azurerm_security_center_contact")
        .map(|contact| {
            let body = &contact.body;
            Contact {
                resource: contact,
                email: first(body, &["email"]),
                phone: first(body, &["phone"]),
                alert_notifications: first(body, &["alert_notifications"]),
                alerts_to_admins: first(body, &["alerts_to_admins"]),
            }
        })
        .collect()
}

pub struct Pricing<'a> {
    pub resource: &'a Resource,
    /// `tier`: `Free` or `Standard`.
    pub tier: Option<&'a Attr>,
    /// `resource_type`: `VirtualMachines`, `SqlServers`, ... (default `VirtualMachines`).
    pub resource_type: Option<&'a Attr>,
}

pub fn pricings(deployment: &Deployment) -> Vec<Pricing<'_>> {
    deployment
        .of_kind("azurerm_security_center_subscription_pricing")
        .map(|pricing| Pricing {
            resource: pricing,
            tier: first(&pricing.body, &["tier"]),
            resource_type: first(&pricing.body, &["resource_type"]),
        })
        .collect()
}

pub struct AutoProvisioning<'a> {
    pub resource: &'a Resource,
    /// `auto_provision`: `On` or `Off`.
    pub setting: Option<&'a Attr>,
}

pub fn auto_provisioning(deployment: &Deployment) -> Vec<AutoProvisioning<'_>> {
    deployment
        .of_kind("azurerm_security_center_auto_provisioning")
        .map(|setting| AutoProvisioning {
            resource: setting,
            setting: first(&setting.body, &["auto_provision"]),
        })
        .collect()
}
