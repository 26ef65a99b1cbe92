use crate::cloud::azure::aks;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AZR015",
        name: "aks-local-accounts-enabled",
        title: "AKS cluster keeps its local admin account",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Azure),
        checklist: &["env.misconfig", "env.iac-terraform", "env.least-access"],
        aliases: &["CKV_AZURE_141"],
        rationale: "The local cluster-admin account hands out a static credential that bypasses Microsoft \
                    Entra ID: it is not tied to a person, cannot be governed by conditional access and stays \
                    valid until the certificate is rotated. Disabling it leaves only audited, identity-based \
                    access.",
        remediation: "Set `local_account_disabled = true` and use Microsoft Entra ID integration (`azure_active_directory_role_based_access_control`).",
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
  local_account_disabled = true

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
        match cluster.local_account_disabled {
            Some(disabled) if disabled.is_false() => {
                deployment.report(hits, cluster.resource, Some(disabled), "local accounts are enabled")
            }
            None => deployment.report(hits, cluster.resource, None, "local accounts are enabled by default"),
            _ => {}
        }
    }
}
