use crate::cloud::azure::sql;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AZR036",
        name: "sql-server-public-network-access",
        title: "Azure SQL server accepts connections from public networks",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Azure),
        checklist: &["env.misconfig", "env.iac-terraform", "env.least-access", "run.network-segregation"],
        aliases: &["AVD-AZU-0022", "azure-database-no-public-access", "CKV_AZURE_113"],
        rationale: "With public network access on, the server's endpoint is reachable from the internet and \
                    only its firewall rules and credentials stand in the way. Private endpoints keep the \
                    database off the internet entirely.",
        remediation: "Set `public_network_access_enabled = false` and connect through a private endpoint.",
        bad_example: r#"resource "azurerm_mssql_server" "main" {
  name                         = "acme-sql"
  resource_group_name          = "rg-data"
  location                     = "westeurope"
  version                      = "12.0"
  administrator_login          = "sqladmin"
  administrator_login_password = random_password.sql.result
}
"#,
        good_example: r#"resource "azurerm_mssql_server" "main" {
  name                         = "acme-sql"
  resource_group_name          = "rg-data"
  location                     = "westeurope"
  version                      = "12.0"
  administrator_login          = "sqladmin"
  administrator_login_password = random_password.sql.result
  public_network_access_enabled = false
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for server in sql::servers(deployment) {
        match server.public_network_access {
            Some(public) if public.is_true() => {
                deployment.report(hits, server.resource, Some(public), "public network access is enabled")
            }
            None => {
                deployment.report(hits, server.resource, None, "public network access is enabled by default")
            }
            _ => {}
        }
    }
}
