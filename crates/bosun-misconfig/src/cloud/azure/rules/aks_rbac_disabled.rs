use crate::cloud::azure::aks;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AZR011",
        name: "aks-rbac-disabled",
        title: "AKS cluster has Kubernetes RBAC turned off",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Azure),
        checklist: &["env.misconfig", "env.iac-terraform", "env.least-access"],
        aliases: &["AVD-AZU-0042", "azure-container-use-rbac-permissions", "CKV_AZURE_5"],
        rationale: "Without role-based access control every authenticated user and service account can do \
                    anything in the cluster: read every secret, run privileged pods, change workloads. RBAC \
                    is what lets permissions be granted per namespace and per role.",
        remediation: "Remove `role_based_access_control_enabled = false` (or `role_based_access_control { enabled = false }` on provider v2); RBAC is on by default.",
        bad_example: r#"resource "azurerm_kubernetes_cluster" "main" {
  name                = "acme-aks"
  location            = "westeurope"
  resource_group_name = "rg-aks"
  dns_prefix          = "acme"
  role_based_access_control_enabled = false

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
  role_based_access_control_enabled = true

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
        if let Some(rbac) = cluster.rbac.filter(|rbac| rbac.is_false()) {
            deployment.report(hits, cluster.resource, Some(rbac), "Kubernetes RBAC is disabled");
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::registry::run_on_example;

    #[test]
    fn reads_the_provider_v2_block() {
        let text = "resource \"azurerm_kubernetes_cluster\" \"a\" {\n  role_based_access_control {\n    enabled = false\n  }\n}\n";
        assert_eq!(run_on_example(&super::RULE, text).len(), 1);
    }
}
