use crate::cloud::azure::appservice;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AZR051",
        name: "appservice-ftp-allowed",
        title: "App Service or Function App allows unencrypted FTP deployments",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Azure),
        checklist: &["env.misconfig", "env.iac-terraform"],
        aliases: &["AVD-AZU-0071", "CKV_AZURE_78"],
        rationale: "With FTP state `AllAllowed`, deployment credentials and the site's files can be sent \
                    over plain FTP, readable by anyone on the path. Deployments should use FTPS or, better, \
                    no FTP at all.",
        remediation: "Set `site_config { ftps_state = \"Disabled\" }` (or `\"FtpsOnly\"`).",
        bad_example: r#"resource "azurerm_linux_web_app" "shop" {
  name                = "acme-shop"
  location            = "westeurope"
  resource_group_name = "rg-web"
  service_plan_id     = azurerm_service_plan.web.id

  site_config {
    ftps_state = "AllAllowed"
  }
}
"#,
        good_example: r#"resource "azurerm_linux_web_app" "shop" {
  name                = "acme-shop"
  location            = "westeurope"
  resource_group_name = "rg-web"
  service_plan_id     = azurerm_service_plan.web.id

  site_config {
    ftps_state = "Disabled"
  }
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for app in appservice::apps(deployment) {
        match app.ftps_state {
            Some(state) if state.as_str().is_some_and(|s| s.eq_ignore_ascii_case("AllAllowed")) => deployment
                .report(hits, app.resource, Some(state), format!("the {} allows plain FTP", app.what())),
            // The provider v2/v3 resources leave Azure's default, which allows plain FTP.
            None if app.legacy => deployment.report(
                hits,
                app.resource,
                None,
                format!("the {} sets no `ftps_state`, so plain FTP is allowed", app.what()),
            ),
            _ => {}
        }
    }
}
