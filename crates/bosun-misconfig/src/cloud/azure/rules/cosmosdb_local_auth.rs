use crate::cloud::azure::cosmosdb;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AZR066",
        name: "cosmosdb-local-auth-enabled",
        title: "Cosmos DB account accepts key-based authentication",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Azure),
        checklist: &["env.misconfig", "env.iac-terraform", "env.least-access"],
        aliases: &["CKV_AZURE_140"],
        rationale: "Primary and secondary keys give full access to all data, never expire on their own and \
                    do not say who used them. Disabling local authentication forces Microsoft Entra ID \
                    identities and data-plane roles.",
        remediation:
            "Set `local_authentication_disabled = true` and grant Cosmos DB data roles to identities.",
        bad_example: r#"resource "azurerm_cosmosdb_account" "main" {
  name                = "acme-cosmos"
  location            = "westeurope"
  resource_group_name = "rg-data"
  offer_type          = "Standard"
  kind                = "GlobalDocumentDB"

  consistency_policy {
    consistency_level = "Session"
  }

  geo_location {
    location          = "westeurope"
    failover_priority = 0
  }
}
"#,
        good_example: r#"resource "azurerm_cosmosdb_account" "main" {
  name                = "acme-cosmos"
  location            = "westeurope"
  resource_group_name = "rg-data"
  offer_type          = "Standard"
  kind                = "GlobalDocumentDB"
  local_authentication_disabled = true

  consistency_policy {
    consistency_level = "Session"
  }

  geo_location {
    location          = "westeurope"
    failover_priority = 0
  }
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for account in cosmosdb::accounts(deployment) {
        match account.local_auth_disabled {
            Some(flag) if flag.is_false() => deployment.report(
                hits,
                account.resource,
                Some(flag),
                "key-based (local) authentication is enabled",
            ),
            None => deployment.report(
                hits,
                account.resource,
                None,
                "key-based (local) authentication is enabled by default",
            ),
            _ => {}
        }
    }
}
