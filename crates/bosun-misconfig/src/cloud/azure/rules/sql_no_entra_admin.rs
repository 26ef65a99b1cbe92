use crate::cloud::azure::sql;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AZR039",
        name: "sql-server-no-entra-admin",
        title: "Azure SQL server has no Microsoft Entra ID administrator",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Azure),
        checklist: &["env.misconfig", "env.iac-terraform", "env.least-access"],
        aliases: &["CKV2_AZURE_7", "CKV2_AZURE_27"],
        rationale: "Without a Microsoft Entra ID administrator the server can only be managed with its SQL \
                    login and password, a shared credential without MFA or central revocation. An Entra \
                    admin enables identity-based access for people and applications.",
        remediation: "Add an `azuread_administrator { login_username, object_id }` block to the server.",
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

  azuread_administrator {
    login_username = "sql-admins"
    object_id      = "11111111-1111-1111-1111-111111111111"
  }
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for server in sql::servers(deployment) {
        if server.entra_admin.is_none() {
            deployment.report(
                hits,
                server.resource,
                None,
                "no Microsoft Entra ID administrator is configured",
            );
        }
    }
}
