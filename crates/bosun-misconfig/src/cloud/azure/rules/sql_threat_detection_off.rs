use crate::cloud::azure::sql;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AZR034",
        name: "sql-server-threat-detection-off",
        title: "Azure SQL server has no threat detection alert policy",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Azure),
        checklist: &["env.misconfig", "env.iac-terraform"],
        aliases: &["CKV2_AZURE_13"],
        rationale: "Threat detection (Microsoft Defender for SQL) alerts on SQL injection, unusual access \
                    and brute force against the server. Without an enabled alert policy these attacks go \
                    unnoticed.",
        remediation:
            "Add an `azurerm_mssql_server_security_alert_policy` with `state = \"Enabled\"` for the server.",
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
}

resource "azurerm_mssql_server_security_alert_policy" "main" {
  resource_group_name = "rg-data"
  server_name         = azurerm_mssql_server.main.name
  state               = "Enabled"
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for server in sql::servers(deployment) {
        match server.alert_policy {
            None => deployment.report(
                hits,
                server.resource,
                None,
                "no security alert policy is attached to the server",
            ),
            Some(policy) => {
                let state = policy.get("state");
                if let Some(state) =
                    state.filter(|s| s.as_str().is_some_and(|s| s.eq_ignore_ascii_case("Disabled")))
                {
                    deployment.report(
                        hits,
                        server.resource,
                        Some(state),
                        "the server's security alert policy is disabled",
                    );
                }
            }
        }
    }
}
