use crate::cloud::azure::appservice;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AZR056",
        name: "appservice-remote-debugging-enabled",
        title: "App Service or Function App has remote debugging turned on",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Azure),
        checklist: &["env.misconfig", "env.iac-terraform"],
        aliases: &["CKV_AZURE_72", "CKV_AZURE_155"],
        rationale: "Remote debugging opens extra ports on the app's workers and lets a debugger attach to \
                    the running process and inspect or change its memory. It is meant for short \
                    troubleshooting sessions, not to be left on in code.",
        remediation: "Remove `remote_debugging_enabled = true` from `site_config` (it defaults to false).",
        bad_example: r#"resource "azurerm_linux_web_app" "shop" {
  name                = "acme-shop"
  location            = "westeurope"
  resource_group_name = "rg-web"
  service_plan_id     = azurerm_service_plan.web.id

  site_config {
    remote_debugging_enabled = true
  }
}
"#,
        good_example: r#"resource "azurerm_linux_web_app" "shop" {
  name                = "acme-shop"
  location            = "westeurope"
  resource_group_name = "rg-web"
  service_plan_id     = azurerm_service_plan.web.id

  site_config {
    remote_debugging_enabled = false
  }
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for app in appservice::apps(deployment) {
        if let Some(debugging) = app.remote_debugging.filter(|debugging| debugging.is_true()) {
            deployment.report(
                hits,
                app.resource,
                Some(debugging),
                format!("remote debugging of the {} is enabled", app.what()),
            );
        }
    }
}
