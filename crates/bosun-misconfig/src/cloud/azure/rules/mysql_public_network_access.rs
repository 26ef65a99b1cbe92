use crate::cloud::azure::dbservers::{self, Engine};
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AZR043",
        name: "mysql-public-network-access",
        title: "MySQL or MariaDB server accepts connections from public networks",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Azure),
        checklist: &["env.misconfig", "env.iac-terraform", "env.least-access", "run.network-segregation"],
        aliases: &["AVD-AZU-0022", "CKV_AZURE_53", "CKV_AZURE_48"],
        rationale: "A server reachable from public networks is guarded only by its firewall rules and \
                    passwords. Private endpoints or VNet integration keep the database off the internet.",
        remediation: "Set `public_network_access_enabled = false` and connect through a private endpoint (or deploy a flexible server into a delegated subnet).",
        bad_example: r#"resource "azurerm_mysql_server" "main" {
  name                         = "acme-mysql"
  location                     = "westeurope"
  resource_group_name          = "rg-data"
  sku_name                     = "GP_Gen5_2"
  version                      = "8.0"
  administrator_login          = "mysqladmin"
  administrator_login_password = random_password.mysql.result
  ssl_enforcement_enabled      = true
}
"#,
        good_example: r#"resource "azurerm_mysql_server" "main" {
  name                         = "acme-mysql"
  location                     = "westeurope"
  resource_group_name          = "rg-data"
  sku_name                     = "GP_Gen5_2"
  version                      = "8.0"
  administrator_login          = "mysqladmin"
  administrator_login_password = random_password.mysql.result
  ssl_enforcement_enabled      = true
  public_network_access_enabled = false
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for server in dbservers::servers(deployment).iter().filter(|s| s.engine != Engine::PostgreSql) {
        let engine = server.engine_name();
        match server.public_network_access {
            Some(public) if public.is_true() && server.delegated_subnet.is_none() => deployment.report(
                hits,
                server.resource,
                Some(public),
                format!("public network access to the {engine} server is enabled"),
            ),
            // Single servers are public unless told otherwise; flexible servers follow their networking mode.
            None if !server.flexible => deployment.report(
                hits,
                server.resource,
                None,
                format!("public network access to the {engine} server is enabled by default"),
            ),
            _ => {}
        }
    }
}
