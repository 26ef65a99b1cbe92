use crate::cloud::azure::{appservice, common};
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AZR050",
        name: "appservice-tls-below-1-2",
        title: "App Service or Function App accepts TLS versions older than 1.2",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Azure),
        checklist: &["env.misconfig", "env.iac-terraform"],
        aliases: &["AVD-AZU-0006", "azure-appservice-use-secure-tls-policy", "CKV_AZURE_15", "CKV_AZURE_145"],
        rationale: "TLS 1.0 and 1.1 are deprecated and vulnerable to downgrade attacks. Allowing them lets \
                    clients protect their sessions with weak cryptography.",
        remediation: "Set `site_config { minimum_tls_version = \"1.2\" }` (`min_tls_version` on `azurerm_app_service`).",
        bad_example: r#"resource "azurerm_linux_web_app" "shop" {
  name                = "acme-shop"
  location            = "westeurope"
  resource_group_name = "rg-web"
  service_plan_id     = azurerm_service_plan.web.id

  site_config {
    minimum_tls_version = "1.0"
  }
}
"#,
        good_example: r#"resource "azurerm_linux_web_app" "shop" {
  name                = "acme-shop"
  location            = "westeurope"
  resource_group_name = "rg-web"
  service_plan_id     = azurerm_service_plan.web.id

  site_config {
    minimum_tls_version = "1.2"
  }
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for app in appservice::apps(deployment) {
        if let Some(tls) = app.min_tls_version.filter(|tls| common::tls_below_1_2(tls)) {
            let message = format!("the {} accepts TLS {}", app.what(), tls.as_str().unwrap_or_default());
            deployment.report(hits, app.resource, Some(tls), message);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::registry::run_on_example;

    #[test]
    fn reads_the_legacy_attribute() {
        let text = "resource \"azurerm_app_service\" \"a\" {\n  site_config {\n    min_tls_version = \"1.1\"\n  }\n}\n";
        assert_eq!(run_on_example(&super::RULE, text).len(), 1);
    }
}
