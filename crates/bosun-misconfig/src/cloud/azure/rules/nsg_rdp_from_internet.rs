use crate::cloud::azure::network;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AZR021",
        name: "nsg-rdp-open-to-internet",
        title: "Network security rule allows RDP from the internet",
        severity: Severity::Critical,
        domain: Domain::Cloud(Provider::Azure),
        checklist: &["env.misconfig", "env.iac-terraform", "env.least-access", "run.network-segregation"],
        aliases: &["AVD-AZU-0048", "azure-network-disable-rdp-from-internet", "CKV_AZURE_9"],
        rationale: "Remote Desktop exposed to any address is one of the most common ways into Windows \
                    machines: it is brute-forced constantly and has had wormable vulnerabilities. It should \
                    only be reachable through Azure Bastion, a VPN or a few known addresses.",
        remediation: "Restrict `source_address_prefix(es)` of the rule to known administration networks, or use Azure Bastion or just-in-time access instead of an open port 3389.",
        bad_example: r#"resource "azurerm_network_security_rule" "admin" {
  name                        = "admin"
  priority                    = 100
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "3389"
  source_address_prefix       = "Internet"
  destination_address_prefix  = "*"
  resource_group_name         = "rg-web"
  network_security_group_name = "nsg-web"
}
"#,
        good_example: r#"resource "azurerm_network_security_rule" "admin" {
  name                        = "admin"
  priority                    = 100
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "3389"
  source_address_prefix       = "10.20.0.0/16"
  destination_address_prefix  = "*"
  resource_group_name         = "rg-web"
  network_security_group_name = "nsg-web"
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for rule in network::security_rules(deployment) {
        if !rule.allows_inbound() || !(rule.carries("Tcp") || rule.carries("Udp")) || !rule.opens_port(3389) {
            continue;
        }
        if let Some(source) = rule.any_source() {
            let from = source.as_str().unwrap_or_default();
            let message = format!("rule `{}` allows RDP (port 3389) from `{from}`", rule.name());
            deployment.report(hits, rule.resource, Some(source), message);
        }
    }
}
