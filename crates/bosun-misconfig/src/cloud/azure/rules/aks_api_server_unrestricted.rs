use crate::cloud::azure::aks;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AZR013",
        name: "aks-api-server-unrestricted",
        title: "AKS API server is public and open to every address",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Azure),
        checklist: &["env.misconfig", "env.iac-terraform", "env.least-access", "run.network-segregation"],
        aliases: &["AVD-AZU-0041", "azure-container-limit-authorized-ips", "CKV_AZURE_6"],
        rationale: "A public API server with no authorized IP ranges can be reached from the whole internet, \
                    which exposes it to credential stuffing, token replay and any future API server \
                    vulnerability. Limiting it to known ranges, or making the cluster private, takes it off \
                    the internet.",
        remediation: "Set `api_server_access_profile { authorized_ip_ranges = [...] }` to the networks that administer the cluster, or `private_cluster_enabled = true`.",
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

  api_server_access_profile {
    authorized_ip_ranges = ["203.0.113.0/24"]
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
        match cluster.private_cluster {
            Some(private) if !private.is_false() => continue,
            _ => {}
        }
        match cluster.authorized_ip_ranges {
            None => deployment.report(
                hits,
                cluster.resource,
                None,
                "the public API server has no authorized IP ranges",
            ),
            Some(ranges) if ranges.items().is_empty() => deployment.report(
                hits,
                cluster.resource,
                Some(ranges),
                "the authorized IP range list is empty",
            ),
            Some(ranges) => {
                if let Some(open) = ranges.items().iter().find(|range| range.as_str() == Some("0.0.0.0/0")) {
                    deployment.report(
                        hits,
                        cluster.resource,
                        Some(open),
                        "the authorized IP ranges include 0.0.0.0/0",
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::registry::run_on_example;

    #[test]
    fn a_private_cluster_or_the_legacy_attribute_is_enough() {
        let private =
            "resource \"azurerm_kubernetes_cluster\" \"a\" {\n  private_cluster_enabled = true\n}\n";
        assert!(run_on_example(&super::RULE, private).is_empty());
        let legacy = "resource \"azurerm_kubernetes_cluster\" \"a\" {\n  api_server_authorized_ip_ranges = [\"10.0.0.0/8\"]\n}\n";
        assert!(run_on_example(&super::RULE, legacy).is_empty());
        let open = "resource \"azurerm_kubernetes_cluster\" \"a\" {\n  api_server_authorized_ip_ranges = [\"0.0.0.0/0\"]\n}\n";
        assert_eq!(run_on_example(&super::RULE, open).len(), 1);
    }
}
