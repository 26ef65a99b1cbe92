use crate::cloud::azure::dbservers::{self, Engine};
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AZR045",
        name: "mysql-geo-backup-disabled",
        title: "MySQL or MariaDB server backups are not geo-redundant",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Azure),
        checklist: &["env.misconfig", "env.iac-terraform"],
        aliases: &["CKV_AZURE_94", "CKV_AZURE_129"],
        rationale: "Locally redundant backups are lost with the region. Geo-redundant backups allow \
                    restoring the database elsewhere after a regional outage or disaster. The choice is made \
                    when the server is created.",
        remediation: "Set `geo_redundant_backup_enabled = true` when creating the server.",
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
  geo_redundant_backup_enabled = true
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for server in dbservers::servers(deployment).iter().filter(|s| s.engine != Engine::PostgreSql) {
        let engine = server.engine_name();
        match server.geo_backup {
            Some(flag) if flag.is_false() => deployment.report(
                hits,
                server.resource,
                Some(flag),
                format!("geo-redundant backups of the {engine} server are off"),
            ),
            None => deployment.report(
                hits,
                server.resource,
                None,
                format!("geo-redundant backups of the {engine} server are off by default"),
            ),
            _ => {}
        }
    }
}
