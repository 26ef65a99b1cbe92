use crate::cloud::azure::appservice;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AZR049",
        name: "appservice-https-only-disabled",
        title: "App Service or Function App serves plain HTTP",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Azure),
        checklist: &["env.misconfig", "env.iac-terraform"],
        aliases: &[
            "AVD-AZU-0004",
            "AVD-AZU-0072",
            "azure-appservice-enforce-https",
            "CKV_AZURE_14",
            "CKV_AZURE_70",
        ],
        rationale: "Without HTTPS only, the app answers plain HTTP requests instead of redirecting them, so \
                    session cookies, tokens and form data can travel unencrypted and be intercepted or \
                    modified.",
        remediation: "Set `https_only = true` on the app.",
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
  https_only          = true

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
        match app.https_only {
            Some(value) if appservice::is_off(value) => {
                deployment.report(hits, app.resource, Some(value), format!("the {what} accepts plain HTTP"))
            }
            None => deployment.report(
                hits,
                app.resource,
                None,
                format!("the {what} accepts plain HTTP (`https_only` defaults to false)"),
            ),
            _ => {}
        }
    }
}
