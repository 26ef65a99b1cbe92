use crate::cloud::azure::sql;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AZR032",
        name: "sql-server-auditing-disabled",
        title: "Azure SQL server does not audit database activity",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Azure),
        checklist: &["env.misconfig", "env.iac-terraform", "env.audit-logging"],
        aliases: &["AVD-AZU-0027", "azure-database-enable-audit", "CKV_AZURE_23"],
        rationale: "Server auditing records logins, queries and permission changes on every database of the \
                    server. Without it, data theft or tampering through the database leaves no trail to \
                    investigate.",
        remediation: "Add an `azurerm_mssql_server_extended_auditing_policy` for the server that sends logs to a storage account or Log Analytics.",
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

resource "azurerm_mssql_server_extended_auditing_policy" "main" {
  server_id              = azurerm_mssql_server.main.id
  storage_endpoint       = azurerm_storage_account.audit.primary_blob_endpoint
  retention_in_days      = 90
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for server in sql::servers(deployment) {
        match server.auditing {
            None => {
                deployment.report(hits, server.resource, None, "no auditing policy is attached to the server")
            }
            Some(policy) => {
                if let Some(enabled) = policy.get("enabled").filter(|enabled| enabled.is_false()) {
                    deployment.report(
                        hits,
                        server.resource,
                        Some(enabled),
                        "the server's auditing policy is disabled",
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::registry::run_on_example;

    #[test]
    fn the_legacy_inline_block_counts() {
        let text = "resource \"azurerm_sql_server\" \"a\" {\n  extended_auditing_policy {\n    retention_in_days = 90\n  }\n}\n";
        assert!(run_on_example(&super::RULE, text).is_empty());
    }
}
