use crate::cloud::azure::storage;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AZR005",
        name: "storage-account-public-network-access",
        title: "Storage account is reachable from public networks without a firewall",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Azure),
        checklist: &["env.misconfig", "env.iac-terraform", "env.least-access"],
        aliases: &["CKV_AZURE_59"],
        rationale: "An account whose public endpoint is on and not restricted by network rules accepts requests \
                    from any address. Its data is then guarded only by keys and tokens, which leak; private \
                    endpoints or a deny-by-default firewall keep a stolen credential from being enough.",
        remediation: "Set `public_network_access_enabled = false` and use private endpoints, or add `network_rules` with `default_action = \"Deny\"`.",
        bad_example: r#"resource "azurerm_storage_account" "data" {
  name                     = "acmedata"
  resource_group_name      = "rg-data"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "GRS"
}
"#,
        good_example: r#"resource "azurerm_storage_account" "data" {
  name                          = "acmedata"
  resource_group_name           = "rg-data"
  location                      = "westeurope"
  account_tier                  = "Standard"
  account_replication_type      = "GRS"
  public_network_access_enabled = false
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for account in storage::accounts(deployment) {
        // A public endpoint behind a default-deny firewall (or one we cannot read) is left alone.
        if let Some(rules) = account.network_rules {
            match rules.get("default_action").and_then(|action| action.as_str()) {
                Some(action) if action.eq_ignore_ascii_case("Allow") => {}
                _ => continue,
            }
        }
        match account.public_network_access {
            Some(public) if public.is_true() => deployment.report(
                hits,
                account.resource,
                Some(public),
                "public network access is enabled and no network rule denies by default",
            ),
            None => deployment.report(
                hits,
                account.resource,
                None,
                "public network access is on by default and no network rule denies by default",
            ),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::registry::run_on_example;

    #[test]
    fn a_default_deny_firewall_is_enough() {
        let text = "resource \"azurerm_storage_account\" \"a\" {\n  network_rules {\n    default_action = \"Deny\"\n  }\n}\n";
        assert!(run_on_example(&super::RULE, text).is_empty());
    }
}
