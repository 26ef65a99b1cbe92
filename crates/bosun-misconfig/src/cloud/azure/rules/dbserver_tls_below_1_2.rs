use crate::cloud::azure::{common, dbservers};
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AZR048",
        name: "database-server-tls-below-1-2",
        title: "PostgreSQL, MySQL or MariaDB server accepts TLS versions older than 1.2",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Azure),
        checklist: &["env.misconfig", "env.iac-terraform"],
        aliases: &["AVD-AZU-0026", "CKV_AZURE_147", "CKV_AZURE_54", "CKV2_AZURE_37"],
        rationale:
            "TLS 1.0 and 1.1 are deprecated and weaker against downgrade and decryption attacks; with \
                    enforcement disabled any version, or none, is accepted. Requiring 1.2 keeps database \
                    traffic on current cryptography.",
        remediation: "Set `ssl_minimal_tls_version_enforced = \"TLS1_2\"` (the default) on the server.",
        bad_example: r#"resource "azurerm_postgresql_server" "main" {
  name                         = "acme-pg"
  location                     = "westeurope"
  resource_group_name          = "rg-data"
  sku_name                     = "GP_Gen5_2"
  version                      = "11"
  administrator_login          = "pgadmin"
  administrator_login_password = random_password.pg.result
  ssl_enforcement_enabled      = true
  ssl_minimal_tls_version_enforced = "TLS1_0"
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
  ssl_minimal_tls_version_enforced = "TLS1_2"
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for server in dbservers::servers(deployment) {
        if let Some(tls) = server.min_tls_version.filter(|tls| common::tls_below_1_2(tls)) {
            let version = tls.as_str().unwrap_or_default();
            let message = format!("the {} server's minimum TLS version is {version}", server.engine_name());
            deployment.report(hits, server.resource, Some(tls), message);
        }
    }
}
