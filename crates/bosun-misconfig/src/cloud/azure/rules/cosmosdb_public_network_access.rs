use crate::cloud::azure::cosmosdb;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AZR064",
        name: "cosmosdb-public-network-access",
        title: "Cosmos DB account accepts connections from any network",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Azure),
        checklist: &["env.misconfig", "env.iac-terraform", "env.least-access", "run.network-segregation"],
        aliases: &["CKV_AZURE_99"],
        rationale: "An account with public access and no IP or virtual network filter answers requests from \
                    the whole internet; its primary keys, which grant full data access, are then the only \
                    protection.",
        remediation: "Set `public_network_access_enabled = false` and use private endpoints, or restrict it with `ip_range_filter` / `is_virtual_network_filter_enabled`.",
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
  public_network_access_enabled = false

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
        if account.has_network_filter() {
            continue;
        }
        match account.public_network_access {
            Some(public) if public.is_true() => deployment.report(
                hits,
                account.resource,
                Some(public),
                "public network access is enabled with no IP or network filter",
            ),
            None => deployment.report(
                hits,
                account.resource,
                None,
                "public network access is on by default and no IP or network filter is set",
            ),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::registry::run_on_example;

    #[test]
    fn an_ip_filter_restricts_access() {
        let text =
            "resource \"azurerm_cosmosdb_account\" \"a\" {\n  ip_range_filter = [\"203.0.113.0/24\"]\n}\n";
        assert!(run_on_example(&super::RULE, text).is_empty());
        let empty = "resource \"azurerm_cosmosdb_account\" \"a\" {\n  ip_range_filter = \"\"\n}\n";
        assert_eq!(run_on_example(&super::RULE, empty).len(), 1);
    }
}
