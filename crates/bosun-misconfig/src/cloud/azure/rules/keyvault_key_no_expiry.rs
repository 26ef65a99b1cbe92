use crate::cloud::azure::keyvault;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AZR029",
        name: "keyvault-key-no-expiration",
        title: "Key vault key has no expiration date",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Azure),
        checklist: &["env.misconfig", "env.iac-terraform"],
        aliases: &["AVD-AZU-0014", "azure-keyvault-ensure-key-expiry", "CKV_AZURE_40"],
        rationale: "A key without an expiration date can be used forever. Setting one forces rotation, \
                    limits how long a copied or compromised key stays useful and makes forgotten keys \
                    visible.",
        remediation:
            "Set `expiration_date` on the `azurerm_key_vault_key` (and a `rotation_policy` to renew it).",
        bad_example: r#"resource "azurerm_key_vault_key" "data" {
  name         = "data-key"
  key_vault_id = azurerm_key_vault.main.id
  key_type     = "RSA"
  key_size     = 3072
  key_opts     = ["wrapKey", "unwrapKey"]
}
"#,
        good_example: r#"resource "azurerm_key_vault_key" "data" {
  name         = "data-key"
  key_vault_id = azurerm_key_vault.main.id
  key_type     = "RSA"
  key_size     = 3072
  key_opts     = ["wrapKey", "unwrapKey"]
  expiration_date = "2026-12-31T00:00:00Z"
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for item in keyvault::keys(deployment) {
        if item.expiration_date.is_none() {
            let name = item.name.unwrap_or("item");
            deployment.report(hits, item.resource, None, format!("`{name}` has no expiration date"));
        }
    }
}
