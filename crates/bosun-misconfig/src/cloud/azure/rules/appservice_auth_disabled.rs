use crate::cloud::azure::appservice;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AZR054",
        name: "appservice-authentication-disabled",
        title: "App Service or Function App has built-in authentication turned off",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Azure),
        checklist: &["env.misconfig", "env.iac-terraform", "env.least-access"],
        aliases: &["AVD-AZU-0003", "azure-appservice-authentication-enabled", "CKV_AZURE_13", "CKV_AZURE_56"],
        rationale: "App Service authentication (Easy Auth) rejects unauthenticated requests before they \
                    reach the code. Without it, every route relies on the application implementing \
                    authentication correctly itself.",
        remediation: "Add `auth_settings_v2 { auth_enabled = true ... }` with an identity provider (`auth_settings { enabled = true }` on `azurerm_app_service`).",
        bad_example: r#"resource "azurerm_linux_web_app" "shop" {
  name                = "acme-shop"
  location            = "westeurope"
  resource_group_name = "rg-web"
  service_plan_id     = azurerm_service_plan.web.id

  site_config {
  }
}
"#,
        good_example: r#"resource "azurerm_linux_web_app" "shop" {
  name                = "acme-shop"
  location            = "westeurope"
  resource_group_name = "rg-web"
  service_plan_id     = azurerm_service_plan.web.id

  auth_settings_v2 {
    auth_enabled = true

    login {}

    active_directory_v2 {
      client_id            = "22222222-2222-2222-2222-222222222222"
      tenant_auth_endpoint = "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0"
    }
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
        let what = app.what();
        match app.auth {
            Some(value) if appservice::is_off(value) => deployment.report(
                hits,
                app.resource,
                Some(value),
                format!("built-in authentication of the {what} is turned off"),
            ),
            None => deployment.report(
                hits,
                app.resource,
                None,
                format!("the {what} does not enable built-in authentication"),
            ),
            _ => {}
        }
    }
}
