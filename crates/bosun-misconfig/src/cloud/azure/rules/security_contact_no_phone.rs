use crate::cloud::azure::securitycenter;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AZR070",
        name: "security-center-contact-no-phone",
        title: "Defender for Cloud security contact has no phone number",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Azure),
        checklist: &["env.misconfig", "env.iac-terraform"],
        aliases: &["AVD-AZU-0046", "azure-security-center-set-required-contact-details", "CKV_AZURE_20"],
        rationale: "Microsoft contacts the security contact when it detects a compromise of the \
                    subscription. Without a phone number, urgent notices rely on an email that may go \
                    unread.",
        remediation: "Set `phone` on the `azurerm_security_center_contact`.",
        bad_example: r#"resource "azurerm_security_center_contact" "main" {
  name                = "security"
  email               = "security@example.com"
  alert_notifications = true
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
        if contact.phone.is_none_or(|phone| phone.as_str() == Some("")) {
            deployment.report(
                hits,
                contact.resource,
                contact.phone,
                "the security contact has no phone number",
            );
        }
    }
}
