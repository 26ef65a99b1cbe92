use crate::cloud::azure::dbservers::{self, Engine};
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AZR046",
        name: "postgres-logging-parameter-off",
        title: "PostgreSQL server parameter turns connection or checkpoint logging off",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Azure),
        checklist: &["env.misconfig", "env.iac-terraform", "env.audit-logging"],
        aliases: &["AVD-AZU-0019", "AVD-AZU-0024", "azure-database-postgres-configuration-log-connections", "azure-database-postgres-configuration-log-checkpoints", "CKV_AZURE_30", "CKV_AZURE_31", "CKV_AZURE_146"],
        rationale: "`log_connections`, `log_disconnections`, `log_checkpoints` and `log_retention` record \
                    who connected, for how long, and keep those records. Turning them off removes the trail \
                    of logins and sessions needed to investigate unauthorised access.",
        remediation: "Remove the `azurerm_postgresql_configuration` that sets the parameter to `off`, or set it to `on`.",
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

resource "azurerm_postgresql_configuration" "log_connections" {
  name                = "log_connections"
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

resource "azurerm_postgresql_configuration" "log_connections" {
  name                = "log_connections"
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
        for param in server.parameters.iter().filter(|p| {
            ["log_connections", "log_disconnections", "log_checkpoints", "log_retention"]
                .iter()
                .any(|n| p.name.eq_ignore_ascii_case(n))
        }) {
            if dbservers::is_off(param.value) {
                let message = format!("server parameter `{}` is off", param.name);
                deployment.report(hits, param.resource, Some(param.value), message);
            }
        }
    }
}
