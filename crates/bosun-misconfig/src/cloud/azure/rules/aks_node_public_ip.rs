use crate::cloud::azure::aks;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AZR018",
        name: "aks-node-public-ip",
        title: "AKS node pool gives its nodes public IP addresses",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Azure),
        checklist: &["env.misconfig", "env.iac-terraform", "run.network-segregation"],
        aliases: &["CKV_AZURE_143"],
        rationale: "Nodes with their own public addresses can be reached directly from the internet, \
                    bypassing load balancers and firewalls in front of the cluster, and widen the attack \
                    surface of the kubelet and SSH.",
        remediation: "Remove `node_public_ip_enabled = true` (`enable_node_public_ip` before provider v4) from the node pool; expose workloads through a load balancer or ingress.",
        bad_example: r#"resource "azurerm_kubernetes_cluster" "main" {
  name                = "acme-aks"
  location            = "westeurope"
  resource_group_name = "rg-aks"
  dns_prefix          = "acme"

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
    node_public_ip_enabled = true
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

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
    node_public_ip_enabled = false
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
    for pool in aks::node_pools(deployment) {
        if let Some(public) = pool.public_ip.filter(|public| public.is_true()) {
            let name = pool.name.unwrap_or("node pool");
            deployment.report(
                hits,
                pool.resource,
                Some(public),
                format!("nodes of `{name}` get public IP addresses"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::registry::run_on_example;

    #[test]
    fn reads_separate_node_pools() {
        let text = "resource \"azurerm_kubernetes_cluster_node_pool\" \"a\" {\n  name = \"user\"\n  enable_node_public_ip = true\n}\n";
        assert_eq!(run_on_example(&super::RULE, text).len(), 1);
    }
}
