use crate::cloud::azure::securitycenter;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AZR071",
        name: "security-center-free-tier",
        title: "Defender for Cloud plan is on the free tier",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Azure),
        checklist: &["env.misconfig", "env.iac-terraform"],
        aliases: &["AVD-AZU-0045", "azure-security-center-enable-standard-subscription", "CKV_AZURE_19"],
        rationale: "The free tier only gives recommendations. The Standard (Defender) plans add threat \
                    detection, vulnerability assessment and just-in-time access for the resources they \
                    cover.",
        remediation: "Set `tier = \"Standard\"` on the `azurerm_security_center_subscription_pricing`.",
        bad_example: r#"resource "azurerm_security_center_subscription_pricing" "vms" {
  tier          = "Free"
  resource_type = "VirtualMachines"
}
"#,
        good_example: r#"resource "azurerm_security_center_subscription_pricing" "vms" {
  tier          = "Standard"
  resource_type = "VirtualMachines"
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for pricing in securitycenter::pricings(deployment) {
        let Some(tier) =
            pricing.tier.filter(|tier| tier.as_str().is_some_and(|t| t.eq_ignore_ascii_case("Free")))
        else {
            continue;
        };
        let covered = pricing.resource_type.and_then(|kind| kind.as_str()).unwrap_or("VirtualMachines");
        deployment.report(
            hits,
            pricing.resource,
            Some(tier),
            format!("Defender for {covered} is on the free tier"),
        );
    }
}
