use crate::cloud::azure::compute;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AZR060",
        name: "managed-disk-encryption-disabled",
        title: "Managed disk turns Azure Disk Encryption off",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Azure),
        checklist: &["env.misconfig", "env.iac-terraform"],
        aliases: &["AVD-AZU-0038", "azure-compute-enable-disk-encryption", "CKV_AZURE_2"],
        rationale: "A disk whose encryption settings are explicitly disabled leaves its data readable to \
                    anyone who obtains a copy or snapshot of the disk outside the VM.",
        remediation: "Remove `enabled = false` from the disk's `encryption_settings` block, or configure disk encryption with a key in Key Vault.",
        bad_example: r#"resource "azurerm_managed_disk" "data" {
  name                 = "disk-data"
  location             = "westeurope"
  resource_group_name  = "rg-app"
  storage_account_type = "Premium_LRS"
  create_option        = "Empty"
  disk_size_gb         = 128

  encryption_settings {
    enabled = false
  }
}
"#,
        good_example: r#"resource "azurerm_managed_disk" "data" {
  name                   = "disk-data"
  location               = "westeurope"
  resource_group_name    = "rg-app"
  storage_account_type   = "Premium_LRS"
  create_option          = "Empty"
  disk_size_gb           = 128
  disk_encryption_set_id = azurerm_disk_encryption_set.main.id
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for disk in compute::disks(deployment) {
        if let Some(flag) = disk.encryption_enabled.filter(|flag| flag.is_false()) {
            deployment.report(hits, disk.resource, Some(flag), "disk encryption is explicitly disabled");
        }
    }
}
