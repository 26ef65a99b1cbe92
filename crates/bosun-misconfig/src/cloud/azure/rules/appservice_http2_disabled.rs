use crate::cloud::azure::appservice;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AZR055",
        name: "appservice-http2-disabled",
        title: "App Service or Function App does not serve HTTP/2",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Azure),
        checklist: &["env.misconfig", "env.iac-terraform"],
        aliases: &["AVD-AZU-0005", "azure-appservice-enable-http2", "CKV_AZURE_18", "CKV_AZURE_67"],
        rationale: "HTTP/2 brings protocol fixes over HTTP/1.1, such as header compression that resists the \
                    old header attacks and multiplexing that removes request smuggling through connection \
                    reuse. It is off unless enabled.",
        remediation: "Set `site_config { http2_enabled = true }`.",
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

  site_config {
    http2_enabled = true
  }
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for app in appservice::apps(deployment) {
        let what = app.what();
        match app.http2 {
            Some(value) if appservice::is_off(value) => deployment.report(
                hits,
                app.resource,
                Some(value),
                format!("HTTP/2 is disabled on the {what}"),
            ),
            None => deployment.report(hits, app.resource, None, format!("the {what} does not enable HTTP/2")),
            _ => {}
        }
    }
}
