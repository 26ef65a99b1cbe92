use crate::cloud::azure::aks;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AZR019",
        name: "aks-disk-encryption-set-missing",
        title: "AKS cluster disks are not encrypted with a customer-managed key",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Azure),
        checklist: &["env.misconfig", "env.iac-terraform"],
        aliases: &["AVD-AZU-0067", "azure-container-enable-disk-encryption", "CKV_AZURE_117"],
        rationale: "Node OS and data disks are encrypted with platform keys by default. A disk encryption \
                    set puts the key in your Key Vault, so you control its rotation and can revoke access to \
                    the data.",
        remediation: "Set `disk_encryption_set_id` on the cluster to an `azurerm_disk_encryption_set` backed by a Key Vault key.",
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
  disk_encryption_set_id = azurerm_disk_encryption_set.aks.id

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
        if cluster.disk_encryption_set.is_none() {
            deployment.report(
                hits,
                cluster.resource,
                None,
                "no disk encryption set: node disks use platform-managed keys",
            );
        }
    }
}
