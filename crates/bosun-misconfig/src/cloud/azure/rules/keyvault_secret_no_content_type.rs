use crate::cloud::azure::keyvault;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AZR031",
        name: "keyvault-secret-no-content-type",
        title: "Key vault secret does not say what it holds",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Azure),
        checklist: &["env.misconfig", "env.iac-terraform"],
        aliases: &["AVD-AZU-0015", "azure-keyvault-content-type-for-secret", "CKV_AZURE_114"],
        rationale: "A content type (password, connection string, certificate) tells operators how a secret \
                    is used and how to rotate it. Without it, secrets are harder to inventory and old ones \
                    are left in place for fear of breaking something.",
        remediation: "Set `content_type` on the `azurerm_key_vault_secret`, for example `\"password\"`.",
        bad_example: r#"resource "azurerm_key_vault_secret" "db" {
  name         = "db-password"
  value        = random_password.db.result
  key_vault_id = azurerm_key_vault.main.id
  expiration_date = "2026-12-31T00:00:00Z"
}
"#,
        good_example: r#"resource "azurerm_key_vault_secret" "db" {
  name         = "db-password"
  value        = random_password.db.result
  key_vault_id = azurerm_key_vault.main.id
  expiration_date = "2026-12-31T00:00:00Z"
  content_type    = "password"
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for item in keyvault::secrets(deployment) {
        if item.content_type.is_none() {
            let name = item.name.unwrap_or("item");
            deployment.report(hits, item.resource, None, format!("`{name}` has no content type"));
        }
    }
}
