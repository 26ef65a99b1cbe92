use crate::cloud::azure::compute;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AZR059",
        name: "vm-encryption-at-host-disabled",
        title: "Virtual machine does not encrypt temp disks and caches at the host",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Azure),
        checklist: &["env.misconfig", "env.iac-terraform"],
        aliases: &["CKV_AZURE_151", "CKV_AZURE_97"],
        rationale: "Server-side encryption covers managed disks at rest but not the temporary disk or the \
                    disk caches on the host. Encryption at host encrypts those too, end to end from the VM \
                    to storage.",
        remediation: "Set `encryption_at_host_enabled = true` on the machine or scale set (the subscription feature must be registered).",
        bad_example: r#"resource "azurerm_linux_virtual_machine" "app" {
  name                  = "vm-app"
  resource_group_name   = "rg-app"
  location              = "westeurope"
  size                  = "Standard_D2s_v5"
  admin_username        = "azureuser"
  network_interface_ids = [azurerm_network_interface.app.id]

  admin_ssh_key {
    username   = "azureuser"
    public_key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleKeyOnly azureuser"
  }

  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Premium_LRS"
  }

  source_image_reference {
    publisher = "Canonical"
    offer     = "ubuntu-24_04-lts"
    sku       = "server"
    version   = "latest"
  }
}
"#,
        good_example: r#"resource "azurerm_linux_virtual_machine" "app" {
  name                  = "vm-app"
  resource_group_name   = "rg-app"
  location              = "westeurope"
  size                  = "Standard_D2s_v5"
  admin_username        = "azureuser"
  network_interface_ids = [azurerm_network_interface.app.id]
  encryption_at_host_enabled = true

  admin_ssh_key {
    username   = "azureuser"
    public_key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleKeyOnly azureuser"
  }

  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Premium_LRS"
  }

  source_image_reference {
    publisher = "Canonical"
    offer     = "ubuntu-24_04-lts"
    sku       = "server"
    version   = "latest"
  }
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for machine in compute::machines(deployment) {
        if !machine.resource.kind.starts_with("azurerm_linux_")
            && !machine.resource.kind.starts_with("azurerm_windows_")
        {
            continue;
        }
        match machine.encryption_at_host {
            Some(flag) if flag.is_false() => {
                deployment.report(hits, machine.resource, Some(flag), "encryption at host is disabled")
            }
            None => deployment.report(hits, machine.resource, None, "encryption at host is not enabled"),
            _ => {}
        }
    }
}
