use crate::cloud::azure::appservice;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AZR053",
        name: "appservice-managed-identity-missing",
        title: "App Service or Function App has no managed identity",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Azure),
        checklist: &["env.misconfig", "env.iac-terraform", "env.least-access"],
        aliases: &["AVD-AZU-0002", "azure-appservice-account-identity-registered", "CKV_AZURE_16", "CKV_AZURE_71"],
        rationale: "Without a managed identity, an app that calls Key Vault, Storage or databases must hold \
                    credentials in its settings, where they leak and are rarely rotated. A managed identity \
                    gets short-lived tokens from Microsoft Entra ID instead.",
        remediation: "Add an `identity { type = \"SystemAssigned\" }` block (or a user-assigned identity) and grant it the roles the app needs.",
        bad_example: r#"resource "azurerm_linux_function_app" "jobs" {
  name                       = "acme-jobs"
  location                   = "westeurope"
  resource_group_name        = "rg-jobs"
  service_plan_id            = azurerm_service_plan.jobs.id
  storage_account_name       = "acmejobs"
  storage_account_access_key = azurerm_storage_account.jobs.primary_access_key

  site_config {
  }
}
"#,
        good_example: r#"resource "azurerm_linux_function_app" "jobs" {
  name                       = "acme-jobs"
  location                   = "westeurope"
  resource_group_name        = "rg-jobs"
  service_plan_id            = azurerm_service_plan.jobs.id
  storage_account_name       = "acmejobs"
  storage_account_access_key = azurerm_storage_account.jobs.primary_access_key

  identity {
    type = "SystemAssigned"
  }

  site_config {
  }
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for app in appservice::apps(deployment) {
        if app.identity.is_none() {
            deployment.report(
                hits,
                app.resource,
                None,
                format!("the {} has no managed identity", app.what()),
            );
        }
    }
}
