use crate::cloud::azure::aks;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AZR012",
        name: "aks-network-policy-missing",
        title: "AKS cluster has no network policy engine",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Azure),
        checklist: &["env.misconfig", "env.iac-terraform", "run.network-segregation"],
        aliases: &["AVD-AZU-0043", "azure-container-configured-network-policy", "CKV_AZURE_7"],
        rationale: "Without a network policy engine, Kubernetes NetworkPolicy objects are accepted but not \
                    enforced: every pod can reach every other pod, so one compromised workload can talk to \
                    databases and internal services across namespaces. The engine can only be chosen when \
                    the cluster is created.",
        remediation:
            "Set `network_policy` (`azure`, `calico` or `cilium`) in the cluster's `network_profile` block.",
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

  network_profile {
    network_plugin = "azure"
    network_policy = "calico"
  }

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
        match cluster.network_profile {
            None => deployment.report(
                hits,
                cluster.resource,
                None,
                "no network profile, so no network policy engine is installed",
            ),
            Some(profile) if cluster.network_policy().is_none() => deployment.report(
                hits,
                cluster.resource,
                Some(profile),
                "the network profile names no network policy engine",
            ),
            Some(_) => {}
        }
    }
}
