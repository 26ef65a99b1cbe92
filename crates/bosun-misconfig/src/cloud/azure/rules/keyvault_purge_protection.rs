use crate::cloud::azure::keyvault;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AZR026",
        name: "keyvault-purge-protection-disabled",
        title: "Key vault can be purged before its soft-delete period ends",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Azure),
        checklist: &["env.misconfig", "env.iac-terraform"],
        aliases: &["AVD-AZU-0016", "azure-keyvault-no-purge", "CKV_AZURE_110", "CKV_AZURE_42"],
        rationale: "Without purge protection, anyone allowed to delete a vault or its keys can also purge \
                    them at once, destroying encryption keys for good and with them every piece of data they \
                    protect. Purge protection keeps deleted items recoverable until the retention period is \
                    over.",
        remediation:
            "Set `purge_protection_enabled = true` on the key vault (it cannot be turned off again).",
        bad_example: r#"resource "azurerm_key_vault" "main" {
  name                = "acme-kv"
  location            = "westeurope"
  resource_group_name = "rg-security"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"
}
"#,
        good_example: r#"resource "azurerm_key_vault" "main" {
  name                = "acme-kv"
  location            = "westeurope"
  resource_group_name = "rg-security"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"
  purge_protection_enabled = true
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for vault in keyvault::vaults(deployment) {
        match vault.purge_protection {
            Some(flag) if flag.is_false() => {
                deployment.report(hits, vault.resource, Some(flag), "purge protection is disabled")
            }
            None => deployment.report(hits, vault.resource, None, "purge protection is not enabled"),
            _ => {}
        }
    }
}
