use crate::cloud::azure::keyvault;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AZR030",
        name: "keyvault-secret-no-expiration",
        title: "Key vault secret has no expiration date",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Azure),
        checklist: &["env.misconfig", "env.iac-terraform"],
        aliases: &["AVD-AZU-0017", "azure-keyvault-ensure-secret-expiry", "CKV_AZURE_41"],
        rationale: "Secrets without an expiration date tend never to be rotated. An expiry makes the \
                    lifetime of a password or connection string explicit and bounds the damage when it \
                    leaks.",
        remediation:
            "Set `expiration_date` on the `azurerm_key_vault_secret` and rotate the secret before it.",
        bad_example: r#"resource "azurerm_key_vault_secret" "db" {
  name         = "db-password"
  value        = random_password.db.result
  key_vault_id = azurerm_key_vault.main.id
}
"#,
        good_example: r#"resource "azurerm_key_vault_secret" "db" {
  name         = "db-password"
  value        = random_password.db.result
  key_vault_id = azurerm_key_vault.main.id
  expiration_date = "2026-12-31T00:00:00Z"
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for item in keyvault::secrets(deployment) {
        if item.expiration_date.is_none() {
            let name = item.name.unwrap_or("item");
            deployment.report(hits, item.resource, None, format!("`{name}` has no expiration date"));
        }
    }
}
