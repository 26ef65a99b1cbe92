//! Azure SQL servers (`azurerm_mssql_server`, and `azurerm_sql_server` from
//! provider v2), the split resources that audit and protect them, and the
//! firewall rules of every Azure database service.

use super::common::{at, attached, first};
use crate::cloud::{Attr, Deployment, Resource};

pub struct Server<'a> {
    pub resource: &'a Resource,
    /// `public_network_access_enabled`, default true.
    pub public_network_access: Option<&'a Attr>,
    /// `minimum_tls_version`: `1.0`, `1.1`, `1.2` (default since provider v3) or `Disabled`.
    pub min_tls_version: Option<&'a Attr>,
    /// An `azuread_administrator` block or an `azurerm_sql_active_directory_administrator`.
    pub entra_admin: Option<&'a Attr>,
    /// The auditing settings: an inline `extended_auditing_policy` block or an
    /// `azurerm_mssql_server_extended_auditing_policy` (`enabled` defaults to true,
    /// `retention_in_days` to 0, forever).
    pub auditing: Option<&'a Attr>,
    /// The threat detection settings: an `azurerm_mssql_server_security_alert_policy`
    /// or an inline `threat_detection_policy` (`state`, `disabled_alerts`).
    pub alert_policy: Option<&'a Attr>,
}

const SERVERS: &[&str] = &["azurerm_mssql_server", "azurerm_sql_server"];
const LINKS: &[&str] = &["server_id", "server_name"];

pub fn servers(deployment: &Deployment) -> Vec<Server<'_>> {
    deployment.of_kinds(SERVERS).map(|server| from_terraform(deployment, server)).collect()
}

fn from_terraform<'a>(deployment: &'a Deployment, server: &'a Resource) -> Server<'a> {
    let body = &server.body;
    let split = |kind: &'a str| attached(deployment, kind, LINKS, server).map(|r| &r.body).next();
    Server {
        resource: server,
        public_network_access: first(body, &["public_network_access_enabled"]),
        min_tls_version: first(body, &["minimum_tls_version"]),
        entra_admin: body
            .blocks("azuread_administrator")
            .next()
            .or_else(|| split("azurerm_sql_active_directory_administrator")),
        auditing: body
            .blocks("extended_auditing_policy")
            .next()
            .or_else(|| split("azurerm_mssql_server_extended_auditing_policy")),
        alert_policy: split("azurerm_mssql_server_security_alert_policy")
            .or_else(|| at(body, &["threat_detection_policy"])),
    }
}

pub struct FirewallRule<'a> {
    pub resource: &'a Resource,
    pub start: Option<&'a Attr>,
    pub end: Option<&'a Attr>,
}

const FIREWALL_RULES: &[&str] = &[
    "azurerm_mssql_firewall_rule",
    "azurerm_sql_firewall_rule",
    "azurerm_postgresql_firewall_rule",
    "azurerm_postgresql_flexible_server_firewall_rule",
    "azurerm_mysql_firewall_rule",
    "azurerm_mysql_flexible_server_firewall_rule",
    "azurerm_mariadb_firewall_rule",
    "azurerm_synapse_firewall_rule",
];

/// The firewall rules of SQL, PostgreSQL, MySQL, MariaDB and Synapse servers.
pub fn firewall_rules(deployment: &Deployment) -> Vec<FirewallRule<'_>> {
    deployment
        .of_kinds(FIREWALL_RULES)
        .map(|rule| FirewallRule {
            resource: rule,
            start: first(&rule.body, &["start_ip_address"]),
            end: first(&rule.body, &["end_ip_address"]),
        })
        .collect()
}

impl FirewallRule<'_> {
    /// How many IPv4 addresses the rule admits, when both ends are known.
    pub fn size(&self) -> Option<u64> {
        let parse =
            |attr: Option<&Attr>| attr?.as_str()?.trim().parse::<std::net::Ipv4Addr>().ok().map(u32::from);
        let (start, end) = (parse(self.start)?, parse(self.end)?);
        (end >= start).then(|| u64::from(end - start) + 1)
    }
}
