use crate::cloud::azure::storage;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AZR001",
        name: "storage-account-https-not-enforced",
        title: "Storage account accepts unencrypted HTTP requests",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Azure),
        checklist: &["env.misconfig", "env.iac-terraform"],
        aliases: &["AVD-AZU-0008", "azure-storage-enforce-https", "CKV_AZURE_3", "AVD-AZU-0059"],
        rationale: "With secure transfer turned off, the account answers plain HTTP, so shared keys, SAS \
                    tokens and the data itself can cross the network in clear text and be read or altered \
                    on the way.",
        remediation: "Remove `https_traffic_only_enabled = false` (`enable_https_traffic_only` before provider v4) or set it to true.",
        bad_example: r#"resource "azurerm_storage_account" "logs" {
  name                       = "acmelogs"
  resource_group_name        = "rg-logs"
  location                   = "westeurope"
  account_tier               = "Standard"
  account_replication_type   = "GRS"
  https_traffic_only_enabled = false
}
"#,
        good_example: r#"resource "azurerm_storage_account" "logs" {
  name                       = "acmelogs"
  resource_group_name        = "rg-logs"
  location                   = "westeurope"
  account_tier               = "Standard"
  account_replication_type   = "GRS"
  https_traffic_only_enabled = true
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for account in storage::accounts(deployment) {
        if let Some(https) = account.https_only.filter(|https| https.is_false()) {
            deployment.report(
                hits,
                account.resource,
                Some(https),
                "secure transfer is turned off: the account accepts HTTP",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::registry::run_on_example;

    #[test]
    fn the_provider_v3_spelling_counts_too() {
        let text = "resource \"azurerm_storage_account\" \"a\" {\n  enable_https_traffic_only = false\n}\n";
        assert_eq!(run_on_example(&super::RULE, text).len(), 1);
        let absent = "resource \"azurerm_storage_account\" \"a\" {\n  name = \"a\"\n}\n";
        assert!(run_on_example(&super::RULE, absent).is_empty());
    }
}
