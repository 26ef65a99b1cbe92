use crate::cloud::azure::keyvault;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AZR027",
        name: "keyvault-soft-delete-weak",
        title: "Key vault keeps deleted keys and secrets for less than 90 days",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Azure),
        checklist: &["env.misconfig", "env.iac-terraform"],
        aliases: &["CKV_AZURE_111"],
        rationale: "Soft delete is the window in which a deleted key, secret or certificate can still be \
                    recovered. A short window (or none, on old provider versions) means an accidental or \
                    malicious deletion that goes unnoticed for a few days becomes permanent.",
        remediation:
            "Keep `soft_delete_retention_days` at 90 (the default) and remove `soft_delete_enabled = false`.",
        bad_example: r#"resource "azurerm_key_vault" "main" {
  name                = "acme-kv"
  location            = "westeurope"
  resource_group_name = "rg-security"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"
  soft_delete_retention_days = 7
}
"#,
        good_example: r#"resource "azurerm_key_vault" "main" {
  name                = "acme-kv"
  location            = "westeurope"
  resource_group_name = "rg-security"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"
  soft_delete_retention_days = 90
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for vault in keyvault::vaults(deployment) {
        if let Some(flag) = vault.soft_delete.filter(|flag| flag.is_false()) {
            deployment.report(hits, vault.resource, Some(flag), "soft delete is disabled");
        } else if let Some(days) = vault.soft_delete_days {
            if let Some(count) = days.as_i64().filter(|count| *count < 90) {
                deployment.report(
                    hits,
                    vault.resource,
                    Some(days),
                    format!("deleted items are kept only {count} days"),
                );
            }
        }
    }
}
