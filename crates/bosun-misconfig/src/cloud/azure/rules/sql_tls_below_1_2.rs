use crate::cloud::azure::{common, sql};
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AZR038",
        name: "sql-server-tls-below-1-2",
        title: "Azure SQL server accepts TLS versions older than 1.2",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Azure),
        checklist: &["env.misconfig", "env.iac-terraform"],
        aliases: &["AVD-AZU-0026", "azure-database-secure-tls-policy", "CKV_AZURE_52"],
        rationale: "Clients that negotiate TLS 1.0 or 1.1 protect credentials and query results with \
                    deprecated cryptography. Requiring 1.2 refuses them.",
        remediation: "Set `minimum_tls_version = \"1.2\"` (the default since provider v3) on the server.",
        bad_example: r#"resource "azurerm_mssql_server" "main" {
  name                         = "acme-sql"
  resource_group_name          = "rg-data"
  location                     = "westeurope"
  version                      = "12.0"
  administrator_login          = "sqladmin"
  administrator_login_password = random_password.sql.result
  minimum_tls_version          = "1.0"
}
"#,
        good_example: r#"resource "azurerm_mssql_server" "main" {
  name                         = "acme-sql"
  resource_group_name          = "rg-data"
  location                     = "westeurope"
  version                      = "12.0"
  administrator_login          = "sqladmin"
  administrator_login_password = random_password.sql.result
  minimum_tls_version          = "1.2"
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for server in sql::servers(deployment) {
        if let Some(tls) = server.min_tls_version.filter(|tls| common::tls_below_1_2(tls)) {
            let version = tls.as_str().unwrap_or_default();
            deployment.report(hits, server.resource, Some(tls), format!("minimum TLS version is {version}"));
        }
    }
}
