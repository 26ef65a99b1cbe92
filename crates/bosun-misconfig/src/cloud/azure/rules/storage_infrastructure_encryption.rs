use crate::cloud::azure::storage;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AZR007",
        name: "storage-account-infrastructure-encryption-off",
        title: "Storage account does not use infrastructure (double) encryption",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Azure),
        checklist: &["env.misconfig", "env.iac-terraform"],
        aliases: &["AVD-AZU-0061", "azure-storage-infrastructure-encryption-enabled"],
        rationale: "Infrastructure encryption adds a second layer of encryption at rest, with a different \
                    algorithm and key, so that a flaw in one layer does not expose the data. It can only be \
                    chosen when the account is created.",
        remediation:
            "Set `infrastructure_encryption_enabled = true` on the storage account (this recreates it).",
        bad_example: r#"resource "azurerm_storage_account" "records" {
  name                     = "acmerecords"
  resource_group_name      = "rg-records"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "GRS"
}
"#,
        good_example: r#"resource "azurerm_storage_account" "records" {
  name                              = "acmerecords"
  resource_group_name               = "rg-records"
  location                          = "westeurope"
  account_tier                      = "Standard"
  account_replication_type          = "GRS"
  infrastructure_encryption_enabled = true
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for account in storage::accounts(deployment) {
        match account.infrastructure_encryption {
            Some(flag) if flag.is_false() => deployment.report(
                hits,
                account.resource,
                Some(flag),
                "infrastructure encryption is turned off",
            ),
            None => {
                deployment.report(hits, account.resource, None, "infrastructure encryption is not enabled")
            }
            _ => {}
        }
    }
}
