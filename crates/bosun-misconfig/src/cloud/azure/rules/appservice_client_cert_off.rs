use crate::cloud::azure::appservice;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AZR052",
        name: "appservice-client-certificates-off",
        title: "Web app does not require client certificates",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Azure),
        checklist: &["env.misconfig", "env.iac-terraform", "env.least-access"],
        aliases: &["AVD-AZU-0001", "azure-appservice-require-client-cert", "CKV_AZURE_17"],
        rationale: "Requiring client certificates (mutual TLS) means only callers holding a trusted \
                    certificate can reach the app at all. For internal and service-to-service apps it stops \
                    unauthenticated traffic before the application code runs.",
        remediation: "Set `client_certificate_enabled = true` (`client_cert_enabled` on `azurerm_app_service`) with `client_certificate_mode = \"Required\"`.",
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
  client_certificate_enabled = true
  client_certificate_mode    = "Required"

  site_config {
  }
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for app in appservice::apps(deployment).iter().filter(|app| !app.function) {
        let what = app.what();
        match app.client_cert {
            Some(value) if appservice::is_off(value) => deployment.report(
                hits,
                app.resource,
                Some(value),
                format!("the {what} does not ask for client certificates"),
            ),
            None => deployment.report(
                hits,
                app.resource,
                None,
                format!("the {what} does not ask for client certificates"),
            ),
            _ => {}
        }
    }
}
