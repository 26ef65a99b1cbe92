use crate::cloud::azure::dbservers::{self, Engine};
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AZR041",
        name: "mysql-ssl-enforcement-disabled",
        title: "MySQL or MariaDB server accepts connections without TLS",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Azure),
        checklist: &["env.misconfig", "env.iac-terraform"],
        aliases: &["AVD-AZU-0020", "azure-database-enable-ssl-enforcement", "CKV_AZURE_28", "CKV_AZURE_47"],
        rationale: "Without enforced SSL, clients may connect in clear text and send passwords and query \
                    results readable by anyone on the path.",
        remediation: "Set `ssl_enforcement_enabled = true` on the server (`require_secure_transport = ON` on a flexible server).",
        bad_example: r#"resource "azurerm_mysql_server" "main" {
  name                         = "acme-mysql"
  location                     = "westeurope"
  resource_group_name          = "rg-data"
  sku_name                     = "GP_Gen5_2"
  version                      = "8.0"
  administrator_login          = "mysqladmin"
  administrator_login_password = random_password.mysql.result
  ssl_enforcement_enabled      = false
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
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for server in dbservers::servers(deployment).iter().filter(|s| s.engine != Engine::PostgreSql) {
        let engine = server.engine_name();
        if let Some(ssl) = server.ssl_enforcement {
            let off = ssl.is_false() || ssl.as_str().is_some_and(|s| s.eq_ignore_ascii_case("Disabled"));
            if off {
                deployment.report(
                    hits,
                    server.resource,
                    Some(ssl),
                    format!("the {engine} server accepts connections without TLS"),
                );
            }
        }
        if let Some(param) =
            server.parameter("require_secure_transport").filter(|p| dbservers::is_off(p.value))
        {
            let message = format!(
                "`require_secure_transport` is off: the {engine} server accepts connections without TLS"
            );
            deployment.report(hits, param.resource, Some(param.value), message);
        }
    }
}
