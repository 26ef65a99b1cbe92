use crate::cloud::azure::acr;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AZR062",
        name: "acr-public-network-access",
        title: "Premium container registry accepts connections from public networks",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Azure),
        checklist: &["env.misconfig", "env.iac-terraform", "env.least-access", "run.network-segregation"],
        aliases: &["CKV_AZURE_139"],
        rationale: "A registry reachable from the internet lets anyone holding a token push or pull images \
                    from anywhere. Premium registries can be limited to private endpoints and selected \
                    networks so that leaked credentials are not enough on their own.",
        remediation: "Set `public_network_access_enabled = false` and use private endpoints, or add `network_rule_set { default_action = \"Deny\" }`.",
        bad_example: r#"resource "azurerm_container_registry" "main" {
  name                = "acmeregistry"
  resource_group_name = "rg-build"
  location            = "westeurope"
  sku                 = "Premium"
}
"#,
        good_example: r#"resource "azurerm_container_registry" "main" {
  name                = "acmeregistry"
  resource_group_name = "rg-build"
  location            = "westeurope"
  sku                 = "Premium"
  public_network_access_enabled = false
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for registry in acr::registries(deployment) {
        // Only the Premium tier can close its public endpoint.
        let premium =
            registry.sku.and_then(|sku| sku.as_str()).is_some_and(|sku| sku.eq_ignore_ascii_case("Premium"));
        if !premium || registry.resource.blocks("network_rule_set").next().is_some() {
            continue;
        }
        match registry.public_network_access {
            Some(public) if public.is_true() => {
                deployment.report(hits, registry.resource, Some(public), "public network access is enabled")
            }
            None => deployment.report(
                hits,
                registry.resource,
                None,
                "public network access is enabled by default",
            ),
            _ => {}
        }
    }
}
