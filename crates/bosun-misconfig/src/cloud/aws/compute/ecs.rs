//! ECS as checks see it: task definitions (`aws_ecs_task_definition`, whose
//! `container_definitions` is JSON text, and `AWS::ECS::TaskDefinition`, whose
//! `ContainerDefinitions` is a list), clusters and services.

use super::common::{get_ci, named_entries, structured};
use crate::cloud::{Attr, Deployment, Resource};

pub struct TaskDefinition<'a> {
    pub resource: &'a Resource,
    /// `network_mode`, `NetworkMode`: `awsvpc`, `bridge`, `host` or `none`.
    pub network_mode: Option<&'a Attr>,
    /// `pid_mode`, `PidMode`: `host` or `task`.
    pub pid_mode: Option<&'a Attr>,
    /// The containers, read from JSON or from the template; `None` when the
    /// definitions cannot be read (computed, or a file bosun did not load).
    pub containers: Option<Vec<Container>>,
    pub volumes: Vec<Volume<'a>>,
}

/// One container definition. Its values keep the lines of the definitions.
pub struct Container {
    pub body: Attr,
}

impl Container {
    /// A setting, whichever case its language spells it in.
    pub fn get(&self, key: &str) -> Option<&Attr> {
        get_ci(&self.body, key)
    }

    /// The container's name, or `?`.
    pub fn name(&self) -> &str {
        self.get("name").and_then(Attr::as_str).unwrap_or("?")
    }

    /// The plain `environment` variables: name, value, and the entry.
    pub fn environment(&self) -> Vec<(&str, &Attr, &Attr)> {
        named_entries(self.get("environment"))
    }
}

/// A task volume backed by EFS.
pub struct Volume<'a> {
    pub name: Option<&'a Attr>,
    /// The `efs_volume_configuration` / `EFSVolumeConfiguration` block.
    pub efs: &'a Attr,
    /// `transit_encryption`, `TransitEncryption`: `ENABLED` or `DISABLED` (the default).
    pub transit_encryption: Option<&'a Attr>,
}

pub fn task_definitions(deployment: &Deployment) -> Vec<TaskDefinition<'_>> {
    let terraform = deployment.of_kind("aws_ecs_task_definition").map(|r| TaskDefinition {
        resource: r,
        network_mode: r.get("network_mode"),
        pid_mode: r.get("pid_mode"),
        containers: r.get("container_definitions").and_then(containers),
        volumes: r
            .blocks("volume")
            .filter_map(|v| {
                let efs = v.blocks("efs_volume_configuration").next()?;
                Some(Volume { name: v.get("name"), efs, transit_encryption: efs.get("transit_encryption") })
            })
            .collect(),
    });
    let cloudformation = deployment.of_kind("AWS::ECS::TaskDefinition").map(|r| TaskDefinition {
        resource: r,
        network_mode: r.get("NetworkMode"),
        pid_mode: r.get("PidMode"),
        containers: r.get("ContainerDefinitions").and_then(containers),
        volumes: r
            .get("Volumes")
            .map(|volumes| volumes.items())
            .unwrap_or_default()
            .iter()
            .filter_map(|v| {
                let efs = v.get("EFSVolumeConfiguration")?;
                Some(Volume { name: v.get("Name"), efs, transit_encryption: efs.get("TransitEncryption") })
            })
            .collect(),
    });
    terraform.chain(cloudformation).collect()
}

fn containers(definitions: &Attr) -> Option<Vec<Container>> {
    let definitions = structured(definitions)?;
    Some(
        definitions
            .items()
            .iter()
            .filter(|c| matches!(c.value, crate::cloud::Value::Object(_)))
            .map(|c| Container { body: c.clone() })
            .collect(),
    )
}

pub struct Cluster<'a> {
    pub resource: &'a Resource,
    /// The `containerInsights` setting's value, when the cluster writes one.
    pub container_insights: Option<&'a Attr>,
    /// The cluster's settings are computed: nothing is known of them.
    pub settings_unknown: bool,
    /// `execute_command_configuration.logging`, `ExecuteCommandConfiguration.Logging`.
    pub exec_logging: Option<&'a Attr>,
}

pub fn clusters(deployment: &Deployment) -> Vec<Cluster<'_>> {
    let terraform = deployment.of_kind("aws_ecs_cluster").map(|r| {
        let settings: Vec<&Attr> = r.blocks("setting").collect();
        Cluster {
            resource: r,
            container_insights: insights(&settings, "name", "value"),
            settings_unknown: r.get("setting").is_some_and(|s| s.is_unknown())
                || settings.iter().any(|s| s.is_unknown()),
            exec_logging: r.path(&["configuration", "execute_command_configuration", "logging"]),
        }
    });
    let cloudformation = deployment.of_kind("AWS::ECS::Cluster").map(|r| {
        let settings: Vec<&Attr> =
            r.get("ClusterSettings").map(|s| s.items().iter().collect()).unwrap_or_default();
        Cluster {
            resource: r,
            container_insights: insights(&settings, "Name", "Value"),
            settings_unknown: r.get("ClusterSettings").is_some_and(|s| s.is_unknown())
                || settings.iter().any(|s| s.is_unknown()),
            exec_logging: r.path(&["Configuration", "ExecuteCommandConfiguration", "Logging"]),
        }
    });
    terraform.chain(cloudformation).collect()
}

/// The `containerInsights` setting's value. A setting whose name is unknown may
/// be that one: without a known match, the value reads as unknown.
fn insights<'a>(settings: &[&'a Attr], name: &str, value: &str) -> Option<&'a Attr> {
    let named = |s: &&&'a Attr| {
        s.get(name).and_then(Attr::as_str).is_some_and(|n| n.eq_ignore_ascii_case("containerInsights"))
    };
    match settings.iter().find(named) {
        Some(setting) => setting.get(value),
        None => settings.iter().find_map(|s| s.get(name).filter(|n| n.is_unknown())),
    }
}

/// Container Insights is on for every new cluster of the account
/// (`aws_ecs_account_setting_default`), or that default is computed.
pub fn account_insights_default(deployment: &Deployment) -> bool {
    deployment.of_kind("aws_ecs_account_setting_default").any(|r| {
        let named = r.get("name").and_then(Attr::as_str);
        named.is_some_and(|n| n.eq_ignore_ascii_case("containerInsights"))
            && r.get("value").is_some_and(|v| v.as_str().is_none_or(insights_on))
            || named.is_none()
    })
}

/// `enabled` or `enhanced`.
pub fn insights_on(value: &str) -> bool {
    value.eq_ignore_ascii_case("enabled") || value.eq_ignore_ascii_case("enhanced")
}

pub struct Service<'a> {
    pub resource: &'a Resource,
    /// `network_configuration.assign_public_ip` (a bool) or
    /// `AwsvpcConfiguration.AssignPublicIp` (`ENABLED`/`DISABLED`).
    pub assign_public_ip: Option<&'a Attr>,
}

impl Service<'_> {
    pub fn assigns_public_ip(&self) -> bool {
        self.assign_public_ip
            .is_some_and(|v| v.is_true() || v.as_str().is_some_and(|s| s.eq_ignore_ascii_case("ENABLED")))
    }
}

pub fn services(deployment: &Deployment) -> Vec<Service<'_>> {
    let terraform = deployment.of_kind("aws_ecs_service").map(|r| Service {
        resource: r,
        assign_public_ip: r.path(&["network_configuration", "assign_public_ip"]),
    });
    let cloudformation = deployment.of_kind("AWS::ECS::Service").map(|r| Service {
        resource: r,
        assign_public_ip: r.path(&["NetworkConfiguration", "AwsvpcConfiguration", "AssignPublicIp"]),
    });
    terraform.chain(cloudformation).collect()
}
