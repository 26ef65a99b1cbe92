//! Azure Database for PostgreSQL, MySQL and MariaDB: the single-server
//! resources (`azurerm_postgresql_server`, `azurerm_mysql_server`,
//! `azurerm_mariadb_server`), the flexible servers, and their server parameters
//! (`azurerm_postgresql_configuration` and friends).

use super::common::{attached, first};
use crate::cloud::{Attr, Deployment, Resource};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    PostgreSql,
    MySql,
    MariaDb,
}

pub struct Server<'a> {
    pub resource: &'a Resource,
    pub engine: Engine,
    /// A flexible server (its defaults and attribute names differ).
    pub flexible: bool,
    /// `ssl_enforcement_enabled` (provider v3+) or `ssl_enforcement` = `Enabled`/`Disabled` (v2).
    pub ssl_enforcement: Option<&'a Attr>,
    /// `ssl_minimal_tls_version_enforced`: `TLS1_0`, `TLS1_1`, `TLS1_2` (default), `TLSEnforcementDisabled`.
    pub min_tls_version: Option<&'a Attr>,
    /// `public_network_access_enabled`: default true on single servers.
    pub public_network_access: Option<&'a Attr>,
    /// `delegated_subnet_id` of a flexible server (VNet-injected, so private).
    pub delegated_subnet: Option<&'a Attr>,
    /// `geo_redundant_backup_enabled`, default false.
    pub geo_backup: Option<&'a Attr>,
    /// The server parameters declared for it: (`name`, `value`) pairs, with the resource.
    pub parameters: Vec<Parameter<'a>>,
}

pub struct Parameter<'a> {
    pub resource: &'a Resource,
    pub name: &'a str,
    pub value: &'a Attr,
}

impl Server<'_> {
    pub fn engine_name(&self) -> &'static str {
        match self.engine {
            Engine::PostgreSql => "PostgreSQL",
            Engine::MySql => "MySQL",
            Engine::MariaDb => "MariaDB",
        }
    }

    /// The server parameter `name`, when declared.
    pub fn parameter(&self, name: &str) -> Option<&Parameter<'_>> {
        self.parameters.iter().find(|p| p.name.eq_ignore_ascii_case(name))
    }
}

/// (server kind, engine, flexible, configuration kind)
const KINDS: &[(&str, Engine, bool, &str)] = &[
    ("azurerm_postgresql_server", Engine::PostgreSql, false, "azurerm_postgresql_configuration"),
    (
        "azurerm_postgresql_flexible_server",
        Engine::PostgreSql,
        true,
        "azurerm_postgresql_flexible_server_configuration",
    ),
    ("azurerm_mysql_server", Engine::MySql, false, "azurerm_mysql_configuration"),
    ("azurerm_mysql_flexible_server", Engine::MySql, true, "azurerm_mysql_flexible_server_configuration"),
    ("azurerm_mariadb_server", Engine::MariaDb, false, "azurerm_mariadb_configuration"),
];
const LINKS: &[&str] = &["server_id", "server_name"];

pub fn servers(deployment: &Deployment) -> Vec<Server<'_>> {
    let mut servers = Vec::new();
    for &(kind, engine, flexible, config_kind) in KINDS {
        for server in deployment.of_kind(kind) {
            let body = &server.body;
            let parameters = attached(deployment, config_kind, LINKS, server)
                .filter_map(|config| {
                    let name = config.get("name")?.as_str()?;
                    Some(Parameter { resource: config, name, value: config.get("value")? })
                })
                .collect();
            servers.push(Server {
                resource: server,
                engine,
                flexible,
                ssl_enforcement: first(body, &["ssl_enforcement_enabled", "ssl_enforcement"]),
                min_tls_version: first(body, &["ssl_minimal_tls_version_enforced"]),
                public_network_access: first(body, &["public_network_access_enabled"]),
                delegated_subnet: first(body, &["delegated_subnet_id"]),
                geo_backup: first(body, &["geo_redundant_backup_enabled"]),
                parameters,
            });
        }
    }
    servers
}

/// True when a server parameter's value is known to be off.
pub fn is_off(value: &Attr) -> bool {
    value.as_str().is_some_and(|v| v.eq_ignore_ascii_case("off") || v.eq_ignore_ascii_case("false"))
        || value.is_false()
}
