use crate::cloud::azure::{common, storage};
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AZR002",
        name: "storage-account-tls-below-1-2",
        title: "Storage account accepts TLS versions older than 1.2",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Azure),
        checklist: &["env.misconfig", "env.iac-terraform"],
        aliases: &["AVD-AZU-0011", "azure-storage-use-secure-tls-policy", "CKV_AZURE_44", "AVD-AZU-0059"],
        rationale:
            "TLS 1.0 and 1.1 have known weaknesses and are retired by most clients. Allowing them lets \
                    a downgraded connection protect keys and data with broken cryptography.",
        remediation:
            "Set `min_tls_version = \"TLS1_2\"` (the default since provider v3) on the storage account.",
        bad_example: r#"resource "azurerm_storage_account" "logs" {
  name                     = "acmelogs"
  resource_group_name      = "rg-logs"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "GRS"
  min_tls_version          = "TLS1_0"
}
"#,
        good_example: r#"resource "azurerm_storage_account" "logs" {
  name                     = "acmelogs"
  resource_group_name      = "rg-logs"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "GRS"
  min_tls_version          = "TLS1_2"
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for account in storage::accounts(deployment) {
        if let Some(tls) = account.min_tls_version.filter(|tls| common::tls_below_1_2(tls)) {
            let version = tls.as_str().unwrap_or_default();
            deployment.report(hits, account.resource, Some(tls), format!("minimum TLS version is {version}"));
        }
    }
}
