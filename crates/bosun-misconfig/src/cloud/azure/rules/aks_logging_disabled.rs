use crate::cloud::azure::aks;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AZR017",
        name: "aks-logging-disabled",
        title: "AKS cluster does not send logs to Log Analytics",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Azure),
        checklist: &["env.misconfig", "env.iac-terraform", "env.audit-logging"],
        aliases: &["AVD-AZU-0040", "azure-container-logging", "CKV_AZURE_4"],
        rationale: "Container insights (the OMS agent) ships node, pod and container logs and metrics to a \
                    Log Analytics workspace. Without it, evidence of an intrusion or misbehaving workload \
                    disappears with the pod.",
        remediation: "Add an `oms_agent { log_analytics_workspace_id = ... }` block (`addon_profile { oms_agent { enabled = true } }` on provider v2).",
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

  oms_agent {
    log_analytics_workspace_id = azurerm_log_analytics_workspace.main.id
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
        match cluster.oms_agent {
            None => deployment.report(
                hits,
                cluster.resource,
                None,
                "no monitoring agent sends logs to Log Analytics",
            ),
            Some(agent) => {
                if let Some(enabled) = agent.get("enabled").filter(|enabled| enabled.is_false()) {
                    deployment.report(
                        hits,
                        cluster.resource,
                        Some(enabled),
                        "the monitoring agent add-on is disabled",
                    );
                }
            }
        }
    }
}
