//! Cloud SQL instances (`google_sql_database_instance`).

use crate::cloud::{Attr, Deployment, Resource};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Postgres,
    MySql,
    SqlServer,
}

pub struct SqlInstance<'a> {
    pub resource: &'a Resource,
    /// The engine, when `database_version` is known.
    pub engine: Option<Engine>,
    /// The `settings` block.
    pub settings: Option<&'a Attr>,
    /// `settings.ip_configuration`.
    pub ip_configuration: Option<&'a Attr>,
    /// A read replica (`master_instance_name` set): it takes no backups of its own.
    pub replica: bool,
}

/// What the instance says about one database flag.
pub enum Flag<'a> {
    /// Set, to this value.
    Set(&'a Attr),
    /// Not among the flags, and every flag name is known.
    Absent,
    /// Flags bosun cannot read (a variable, a flag whose name is computed).
    Unknown,
}

impl<'a> SqlInstance<'a> {
    /// The major version of the engine (`POSTGRES_15` → 15), when known.
    pub fn major_version(&self) -> Option<u32> {
        let version = self.resource.get("database_version")?.as_str()?;
        version.split('_').nth(1)?.parse().ok()
    }

    /// The setting under `settings`.
    pub fn setting(&self, keys: &[&str]) -> Option<&'a Attr> {
        self.settings.and_then(|s| s.path(keys))
    }

    pub fn ip_setting(&self, key: &str) -> Option<&'a Attr> {
        self.ip_configuration.and_then(|c| c.get(key))
    }

    /// Every `authorized_networks` block's `value` (a CIDR range).
    pub fn authorized_networks(&self) -> Vec<&'a Attr> {
        self.ip_configuration
            .map(|c| c.blocks("authorized_networks").filter_map(|n| n.get("value")).collect())
            .unwrap_or_default()
    }

    /// The value of the database flag `name` (compared without case).
    pub fn flag(&self, name: &str) -> Flag<'a> {
        let Some(settings) = self.settings else { return Flag::Absent };
        if settings.is_unknown() {
            return Flag::Unknown;
        }
        let Some(flags) = settings.get("database_flags") else { return Flag::Absent };
        if flags.is_unknown() {
            return Flag::Unknown;
        }
        let mut unknown = false;
        for flag in flags.items() {
            match flag.get("name").and_then(Attr::as_str) {
                Some(flag_name) if flag_name.trim().eq_ignore_ascii_case(name) => {
                    return match flag.get("value") {
                        Some(value) => Flag::Set(value),
                        None => Flag::Unknown,
                    }
                }
                Some(_) => {}
                None => unknown = true,
            }
        }
        if unknown {
            Flag::Unknown
        } else {
            Flag::Absent
        }
    }
}

/// A flag value read as on or off (`on`/`off`, `true`/`false`, `1`/`0`).
pub fn flag_on(value: &Attr) -> Option<bool> {
    if let Some(b) = value.as_bool() {
        return Some(b);
    }
    match value.as_str().map(|s| s.trim().to_ascii_lowercase())?.as_str() {
        "on" | "1" => Some(true),
        "off" | "0" => Some(false),
        _ => match value.as_i64() {
            Some(1) => Some(true),
            Some(0) => Some(false),
            _ => None,
        },
    }
}

pub fn instances(deployment: &Deployment) -> Vec<SqlInstance<'_>> {
    deployment
        .of_kind("google_sql_database_instance")
        .map(|resource| {
            let engine = resource.get("database_version").and_then(Attr::as_str).and_then(|version| {
                let version = version.to_ascii_uppercase();
                if version.starts_with("POSTGRES") {
                    Some(Engine::Postgres)
                } else if version.starts_with("MYSQL") {
                    Some(Engine::MySql)
                } else if version.starts_with("SQLSERVER") {
                    Some(Engine::SqlServer)
                } else {
                    None
                }
            });
            let settings =
                resource
                    .get("settings")
                    .and_then(|s| if s.is_unknown() { Some(s) } else { s.items().first() });
            SqlInstance {
                resource,
                engine,
                settings,
                ip_configuration: settings
                    .and_then(|s| s.get("ip_configuration"))
                    .and_then(|c| c.items().first()),
                replica: resource.get("master_instance_name").is_some_and(Attr::is_set),
            }
        })
        .collect()
}
