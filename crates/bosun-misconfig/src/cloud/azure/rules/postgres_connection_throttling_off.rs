use crate::cloud::azure::dbservers::{self, Engine};
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AZR047",
        name: "postgres-connection-throttling-off",
        title: "PostgreSQL server does not throttle failed connections",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Azure),
        checklist: &["env.misconfig", "env.iac-terraform"],
        aliases: &["AVD-AZU-0021", "azure-database-postgres-configuration-connection-throttling", "CKV_AZURE_32"],
        rationale: "Connection throttling slows down clients that keep failing to log in, which blunts \
                    password guessing and keeps a flood of bad connections from exhausting the server.",
        remediation: "Remove the `azurerm_postgresql_configuration` that sets `connection_throttling` to `off`, or set it to `on`.",
        bad_example: r#"resource "azurerm_postgresql_server" "main" {
  name                         = "acme-pg"
  location                     = "westeurope"
  resource_group_name          = "rg-data"
  sku_name                     = "GP_Gen5_2"
  version                      = "11"
  administrator_login          = "pgadmin"
  administrator_login_password = random_password.pg.result
  ssl_enforcement_enabled      = true
}

resource "azurerm_postgresql_configuration" "connection_throttling" {
  name                = "connection_throttling"
  resource_group_name = "rg-data"
  server_name         = azurerm_postgresql_server.main.name
  value               = "off"
}
"#,
        good_example: r#"resource "azurerm_postgresql_server" "main" {
  name                         = "acme-pg"
  location                     = "westeurope"
  resource_group_name          = "rg-data"
  sku_name                     = "GP_Gen5_2"
  version                      = "11"
  administrator_login          = "pgadmin"
  administrator_login_password = random_password.pg.result
  ssl_enforcement_enabled      = true
}

resource "azurerm_postgresql_configuration" "connection_throttling" {
  name                = "connection_throttling"
  resource_group_name = "rg-data"
  server_name         = azurerm_postgresql_server.main.name
  value               = "on"
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for server in dbservers::servers(deployment).iter().filter(|s| s.engine == Engine::PostgreSql) {
        for param in server
            .parameters
            .iter()
            .filter(|p| ["connection_throttling"].iter().any(|n| p.name.eq_ignore_ascii_case(n)))
        {
            if dbservers::is_off(param.value) {
                let message = format!("server parameter `{}` is off", param.name);
                deployment.report(hits, param.resource, Some(param.value), message);
            }
        }
    }
}
