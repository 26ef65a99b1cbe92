use crate::cloud::azure::acr;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AZR063",
        name: "acr-anonymous-pull-enabled",
        title: "Container registry lets anyone pull images without credentials",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Azure),
        checklist: &["env.misconfig", "env.iac-terraform", "env.least-access"],
        aliases: &["CKV_AZURE_138"],
        rationale: "With anonymous pull, every image in the registry can be downloaded by anyone, including \
                    images that carry internal code, configuration or embedded secrets.",
        remediation:
            "Set `anonymous_pull_enabled = false` (the default) unless the registry only holds public images.",
        bad_example: r#"resource "azurerm_container_registry" "main" {
  name                = "acmeregistry"
  resource_group_name = "rg-build"
  location            = "westeurope"
  sku                 = "Standard"
  anonymous_pull_enabled = true
}
"#,
        good_example: r#"resource "azurerm_container_registry" "main" {
  name                = "acmeregistry"
  resource_group_name = "rg-build"
  location            = "westeurope"
  sku                 = "Standard"
  anonymous_pull_enabled = false
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for registry in acr::registries(deployment) {
        if let Some(anonymous) = registry.anonymous_pull.filter(|anonymous| anonymous.is_true()) {
            deployment.report(hits, registry.resource, Some(anonymous), "anonymous pull is enabled");
        }
    }
}
