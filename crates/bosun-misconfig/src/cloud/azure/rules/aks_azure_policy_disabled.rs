use crate::cloud::azure::aks;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AZR016",
        name: "aks-azure-policy-disabled",
        title: "AKS cluster does not run the Azure Policy add-on",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Azure),
        checklist: &["env.misconfig", "env.iac-terraform"],
        aliases: &["AVD-AZU-0066", "azure-container-enable-azure-policy-addon", "CKV_AZURE_116"],
        rationale: "The Azure Policy add-on runs Gatekeeper in the cluster and applies the organisation's \
                    policies (no privileged pods, allowed registries, required limits) at admission. Without \
                    it those guardrails are not enforced on this cluster.",
        remediation: "Set `azure_policy_enabled = true` (`addon_profile { azure_policy { enabled = true } }` on provider v2).",
        bad_example: r#"resource "azurerm_kubernetes_cluster" "main" {
  name                = "acme-aks"
  location            = "westeurope"
  resource_group_name = "rg-aks"
  dns_prefix          = "acme"

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}
"#,
        good_example: r#"resource "azurerm_kubernetes_cluster" "main" {
  name                = "acme-aks"
  location            = "westeurope"
  resource_group_name = "rg-aks"
  dns_prefix          = "acme"
  azure_policy_enabled = true

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for cluster in aks::clusters(deployment) {
        match cluster.azure_policy {
            Some(policy) if policy.is_false() => {
                deployment.report(hits, cluster.resource, Some(policy), "the Azure Policy add-on is disabled")
            }
            None => deployment.report(hits, cluster.resource, None, "the Azure Policy add-on is not enabled"),
            _ => {}
        }
    }
}
