use crate::cloud::azure::keyvault;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AZR028",
        name: "keyvault-network-acl-allow",
        title: "Key vault accepts connections from any network",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Azure),
        checklist: &["env.misconfig", "env.iac-terraform", "env.least-access"],
        aliases: &["AVD-AZU-0013", "azure-keyvault-specify-network-acl", "CKV_AZURE_109"],
        rationale: "A vault without a deny-by-default network ACL answers requests from the whole internet, \
                    so a leaked token or misconfigured access policy is exploitable from anywhere. \
                    Restricting it to known networks or private endpoints adds a second barrier in front of \
                    the keys.",
        remediation: "Add `network_acls { default_action = \"Deny\", bypass = \"AzureServices\" }` with the allowed `ip_rules`/subnets, or set `public_network_access_enabled = false`.",
        bad_example: r#"resource "azurerm_key_vault" "main" {
  name                = "acme-kv"
  location            = "westeurope"
  resource_group_name = "rg-security"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"

  network_acls {
    default_action = "Allow"
    bypass         = "AzureServices"
    ip_rules       = ["203.0.113.0/24"]
  }
}
"#,
        good_example: r#"resource "azurerm_key_vault" "main" {
  name                = "acme-kv"
  location            = "westeurope"
  resource_group_name = "rg-security"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"

  network_acls {
    default_action = "Deny"
    bypass         = "AzureServices"
    ip_rules       = ["203.0.113.0/24"]
  }
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for vault in keyvault::vaults(deployment) {
        match vault.network_acls {
            Some(acls) => {
                let action = acls.get("default_action");
                if let Some(action) =
                    action.filter(|a| a.as_str().is_some_and(|a| a.eq_ignore_ascii_case("Allow")))
                {
                    deployment.report(
                        hits,
                        vault.resource,
                        Some(action),
                        "the network ACL allows every network by default",
                    );
                }
            }
            None => {
                if vault.public_network_access.is_none_or(|public| public.is_true()) {
                    deployment.report(
                        hits,
                        vault.resource,
                        None,
                        "no network ACL: the vault is reachable from any network",
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
    fn no_public_access_needs_no_acl() {
        let text = "resource \"azurerm_key_vault\" \"a\" {\n  public_network_access_enabled = false\n}\n";
        assert!(run_on_example(&super::RULE, text).is_empty());
    }
}
