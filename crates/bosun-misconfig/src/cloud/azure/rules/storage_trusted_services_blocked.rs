use crate::cloud::azure::storage;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AZR010",
        name: "storage-account-trusted-services-blocked",
        title: "Storage account firewall blocks trusted Microsoft services",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Azure),
        checklist: &["env.misconfig", "env.iac-terraform"],
        aliases: &["AVD-AZU-0010", "azure-storage-allow-microsoft-service-bypass", "CKV_AZURE_36"],
        rationale: "Azure services such as Backup, Monitor diagnostics and Defender reach the account through \
                    the trusted-services bypass. A firewall without it silently breaks log delivery and \
                    backups, which tends to be fixed by opening the firewall altogether.",
        remediation: "Include `\"AzureServices\"` in `bypass` of `network_rules` (or `azurerm_storage_account_network_rules`).",
        bad_example: r#"resource "azurerm_storage_account" "logs" {
  name                     = "acmelogs"
  resource_group_name      = "rg-logs"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "GRS"

  network_rules {
    default_action = "Deny"
    bypass         = ["None"]
  }
}
"#,
        good_example: r#"resource "azurerm_storage_account" "logs" {
  name                     = "acmelogs"
  resource_group_name      = "rg-logs"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "GRS"

  network_rules {
    default_action = "Deny"
    bypass         = ["AzureServices", "Logging"]
  }
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for account in storage::accounts(deployment) {
        let Some(bypass) = account.network_rules.and_then(|rules| rules.get("bypass")) else { continue };
        let known = bypass.items().iter().all(|item| item.as_str().is_some());
        if known && !bypass.has_string("AzureServices") {
            deployment.report(
                hits,
                account.resource,
                Some(bypass),
                "the network rules do not let trusted Azure services through",
            );
        }
    }
}
