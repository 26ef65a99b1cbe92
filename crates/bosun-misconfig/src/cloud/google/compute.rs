//! Compute Engine: instances and instance templates, firewall rules, disks, the
//! project metadata, SSL policies, subnetworks and projects' default network.

use crate::cloud::{Attr, Deployment, Resource};

/// A metadata value read as a flag: metadata values are strings, and Compute
/// Engine accepts `TRUE`/`true`/`1`/`yes` (and their opposites) for booleans.
pub fn metadata_flag(value: &Attr) -> Option<bool> {
    if let Some(b) = value.as_bool() {
        return Some(b);
    }
    if let Some(n) = value.as_i64() {
        return match n {
            1 => Some(true),
            0 => Some(false),
            _ => None,
        };
    }
    match value.as_str()?.trim().to_ascii_lowercase().as_str() {
        "yes" | "y" | "on" => Some(true),
        "no" | "n" | "off" => Some(false),
        _ => None,
    }
}

const INSTANCE_KINDS: &[&str] = &[
    "google_compute_instance",
    "google_compute_instance_template",
    "google_compute_region_instance_template",
    "google_compute_instance_from_template",
];

/// A VM instance or a template for instances.
pub struct Instance<'a> {
    pub resource: &'a Resource,
    /// The `metadata` map.
    pub metadata: Option<&'a Attr>,
    pub can_ip_forward: Option<&'a Attr>,
    pub network_interfaces: Vec<&'a Attr>,
    /// The `service_account` block.
    pub service_account: Option<&'a Attr>,
    /// The `shielded_instance_config` block.
    pub shielded: Option<&'a Attr>,
    /// The boot disk: the `boot_disk` block of an instance.
    pub boot_disk: Option<&'a Attr>,
    pub attached_disks: Vec<&'a Attr>,
    /// Templates (and instances made from one) inherit what they do not say.
    pub from_template: bool,
}

impl<'a> Instance<'a> {
    /// An entry of the instance metadata.
    pub fn metadata(&self, key: &str) -> Option<&'a Attr> {
        self.metadata.and_then(|m| m.get(key))
    }

    /// The metadata map is spelled in a way bosun cannot read.
    pub fn metadata_unknown(&self) -> bool {
        self.metadata.is_some_and(Attr::is_unknown)
    }

    pub fn shielded_setting(&self, key: &str) -> Option<&'a Attr> {
        self.shielded.and_then(|block| block.get(key))
    }

    /// The email of the attached service account, when the block names one.
    pub fn service_account_email(&self) -> Option<&'a Attr> {
        self.service_account.and_then(|block| block.get("email"))
    }

    /// Whether the attached service account is the project's default Compute
    /// Engine account: named as such, or a `service_account` block without an email.
    pub fn uses_default_service_account(&self) -> Option<&'a Attr> {
        let block = self.service_account?;
        match self.service_account_email() {
            Some(email) if email.as_str().is_some_and(super::iam::is_default_service_account) => Some(email),
            Some(email) if email.is_null() || email.as_str() == Some("") => Some(block),
            Some(_) => None,
            None => Some(block),
        }
    }

    /// The disk blocks of the instance: boot disk first, then attached disks.
    pub fn disks(&self) -> impl Iterator<Item = (&'static str, &'a Attr)> + '_ {
        let boot = self.boot_disk.map(|disk| ("boot disk", disk));
        boot.into_iter().chain(self.attached_disks.iter().map(|disk| ("attached disk", *disk)))
    }
}

pub fn instances(deployment: &Deployment) -> Vec<Instance<'_>> {
    deployment
        .of_kinds(INSTANCE_KINDS)
        .map(|resource| Instance {
            resource,
            metadata: resource.get("metadata"),
            can_ip_forward: resource.get("can_ip_forward"),
            network_interfaces: resource.blocks("network_interface").collect(),
            service_account: resource.blocks("service_account").next(),
            shielded: resource.blocks("shielded_instance_config").next(),
            boot_disk: resource.blocks("boot_disk").next(),
            attached_disks: resource.blocks("attached_disk").collect(),
            from_template: resource.kind != "google_compute_instance",
        })
        .collect()
}

/// Why a firewall rule admits any address.
pub enum OpenSource<'a> {
    /// A source range of every address.
    Range(&'a Attr),
    /// No source ranges, tags or service accounts at all.
    NoSource,
}

impl OpenSource<'_> {
    pub fn describe(&self) -> String {
        match self {
            OpenSource::Range(range) => range.as_str().unwrap_or("any address").to_string(),
            OpenSource::NoSource => "any address (no source is given)".to_string(),
        }
    }

    pub fn attr(&self) -> Option<&Attr> {
        match self {
            OpenSource::Range(range) => Some(range),
            OpenSource::NoSource => None,
        }
    }
}

/// A VPC firewall rule (`google_compute_firewall`).
pub struct Firewall<'a> {
    pub resource: &'a Resource,
    /// `direction`: `INGRESS` (the default) or `EGRESS`.
    pub direction: Option<&'a Attr>,
    pub disabled: Option<&'a Attr>,
    pub source_ranges: Option<&'a Attr>,
    /// `source_tags` or `source_service_accounts`: other ways to name who may connect.
    pub other_sources: bool,
    /// The `allow` blocks.
    pub allows: Vec<&'a Attr>,
}

impl<'a> Firewall<'a> {
    /// An enabled rule for incoming traffic.
    pub fn is_active_ingress(&self) -> bool {
        let ingress = match self.direction {
            None => true,
            Some(direction) => direction.as_str().is_some_and(|d| d.eq_ignore_ascii_case("INGRESS")),
        };
        ingress && !self.disabled.is_some_and(Attr::is_true)
    }

    /// What makes the rule open to any address, if it is: a `0.0.0.0/0` or `::/0`
    /// source range, or no source of any kind, which Google reads as any address.
    pub fn open_source(&self) -> Option<OpenSource<'a>> {
        match self.source_ranges {
            Some(ranges) => {
                ranges.items().iter().find(|r| r.as_str().is_some_and(is_any_address)).map(OpenSource::Range)
            }
            None if !self.other_sources => Some(OpenSource::NoSource),
            None => None,
        }
    }

    /// The `allow` blocks that let traffic reach `port` over TCP (or any protocol).
    pub fn allows_tcp_port(&self, port: u16) -> Vec<&'a Attr> {
        self.allows.iter().copied().filter(|allow| allow_reaches(allow, port)).collect()
    }

    /// `allow` blocks that open every port: protocol `all`, or TCP/UDP without a
    /// port list or with the full port range.
    pub fn allows_every_port(&self) -> Vec<&'a Attr> {
        self.allows.iter().copied().filter(|allow| opens_every_port(allow)).collect()
    }
}

fn opens_every_port(allow: &Attr) -> bool {
    let Some(protocol) = allow.get("protocol").and_then(Attr::as_str) else { return false };
    let protocol = protocol.to_ascii_lowercase();
    if protocol == "all" {
        return true;
    }
    if !matches!(protocol.as_str(), "tcp" | "udp" | "6" | "17") {
        return false;
    }
    match allow.get("ports") {
        None => true,
        Some(ports) if ports.is_null() || ports.items().is_empty() => true,
        Some(ports) => ports.strings().iter().any(|range| matches!(range.trim(), "0-65535" | "1-65535")),
    }
}

fn allow_reaches(allow: &Attr, port: u16) -> bool {
    let Some(protocol) = allow.get("protocol").and_then(Attr::as_str) else { return false };
    let protocol = protocol.to_ascii_lowercase();
    if protocol == "all" {
        return true;
    }
    if protocol != "tcp" && protocol != "6" {
        return false;
    }
    match allow.get("ports") {
        None => true,
        Some(ports) if ports.is_null() => true,
        Some(ports) => ports.items().iter().any(|range| {
            let text = match &range.value {
                crate::cloud::Value::Number(n) => n.to_string(),
                _ => range.as_str().unwrap_or_default().to_string(),
            };
            port_range_contains(&text, port)
        }),
    }
}

/// `"22"` or `"20-25"` contains `port`.
pub fn port_range_contains(range: &str, port: u16) -> bool {
    let range = range.trim();
    let (low, high) = range.split_once('-').unwrap_or((range, range));
    match (low.trim().parse::<u16>(), high.trim().parse::<u16>()) {
        (Ok(low), Ok(high)) => low <= port && port <= high,
        _ => false,
    }
}

/// `0.0.0.0/0`, `::/0`, `*`: every address.
pub fn is_any_address(range: &str) -> bool {
    matches!(range.trim(), "0.0.0.0/0" | "::/0" | "*" | "0.0.0.0")
}

pub fn firewalls(deployment: &Deployment) -> Vec<Firewall<'_>> {
    deployment
        .of_kind("google_compute_firewall")
        .map(|resource| Firewall {
            resource,
            direction: resource.get("direction"),
            disabled: resource.get("disabled"),
            source_ranges: resource.get("source_ranges").filter(|r| !r.is_null()),
            other_sources: ["source_tags", "source_service_accounts"]
                .iter()
                .any(|key| resource.get(key).is_some_and(Attr::is_set)),
            allows: resource.blocks("allow").collect(),
        })
        .collect()
}

/// A persistent disk (`google_compute_disk`, `google_compute_region_disk`).
pub struct Disk<'a> {
    pub resource: &'a Resource,
    /// The `disk_encryption_key` block.
    pub encryption_key: Option<&'a Attr>,
}

pub fn disks(deployment: &Deployment) -> Vec<Disk<'_>> {
    deployment
        .of_kinds(&["google_compute_disk", "google_compute_region_disk"])
        .map(|resource| Disk { resource, encryption_key: resource.blocks("disk_encryption_key").next() })
        .collect()
}

/// A customer key on a disk encryption block: a KMS key or a key supplied by the customer.
pub fn has_customer_key(block: &Attr) -> bool {
    ["kms_key_self_link", "kms_key_name", "raw_key", "rsa_encrypted_key"]
        .iter()
        .any(|key| block.get(key).is_some_and(Attr::is_set))
}

/// Where an instance disk block names its customer key.
pub fn instance_disk_has_customer_key(disk: &Attr) -> bool {
    ["kms_key_self_link", "disk_encryption_key_raw", "disk_encryption_key_rsa"]
        .iter()
        .any(|key| disk.get(key).is_some_and(Attr::is_set))
        || disk.path(&["disk_encryption_key", "kms_key_self_link"]).is_some_and(Attr::is_set)
}

/// Project metadata: `google_compute_project_metadata` (all of it) and
/// `google_compute_project_metadata_item` (one key).
pub struct ProjectMetadata<'a> {
    pub resource: &'a Resource,
    /// The `metadata` map of the whole-project resource; `None` for single items.
    pub metadata: Option<&'a Attr>,
    /// The item resource's own key and value.
    pub item: Option<(&'a Attr, &'a Attr)>,
}

impl<'a> ProjectMetadata<'a> {
    /// The value set for `key` by this resource.
    pub fn value(&self, key: &str) -> Option<&'a Attr> {
        match (self.metadata, self.item) {
            (Some(metadata), _) => metadata.get(key),
            (None, Some((item_key, value))) if item_key.as_str() == Some(key) => Some(value),
            _ => None,
        }
    }
}

pub fn project_metadata(deployment: &Deployment) -> Vec<ProjectMetadata<'_>> {
    let whole = deployment.of_kind("google_compute_project_metadata").map(|resource| ProjectMetadata {
        resource,
        metadata: resource.get("metadata"),
        item: None,
    });
    let items = deployment.of_kind("google_compute_project_metadata_item").filter_map(|resource| {
        let item = resource.get("key").zip(resource.get("value"));
        item.map(|item| ProjectMetadata { resource, metadata: None, item: Some(item) })
    });
    whole.chain(items).collect()
}

/// An SSL policy for HTTPS and SSL proxy load balancers (`google_compute_ssl_policy`).
pub struct SslPolicy<'a> {
    pub resource: &'a Resource,
    /// `min_tls_version`: `TLS_1_0` when absent.
    pub min_tls_version: Option<&'a Attr>,
    /// `profile`: `COMPATIBLE` when absent, `MODERN`, `RESTRICTED` or `CUSTOM`.
    pub profile: Option<&'a Attr>,
    pub custom_features: Option<&'a Attr>,
}

pub fn ssl_policies(deployment: &Deployment) -> Vec<SslPolicy<'_>> {
    deployment
        .of_kinds(&["google_compute_ssl_policy", "google_compute_region_ssl_policy"])
        .map(|resource| SslPolicy {
            resource,
            min_tls_version: resource.get("min_tls_version"),
            profile: resource.get("profile"),
            custom_features: resource.get("custom_features"),
        })
        .collect()
}

/// A VPC subnetwork (`google_compute_subnetwork`).
pub struct Subnetwork<'a> {
    pub resource: &'a Resource,
    /// The `log_config` block (flow logs).
    pub log_config: Option<&'a Attr>,
    pub private_google_access: Option<&'a Attr>,
    pub purpose: Option<&'a Attr>,
}

impl Subnetwork<'_> {
    /// Proxy-only and Private Service Connect subnets carry no VM traffic: flow
    /// logs and Private Google Access do not apply to them.
    pub fn is_special_purpose(&self) -> bool {
        match self.purpose {
            None => false,
            Some(purpose) => match purpose.as_str() {
                Some(p) => !p.eq_ignore_ascii_case("PRIVATE") && !p.eq_ignore_ascii_case("PRIVATE_RFC_1918"),
                None => true,
            },
        }
    }
}

pub fn subnetworks(deployment: &Deployment) -> Vec<Subnetwork<'_>> {
    deployment
        .of_kind("google_compute_subnetwork")
        .map(|resource| Subnetwork {
            resource,
            log_config: resource.get("log_config").filter(|b| !b.is_null() && !b.items().is_empty()),
            private_google_access: resource.get("private_ip_google_access"),
            purpose: resource.get("purpose"),
        })
        .collect()
}

/// Projects (`google_project`) and whether they keep the default network.
pub struct Project<'a> {
    pub resource: &'a Resource,
    /// `auto_create_network`: true when absent.
    pub auto_create_network: Option<&'a Attr>,
}

pub fn projects(deployment: &Deployment) -> Vec<Project<'_>> {
    deployment
        .of_kind("google_project")
        .map(|resource| Project { resource, auto_create_network: resource.get("auto_create_network") })
        .collect()
}
