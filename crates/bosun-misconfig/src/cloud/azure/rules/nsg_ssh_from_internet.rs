use crate::cloud::azure::network;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AZR020",
        name: "nsg-ssh-open-to-internet",
        title: "Network security rule allows SSH from the internet",
        severity: Severity::Critical,
        domain: Domain::Cloud(Provider::Azure),
        checklist: &["env.misconfig", "env.iac-terraform", "env.least-access", "run.network-segregation"],
        aliases: &["AVD-AZU-0050", "azure-network-ssh-blocked-from-internet", "CKV_AZURE_10"],
        rationale: "SSH open to any address is scanned and brute-forced within minutes of being exposed, and \
                    any weak password, leaked key or sshd flaw becomes a way in. Administrative access \
                    belongs behind Azure Bastion, a VPN or a short list of addresses.",
        remediation: "Restrict `source_address_prefix(es)` of the rule to known administration networks, or use Azure Bastion or just-in-time access instead of an open port 22.",
        bad_example: r#"resource "azurerm_network_security_group" "web" {
  name                = "nsg-web"
  location            = "westeurope"
  resource_group_name = "rg-web"

  security_rule {
    name                       = "admin"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "22"
    source_address_prefix      = "*"
    destination_address_prefix = "*"
  }
}
"#,
        good_example: r#"resource "azurerm_network_security_group" "web" {
  name                = "nsg-web"
  location            = "westeurope"
  resource_group_name = "rg-web"

  security_rule {
    name                       = "admin"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "22"
    source_address_prefix      = "10.20.0.0/16"
    destination_address_prefix = "*"
  }
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for rule in network::security_rules(deployment) {
        if !rule.allows_inbound() || !rule.carries("Tcp") || !rule.opens_port(22) {
            continue;
        }
        if let Some(source) = rule.any_source() {
            let from = source.as_str().unwrap_or_default();
            let message = format!("rule `{}` allows SSH (port 22) from `{from}`", rule.name());
            deployment.report(hits, rule.resource, Some(source), message);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::registry::run_on_example;

    #[test]
    fn separate_rules_lists_and_ranges_count() {
        let text = r#"resource "azurerm_network_security_rule" "a" {
  direction               = "Inbound"
  access                  = "Allow"
  protocol                = "*"
  destination_port_ranges = ["443", "20-30"]
  source_address_prefixes = ["10.0.0.0/8", "0.0.0.0/0"]
}
"#;
        assert_eq!(run_on_example(&super::RULE, text).len(), 1);
        let outbound = text.replace("Inbound", "Outbound");
        assert!(run_on_example(&super::RULE, &outbound).is_empty());
        let denied = text.replace("\"Allow\"", "\"Deny\"");
        assert!(run_on_example(&super::RULE, &denied).is_empty());
    }
}
