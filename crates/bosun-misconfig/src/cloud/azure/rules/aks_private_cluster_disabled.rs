use crate::cloud::azure::aks;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AZR014",
        name: "aks-private-cluster-disabled",
        title: "AKS API server has a public endpoint",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Azure),
        checklist: &["env.misconfig", "env.iac-terraform", "run.network-segregation"],
        aliases: &["AVD-AZU-0065", "CKV_AZURE_115"],
        rationale: "A private cluster exposes its API server only on a private endpoint inside the virtual \
                    network. With a public endpoint, even one limited to authorized ranges, the control \
                    plane stays an internet-facing target.",
        remediation: "Set `private_cluster_enabled = true` and administer the cluster from the virtual network (this recreates the cluster).",
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
  private_cluster_enabled = true

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
        match cluster.private_cluster {
            Some(private) if private.is_false() => {
                deployment.report(hits, cluster.resource, Some(private), "the API server endpoint is public")
            }
            None => deployment.report(
                hits,
                cluster.resource,
                None,
                "the API server endpoint is public (not a private cluster)",
            ),
            _ => {}
        }
    }
}
