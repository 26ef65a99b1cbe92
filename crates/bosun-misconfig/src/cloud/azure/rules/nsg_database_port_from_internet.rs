use crate::cloud::azure::network;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AZR023",
        name: "nsg-database-port-open-to-internet",
        title: "Network security rule exposes a database port to the internet",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Azure),
        checklist: &["env.misconfig", "env.iac-terraform", "env.least-access", "run.network-segregation"],
        aliases: &[],
        rationale: "Database engines are not built to face the internet: exposed SQL Server, MySQL, \
                    PostgreSQL, Redis or MongoDB ports are found by scanners within hours and attacked with \
                    default credentials, brute force and engine vulnerabilities. Databases should only be \
                    reachable from the application's network.",
        remediation: "Restrict the rule's `source_address_prefix(es)` to the application subnets, or reach the database through a private endpoint.",
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
    destination_port_range     = "5432"
    source_address_prefix      = "Internet"
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
    destination_port_range     = "5432"
    source_address_prefix      = "VirtualNetwork"
    destination_address_prefix = "*"
  }
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

/// Well-known database and cache ports.
const DATABASE_PORTS: &[(u32, &str)] = &[
    (1433, "SQL Server"),
    (1521, "Oracle"),
    (3306, "MySQL"),
    (5432, "PostgreSQL"),
    (6379, "Redis"),
    (9042, "Cassandra"),
    (9200, "Elasticsearch"),
    (11211, "Memcached"),
    (27017, "MongoDB"),
];

fn check(deployment: &Deployment, hits: &mut Hits) {
    for rule in network::security_rules(deployment) {
        // A rule opening every port is reported once, by nsg-all-ports-open-to-internet.
        if !rule.allows_inbound() || rule.opens_all_ports() || rule.carries("Icmp") && !rule.carries("Tcp") {
            continue;
        }
        let Some(source) = rule.any_source() else { continue };
        let exposed: Vec<String> = DATABASE_PORTS
            .iter()
            .filter(|(port, _)| rule.opens_port(*port))
            .map(|(port, engine)| format!("{port} ({engine})"))
            .collect();
        if !exposed.is_empty() {
            let from = source.as_str().unwrap_or_default();
            let message = format!("rule `{}` allows {} from `{from}`", rule.name(), exposed.join(", "));
            deployment.report(hits, rule.resource, Some(source), message);
        }
    }
}
