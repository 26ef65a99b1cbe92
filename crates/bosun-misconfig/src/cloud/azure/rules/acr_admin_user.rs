use crate::cloud::azure::acr;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AZR061",
        name: "acr-admin-user-enabled",
        title: "Container registry has its admin user enabled",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Azure),
        checklist: &["env.misconfig", "env.iac-terraform", "env.least-access"],
        aliases: &["CKV_AZURE_137"],
        rationale: "The admin user is a single shared username and password with push and pull rights on \
                    every repository. It cannot be scoped, is not tied to a person or workload and tends to \
                    end up in pipelines and scripts. Tokens, managed identities and RBAC give narrower, \
                    auditable access.",
        remediation:
            "Set `admin_enabled = false` (the default) and grant `AcrPull`/`AcrPush` roles to identities.",
        bad_example: r#"resource "azurerm_container_registry" "main" {
  name                = "acmeregistry"
  resource_group_name = "rg-build"
  location            = "westeurope"
  sku                 = "Premium"
  admin_enabled       = true
}
"#,
        good_example: r#"resource "azurerm_container_registry" "main" {
  name                = "acmeregistry"
  resource_group_name = "rg-build"
  location            = "westeurope"
  sku                 = "Premium"
  admin_enabled       = false
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for registry in acr::registries(deployment) {
        if let Some(admin) = registry.admin_enabled.filter(|admin| admin.is_true()) {
            deployment.report(hits, registry.resource, Some(admin), "the registry's admin user is enabled");
        }
    }
}
