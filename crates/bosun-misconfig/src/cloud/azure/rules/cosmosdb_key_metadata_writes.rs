use crate::cloud::azure::cosmosdb;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AZR065",
        name: "cosmosdb-key-based-metadata-write",
        title: "Cosmos DB account lets account keys change databases and containers",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Azure),
        checklist: &["env.misconfig", "env.iac-terraform", "env.least-access"],
        aliases: &["CKV_AZURE_132"],
        rationale:
            "By default the account keys can also create, change and delete databases and containers. \
                    Anyone with a data key can then alter throughput, indexing or delete whole containers. \
                    Disabling metadata writes with keys keeps such changes behind Azure RBAC and the \
                    management plane.",
        remediation: "Set `access_key_metadata_writes_enabled = false` on the account.",
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
  access_key_metadata_writes_enabled = false

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
        match account.key_metadata_writes {
            Some(flag) if flag.is_true() => deployment.report(
                hits,
                account.resource,
                Some(flag),
                "account keys may change databases and containers",
            ),
            None => deployment.report(
                hits,
                account.resource,
                None,
                "account keys may change databases and containers (the default)",
            ),
            _ => {}
        }
    }
}
