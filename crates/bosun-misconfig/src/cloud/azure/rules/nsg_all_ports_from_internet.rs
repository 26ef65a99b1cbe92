use crate::cloud::azure::network;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AZR022",
        name: "nsg-all-ports-open-to-internet",
        title: "Network security rule allows every port from the internet",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Azure),
        checklist: &["env.misconfig", "env.iac-terraform", "env.least-access", "run.network-segregation"],
        aliases: &[],
        rationale: "A rule that admits any address on every port exposes every service the machines run, \
                    including the ones nobody meant to publish: management agents, databases, debug ports. \
                    Inbound rules from the internet should name the few ports that serve the public.",
        remediation: "Replace `destination_port_range = \"*\"` with the ports that must be public, or restrict the rule's sources.",
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
    destination_port_range     = "*"
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
    destination_port_range     = "443"
    source_address_prefix      = "*"
    destination_address_prefix = "*"
  }
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for rule in network::security_rules(deployment) {
        if !rule.allows_inbound() || !rule.opens_all_ports() {
            continue;
        }
        if let Some(source) = rule.any_source() {
            let from = source.as_str().unwrap_or_default();
            let message = format!("rule `{}` allows every port from `{from}`", rule.name());
            deployment.report(hits, rule.resource, Some(source), message);
        }
    }
}
