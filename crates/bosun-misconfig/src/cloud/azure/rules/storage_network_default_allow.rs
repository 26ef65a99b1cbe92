use crate::cloud::azure::storage;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AZR004",
        name: "storage-account-network-default-allow",
        title: "Storage account network rules allow every network by default",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Azure),
        checklist: &["env.misconfig", "env.iac-terraform", "env.least-access"],
        aliases: &["AVD-AZU-0012", "azure-storage-default-action-deny", "CKV_AZURE_35"],
        rationale: "Network rules whose default action is `Allow` do not filter anything: the IP and subnet \
                    lists beside them are ignored and the account's endpoints answer the whole internet, so \
                    a leaked key or SAS token is usable from anywhere.",
        remediation: "Set `default_action = \"Deny\"` in `network_rules` (or in `azurerm_storage_account_network_rules`) and list the networks that need access.",
        bad_example: r#"resource "azurerm_storage_account" "data" {
  name                     = "acmedata"
  resource_group_name      = "rg-data"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "GRS"

  network_rules {
    default_action = "Allow"
    ip_rules       = ["203.0.113.10"]
  }
}
"#,
        good_example: r#"resource "azurerm_storage_account" "data" {
  name                     = "acmedata"
  resource_group_name      = "rg-data"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "GRS"

  network_rules {
    default_action = "Deny"
    ip_rules       = ["203.0.113.10"]
  }
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for account in storage::accounts(deployment) {
        let action = account.network_rules.and_then(|rules| rules.get("default_action"));
        if let Some(action) =
            action.filter(|action| action.as_str().is_some_and(|a| a.eq_ignore_ascii_case("Allow")))
        {
            deployment.report(
                hits,
                account.resource,
                Some(action),
                "network rules allow traffic from any network by default",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::registry::run_on_example;

    #[test]
    fn reads_the_split_network_rules_resource() {
        let text = r#"resource "azurerm_storage_account" "data" {
  name = "acmedata"
}

resource "azurerm_storage_account_network_rules" "data" {
  storage_account_id = azurerm_storage_account.data.id
  default_action     = "Allow"
}
"#;
        assert_eq!(run_on_example(&super::RULE, text).len(), 1);
        let by_name = text.replace(
            "storage_account_id = azurerm_storage_account.data.id",
            "storage_account_name = \"acmedata\"",
        );
        assert_eq!(run_on_example(&super::RULE, &by_name).len(), 1);
    }
}
