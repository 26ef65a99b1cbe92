use crate::cloud::azure::compute;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AZR057",
        name: "vm-password-authentication",
        title: "Linux virtual machine allows SSH password logins",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Azure),
        checklist: &["env.misconfig", "env.iac-terraform", "env.least-access"],
        aliases: &["AVD-AZU-0039", "azure-compute-disable-password-authentication", "CKV_AZURE_1", "CKV_AZURE_49", "CKV_AZURE_149"],
        rationale: "Password logins over SSH can be guessed and brute-forced, and passwords are reused \
                    across machines. SSH keys cannot be guessed and are tied to whoever holds the private \
                    key.",
        remediation: "Set `disable_password_authentication = true` (the default on `azurerm_linux_virtual_machine`) and log in with `admin_ssh_key`.",
        bad_example: r#"resource "azurerm_linux_virtual_machine" "app" {
  name                  = "vm-app"
  resource_group_name   = "rg-app"
  location              = "westeurope"
  size                  = "Standard_D2s_v5"
  admin_username        = "azureuser"
  network_interface_ids = [azurerm_network_interface.app.id]
  disable_password_authentication = false
  admin_password                  = random_password.vm.result

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
  disable_password_authentication = true

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
    for machine in compute::machines(deployment).iter().filter(|m| m.linux) {
        if let Some(flag) = machine.disable_password_auth.filter(|flag| flag.is_false()) {
            let what = if machine.scale_set { "scale set instances accept" } else { "the machine accepts" };
            deployment.report(hits, machine.resource, Some(flag), format!("{what} SSH password logins"));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::registry::run_on_example;

    #[test]
    fn reads_the_legacy_machine() {
        let text = "resource \"azurerm_virtual_machine\" \"a\" {\n  os_profile_linux_config {\n    disable_password_authentication = false\n  }\n}\n";
        assert_eq!(run_on_example(&super::RULE, text).len(), 1);
    }
}
