//! Virtual machines, scale sets and managed disks: the v2+ resources
//! (`azurerm_linux_virtual_machine`, `azurerm_windows_virtual_machine` and
//! their scale sets) and the legacy `azurerm_virtual_machine` /
//! `azurerm_virtual_machine_scale_set`.

use super::common::{at, first};
use crate::cloud::{Attr, Deployment, Resource};

pub struct Machine<'a> {
    pub resource: &'a Resource,
    /// A Linux machine (`azurerm_linux_*`, or a legacy one with `os_profile_linux_config`).
    pub linux: bool,
    /// A scale set rather than a single machine.
    pub scale_set: bool,
    /// `disable_password_authentication` (default true on the v2+ Linux resources;
    /// inside `os_profile_linux_config` on legacy ones, where it is required).
    pub disable_password_auth: Option<&'a Attr>,
    /// `allow_extension_operations` / `extension_operations_enabled`, default true
    /// (v2+ single machines only).
    pub extension_operations: Option<&'a Attr>,
    /// `encryption_at_host_enabled`, default false (v2+ resources only).
    pub encryption_at_host: Option<&'a Attr>,
}

/// (kind, linux, scale set)
const MODERN: &[(&str, bool, bool)] = &[
    ("azurerm_linux_virtual_machine", true, false),
    ("azurerm_windows_virtual_machine", false, false),
    ("azurerm_linux_virtual_machine_scale_set", true, true),
    ("azurerm_windows_virtual_machine_scale_set", false, true),
];
const LEGACY: &[(&str, bool)] =
    &[("azurerm_virtual_machine", false), ("azurerm_virtual_machine_scale_set", true)];

pub fn machines(deployment: &Deployment) -> Vec<Machine<'_>> {
    let mut machines = Vec::new();
    for &(kind, linux, scale_set) in MODERN {
        for machine in deployment.of_kind(kind) {
            let body = &machine.body;
            machines.push(Machine {
                resource: machine,
                linux,
                scale_set,
                disable_password_auth: first(body, &["disable_password_authentication"]),
                extension_operations: if scale_set {
                    None
                } else {
                    first(body, &["extension_operations_enabled", "allow_extension_operations"])
                },
                encryption_at_host: first(body, &["encryption_at_host_enabled"]),
            });
        }
    }
    for &(kind, scale_set) in LEGACY {
        for machine in deployment.of_kind(kind) {
            let linux_config = machine.blocks("os_profile_linux_config").next();
            machines.push(Machine {
                resource: machine,
                linux: linux_config.is_some(),
                scale_set,
                disable_password_auth: linux_config
                    .and_then(|config| at(config, &["disable_password_authentication"])),
                extension_operations: None,
                encryption_at_host: None,
            });
        }
    }
    machines
}

pub struct Disk<'a> {
    pub resource: &'a Resource,
    /// `encryption_settings { enabled }` (provider v2; the block alone means enabled since v3).
    pub encryption_enabled: Option<&'a Attr>,
}

pub fn disks(deployment: &Deployment) -> Vec<Disk<'_>> {
    deployment
        .of_kind("azurerm_managed_disk")
        .map(|disk| Disk {
            resource: disk,
            encryption_enabled: at(&disk.body, &["encryption_settings", "enabled"]),
        })
        .collect()
}
