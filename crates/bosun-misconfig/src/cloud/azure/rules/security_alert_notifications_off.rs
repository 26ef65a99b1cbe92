use crate::cloud::azure::securitycenter;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AZR069",
        name: "security-center-alert-notifications-off",
        title: "Defender for Cloud does not email high-severity alerts",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Azure),
        checklist: &["env.misconfig", "env.iac-terraform"],
        aliases: &["AVD-AZU-0044", "azure-security-center-alert-on-severe-notifications", "CKV_AZURE_21"],
        rationale: "Defender for Cloud raises alerts for active threats. If the security contact is not \
                    notified, a high-severity alert waits in the portal until someone happens to look.",
        remediation: "Set `alert_notifications = true` on the `azurerm_security_center_contact`.",
        bad_example: r#"resource "azurerm_security_center_contact" "main" {
  name                = "security"
  email               = "security@example.com"
  phone               = "+1-555-0100"
  alert_notifications = false
  alerts_to_admins    = true
}
"#,
        good_example: r#"resource "azurerm_security_center_contact" "main" {
  name                = "security"
  email               = "security@example.com"
  phone               = "+1-555-0100"
  alert_notifications = true
  alerts_to_admins    = true
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for contact in securitycenter::contacts(deployment) {
        if let Some(flag) = contact.alert_notifications.filter(|flag| flag.is_false()) {
            deployment.report(
                hits,
                contact.resource,
                Some(flag),
                "the security contact is not emailed about high-severity alerts",
            );
        }
    }
}
