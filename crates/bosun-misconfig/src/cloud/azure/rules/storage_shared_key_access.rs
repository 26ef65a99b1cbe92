use crate::cloud::azure::storage;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AZR009",
        name: "storage-account-shared-key-access",
        title: "Storage account accepts shared key authorization",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Azure),
        checklist: &["env.misconfig", "env.iac-terraform", "env.least-access"],
        aliases: &["CKV2_AZURE_40"],
        rationale: "Account keys grant full access to all data in the account, do not expire and leave no \
                    identity in the logs. Requiring Microsoft Entra ID authorization gives per-identity, \
                    revocable and auditable access instead.",
        remediation: "Set `shared_access_key_enabled = false` and grant data roles to identities.",
        bad_example: r#"resource "azurerm_storage_account" "data" {
  name                     = "acmedata"
  resource_group_name      = "rg-data"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "GRS"
}
"#,
        good_example: r#"resource "azurerm_storage_account" "data" {
  name                      = "acmedata"
  resource_group_name       = "rg-data"
  location                  = "westeurope"
  account_tier              = "Standard"
  account_replication_type  = "GRS"
  shared_access_key_enabled = false
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for account in storage::accounts(deployment) {
        match account.shared_key_access {
            Some(flag) if flag.is_true() => {
                deployment.report(hits, account.resource, Some(flag), "shared key authorization is enabled")
            }
            None => deployment.report(
                hits,
                account.resource,
                None,
                "shared key authorization is enabled by default",
            ),
            _ => {}
        }
    }
}
