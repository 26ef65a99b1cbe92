use crate::cloud::azure::dbservers::{self, Engine};
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AZR040",
        name: "postgres-ssl-enforcement-disabled",
        title: "PostgreSQL server accepts connections without TLS",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Azure),
        checklist: &["env.misconfig", "env.iac-terraform"],
        aliases: &["AVD-AZU-0020", "azure-database-enable-ssl-enforcement", "CKV_AZURE_29"],
        rationale: "Without enforced SSL, clients may connect in clear text and send passwords and query \
                    results readable by anyone on the path.",
        remediation: "Set `ssl_enforcement_enabled = true` on the server (`require_secure_transport = on` on a flexible server).",
        bad_example: r#"resource "azurerm_postgresql_server" "main" {
  name                         = "acme-pg"
  location                     = "westeurope"
  resource_group_name          = "rg-data"
  sku_name                     = "GP_Gen5_2"
  version                      = "11"
  administrator_login          = "pgadmin"
  administrator_login_password = random_password.pg.result
  ssl_enforcement_enabled      = false
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
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for server in dbservers::servers(deployment).iter().filter(|s| s.engine == Engine::PostgreSql) {
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

#[cfg(test)]
mod tests {
    use crate::registry::run_on_example;

    #[test]
    fn reads_flexible_server_parameters_and_the_v2_spelling() {
        let flexible = r#"resource "azurerm_postgresql_flexible_server" "a" {
  name = "acme-pg"
}

resource "azurerm_postgresql_flexible_server_configuration" "tls" {
  name      = "require_secure_transport"
  server_id = azurerm_postgresql_flexible_server.a.id
  value     = "OFF"
}
"#;
        assert_eq!(run_on_example(&super::RULE, flexible).len(), 1);
        let v2 = "resource \"azurerm_postgresql_server\" \"a\" {\n  ssl_enforcement = \"Disabled\"\n}\n";
        assert_eq!(run_on_example(&super::RULE, v2).len(), 1);
    }
}
