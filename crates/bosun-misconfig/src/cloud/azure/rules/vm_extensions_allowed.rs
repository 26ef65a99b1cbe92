use crate::cloud::azure::compute;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AZR058",
        name: "vm-extension-operations-allowed",
        title: "Virtual machine allows extensions to be installed",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Azure),
        checklist: &["env.misconfig", "env.iac-terraform", "env.least-access"],
        aliases: &["CKV_AZURE_50"],
        rationale: "VM extensions run arbitrary scripts and agents as root or SYSTEM. Anyone with the right \
                    Azure role can push one to a machine that allows them, which is a common way to move \
                    from the control plane into a workload. Machines that do not need extensions should \
                    refuse them.",
        remediation: "Set `allow_extension_operations = false` (`extension_operations_enabled` on provider v4) when the machine needs no extensions.",
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
  allow_extension_operations = false

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
    for machine in compute::machines(deployment).iter().filter(|m| !m.scale_set) {
        if !machine.resource.kind.starts_with("azurerm_linux_")
            && !machine.resource.kind.starts_with("azurerm_windows_")
        {
            continue;
        }
        match machine.extension_operations {
            Some(flag) if flag.is_true() => {
                deployment.report(hits, machine.resource, Some(flag), "extension operations are allowed")
            }
            None => {
                deployment.report(hits, machine.resource, None, "extension operations are allowed by default")
            }
            _ => {}
        }
    }
}
