use crate::cloud::azure::sql;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AZR035",
        name: "sql-server-threat-alerts-disabled",
        title: "Azure SQL alert policy turns some threat alerts off",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Azure),
        checklist: &["env.misconfig", "env.iac-terraform"],
        aliases: &["AVD-AZU-0028", "azure-database-all-threat-alerts-enabled", "CKV_AZURE_25"],
        rationale: "Each disabled alert type (SQL injection, access anomaly, data exfiltration...) is a kind \
                    of attack the server will no longer report. All alert types should stay on unless one is \
                    known to be noisy.",
        remediation: "Remove `disabled_alerts` from the `azurerm_mssql_server_security_alert_policy` (or leave it empty).",
        bad_example: r#"resource "azurerm_mssql_server" "main" {
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
  disabled_alerts     = ["Sql_Injection", "Data_Exfiltration"]
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
  disabled_alerts     = []
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for server in sql::servers(deployment) {
        let Some(disabled) = server.alert_policy.and_then(|policy| policy.get("disabled_alerts")) else {
            continue;
        };
        let alerts = disabled.strings();
        if !alerts.is_empty() {
            let message = format!("threat alerts turned off: {}", alerts.join(", "));
            deployment.report(hits, server.resource, Some(disabled), message);
        }
    }
}
