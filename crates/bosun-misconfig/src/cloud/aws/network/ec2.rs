//! EC2 machines as checks see them: instances (`aws_instance`, `AWS::EC2::Instance`),
//! launch templates (`aws_launch_template`, `AWS::EC2::LaunchTemplate`) and launch
//! configurations (`aws_launch_configuration`, `AWS::AutoScaling::LaunchConfiguration`).

use crate::cloud::{Attr, Deployment, Resource};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MachineKind {
    Instance,
    LaunchTemplate,
    LaunchConfiguration,
}

pub struct Machine<'a> {
    pub resource: &'a Resource,
    pub kind: MachineKind,
    /// The resource can declare metadata options (a CloudFormation instance cannot:
    /// it takes them from a launch template).
    pub metadata_configurable: bool,
    /// `metadata_options` / `MetadataOptions`, when declared.
    pub metadata: Option<&'a Attr>,
    /// `http_tokens` / `HttpTokens`.
    pub http_tokens: Option<&'a Attr>,
    /// `http_endpoint` / `HttpEndpoint` (`disabled` turns the metadata service off).
    pub http_endpoint: Option<&'a Attr>,
    /// An instance launched from a launch template: what it leaves out, the template may set.
    pub from_template: bool,
    /// Every `associate_public_ip_address` / `AssociatePublicIpAddress`.
    pub public_ip: Vec<&'a Attr>,
    pub devices: Vec<BlockDevice<'a>>,
    /// Terraform instance or launch configuration without `root_block_device`: its
    /// root volume is created unencrypted unless the image's snapshot is encrypted.
    pub root_undeclared: bool,
    /// The deployment turns EBS encryption by default on (`aws_ebs_encryption_by_default`).
    pub encrypted_by_default: bool,
    /// User data as written (plain text or base64).
    pub user_data: Vec<&'a Attr>,
    /// `monitoring` (Terraform instance), `monitoring.enabled` (launch template),
    /// `enable_monitoring` (launch configuration), `Monitoring`, `InstanceMonitoring`.
    pub monitoring: Option<&'a Attr>,
    /// Detailed monitoring is on unless turned off (launch configurations).
    pub monitoring_default_on: bool,
    pub ebs_optimized: Option<&'a Attr>,
    /// `instance_type` / `InstanceType`.
    pub instance_type: Option<&'a Attr>,
}

/// Instance types that are EBS-optimized whatever the setting says: every
/// family of generation 5 and later (`m5`, `c6g`, `r7i`, ...), the burstable
/// `t3`, `t3a`, `t4g`, and these older families (AWS's list).
const EBS_OPTIMIZED_OLDER_FAMILIES: &[&str] =
    &["m4", "c4", "r4", "d2", "p2", "p3", "g3", "i3", "x1", "x1e", "f1", "h1"];

pub fn ebs_optimized_by_default(instance_type: &str) -> bool {
    let family = instance_type.split('.').next().unwrap_or_default().to_ascii_lowercase();
    if EBS_OPTIMIZED_OLDER_FAMILIES.contains(&family.as_str()) {
        return true;
    }
    let generation = family.chars().skip_while(|c| c.is_ascii_alphabetic()).find(char::is_ascii_digit);
    match generation.and_then(|g| g.to_digit(10)) {
        Some(g) if family.starts_with('t') => g >= 3,
        Some(g) => g >= 5,
        None => false,
    }
}

pub struct BlockDevice<'a> {
    /// The device's block, where findings point.
    pub block: &'a Attr,
    /// `root volume`, `EBS volume /dev/sdf`, for messages.
    pub label: String,
    pub encrypted: Option<&'a Attr>,
    /// Created from a snapshot: it takes the snapshot's encryption.
    pub from_snapshot: bool,
}

pub fn machines(deployment: &Deployment) -> Vec<Machine<'_>> {
    let encrypted_by_default = deployment
        .of_kind("aws_ebs_encryption_by_default")
        .any(|r| r.get("enabled").is_none_or(Attr::is_true));
    let mut machines = Vec::new();
    for resource in &deployment.resources {
        let machine = match resource.kind.as_str() {
            "aws_instance" => terraform(resource, MachineKind::Instance),
            "aws_launch_template" => terraform(resource, MachineKind::LaunchTemplate),
            "aws_launch_configuration" => terraform(resource, MachineKind::LaunchConfiguration),
            "AWS::EC2::Instance" => cloudformation(resource, &resource.body, MachineKind::Instance),
            "AWS::EC2::LaunchTemplate" => match resource.get("LaunchTemplateData") {
                Some(data) => cloudformation(resource, data, MachineKind::LaunchTemplate),
                None => continue,
            },
            "AWS::AutoScaling::LaunchConfiguration" => {
                cloudformation(resource, &resource.body, MachineKind::LaunchConfiguration)
            }
            _ => continue,
        };
        machines.push(Machine { encrypted_by_default, ..machine });
    }
    machines
}

fn terraform(resource: &Resource, kind: MachineKind) -> Machine<'_> {
    let metadata = resource.get("metadata_options");
    let mut public_ip: Vec<&Attr> = resource.get("associate_public_ip_address").into_iter().collect();
    let mut devices = Vec::new();
    let (monitoring, monitoring_default_on);
    match kind {
        MachineKind::LaunchTemplate => {
            public_ip.extend(
                resource.blocks("network_interfaces").filter_map(|b| b.get("associate_public_ip_address")),
            );
            for mapping in resource.blocks("block_device_mappings") {
                let Some(ebs) = mapping.get("ebs") else { continue };
                devices.push(BlockDevice {
                    block: mapping,
                    label: device_label(mapping.get("device_name")),
                    encrypted: ebs.get("encrypted"),
                    from_snapshot: ebs.get("snapshot_id").is_some_and(Attr::is_set),
                });
            }
            monitoring = resource.path(&["monitoring", "enabled"]);
            monitoring_default_on = false;
        }
        MachineKind::Instance | MachineKind::LaunchConfiguration => {
            for root in resource.blocks("root_block_device") {
                devices.push(BlockDevice {
                    block: root,
                    label: "root volume".into(),
                    encrypted: root.get("encrypted"),
                    from_snapshot: false,
                });
            }
            for ebs in resource.blocks("ebs_block_device") {
                devices.push(BlockDevice {
                    block: ebs,
                    label: device_label(ebs.get("device_name")),
                    encrypted: ebs.get("encrypted"),
                    from_snapshot: ebs.get("snapshot_id").is_some_and(Attr::is_set),
                });
            }
            if kind == MachineKind::Instance {
                monitoring = resource.get("monitoring");
                monitoring_default_on = false;
            } else {
                monitoring = resource.get("enable_monitoring");
                monitoring_default_on = true;
            }
        }
    }
    Machine {
        resource,
        kind,
        metadata_configurable: true,
        metadata,
        http_tokens: metadata.and_then(|m| m.get("http_tokens")),
        http_endpoint: metadata.and_then(|m| m.get("http_endpoint")),
        from_template: kind == MachineKind::Instance && resource.get("launch_template").is_some(),
        public_ip,
        devices,
        root_undeclared: kind != MachineKind::LaunchTemplate && resource.get("root_block_device").is_none(),
        encrypted_by_default: false,
        user_data: ["user_data", "user_data_base64"].iter().filter_map(|k| resource.get(k)).collect(),
        monitoring,
        monitoring_default_on,
        ebs_optimized: resource.get("ebs_optimized"),
        instance_type: resource.get("instance_type"),
    }
}

/// `body` is the resource's properties, or a launch template's `LaunchTemplateData`.
fn cloudformation<'a>(resource: &'a Resource, body: &'a Attr, kind: MachineKind) -> Machine<'a> {
    let metadata = body.get("MetadataOptions");
    let mut public_ip: Vec<&Attr> = body.get("AssociatePublicIpAddress").into_iter().collect();
    public_ip.extend(body.blocks("NetworkInterfaces").filter_map(|i| i.get("AssociatePublicIpAddress")));
    let devices = body
        .blocks("BlockDeviceMappings")
        .filter_map(|mapping| {
            let ebs = mapping.get("Ebs")?;
            Some(BlockDevice {
                block: mapping,
                label: device_label(mapping.get("DeviceName")),
                encrypted: ebs.get("Encrypted"),
                from_snapshot: ebs.get("SnapshotId").is_some_and(Attr::is_set),
            })
        })
        .collect();
    let (monitoring, monitoring_default_on) = match kind {
        MachineKind::Instance => (body.get("Monitoring"), false),
        MachineKind::LaunchTemplate => (body.path(&["Monitoring", "Enabled"]), false),
        MachineKind::LaunchConfiguration => (body.get("InstanceMonitoring"), true),
    };
    Machine {
        resource,
        kind,
        metadata_configurable: kind != MachineKind::Instance,
        metadata,
        http_tokens: metadata.and_then(|m| m.get("HttpTokens")),
        http_endpoint: metadata.and_then(|m| m.get("HttpEndpoint")),
        from_template: kind == MachineKind::Instance && body.get("LaunchTemplate").is_some(),
        public_ip,
        devices,
        root_undeclared: false,
        encrypted_by_default: false,
        user_data: body.get("UserData").into_iter().collect(),
        monitoring,
        monitoring_default_on,
        ebs_optimized: body.get("EbsOptimized"),
        instance_type: body.get("InstanceType"),
    }
}

fn device_label(name: Option<&Attr>) -> String {
    match name.and_then(Attr::as_str) {
        Some(name) => format!("EBS volume {name}"),
        None => "EBS volume".into(),
    }
}

/// What in a user data script looks like a credential: an AWS access key id, an
/// AWS secret key or a password given a literal value. User data may be base64
/// (launch templates and CloudFormation hold it so); both readings are searched.
pub fn secret_in_user_data(text: &str) -> Option<&'static str> {
    secret_in_text(text).or_else(|| decode_base64(text).and_then(|decoded| secret_in_text(&decoded)))
}

fn secret_in_text(text: &str) -> Option<&'static str> {
    if has_access_key_id(text) {
        return Some("an AWS access key id");
    }
    let lower = text.to_ascii_lowercase();
    if assigned_values(&lower, text, "secret_access_key").any(|value| value.len() >= 40) {
        return Some("an AWS secret access key");
    }
    if ["password", "passwd"].iter().any(|name| assigned_values(&lower, text, name).any(is_literal_secret)) {
        return Some("a password");
    }
    None
}

/// `AKIA`/`ASIA` and 16 upper-case letters or digits, standing alone.
fn has_access_key_id(text: &str) -> bool {
    let bytes = text.as_bytes();
    (0..bytes.len().saturating_sub(19)).any(|i| {
        let word = &bytes[i..i + 20];
        (word.starts_with(b"AKIA") || word.starts_with(b"ASIA"))
            && word[4..].iter().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
            && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric())
            && bytes.get(i + 20).is_none_or(|b| !b.is_ascii_alphanumeric())
    })
}

/// The values assigned to identifiers ending in `name` (`DB_PASSWORD=...`,
/// `"password": "..."`), without their quotes. `lower` is `text` lower-cased.
fn assigned_values<'t>(lower: &'t str, text: &'t str, name: &'t str) -> impl Iterator<Item = &'t str> + 't {
    lower.match_indices(name).filter_map(move |(at, _)| {
        let rest = &text[at + name.len()..];
        // The identifier must end here.
        if rest.chars().next().is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') {
            return None;
        }
        let rest = rest.trim_start_matches(['"', '\'']).trim_start_matches([' ', '\t']);
        let rest = rest.strip_prefix('=').or_else(|| rest.strip_prefix(':'))?;
        let rest = rest.trim_start_matches([' ', '\t']);
        let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'');
        let rest = match quote {
            Some(q) => &rest[1..rest[1..].find(q).map_or(rest.len(), |end| end + 1)],
            None => rest.split(|c: char| c.is_whitespace() || c == ';' || c == ',').next().unwrap_or(""),
        };
        Some(rest)
    })
}

/// A value written out, not taken from a variable, a command or a template.
fn is_literal_secret(value: &str) -> bool {
    value.len() >= 6
        && !value.starts_with(['$', '{', '%', '<', '(', '`', '@'])
        && !value.contains("${")
        && !["null", "none", "changeme", "password"].contains(&value.to_ascii_lowercase().as_str())
}

/// Standard base64 (whitespace ignored) that decodes to text; anything else is `None`.
fn decode_base64(text: &str) -> Option<String> {
    let symbols: Vec<u8> = text.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    if symbols.len() < 8 || !symbols.len().is_multiple_of(4) {
        return None;
    }
    let value = |b: u8| -> Option<u32> {
        Some(match b {
            b'A'..=b'Z' => b - b'A',
            b'a'..=b'z' => b - b'a' + 26,
            b'0'..=b'9' => b - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    let mut out = Vec::with_capacity(symbols.len() / 4 * 3);
    for chunk in symbols.chunks(4) {
        let padding = chunk.iter().rev().take_while(|b| **b == b'=').count();
        if padding > 2 {
            return None;
        }
        let mut group = 0u32;
        for &b in &chunk[..4 - padding] {
            group = (group << 6) | value(b)?;
        }
        group <<= 6 * padding as u32;
        let bytes = [(group >> 16) as u8, (group >> 8) as u8, group as u8];
        out.extend_from_slice(&bytes[..3 - padding]);
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_keys_and_passwords() {
        assert_eq!(
            secret_in_user_data("export AWS_ACCESS_KEY_ID=AKIAZQ3DRSTUVWXY1234"),
            Some("an AWS access key id")
        );
        assert_eq!(secret_in_user_data("export DB_PASSWORD=s3cr3t-value"), Some("a password"));
        assert_eq!(secret_in_user_data("{\"password\": \"hunter2hunter2\"}"), Some("a password"));
        assert_eq!(secret_in_user_data("export DB_PASSWORD=$(aws ssm get-parameter)"), None);
        assert_eq!(secret_in_user_data("echo \"password: ${PASSWORD}\""), None);
        assert_eq!(secret_in_user_data("PASSWORD_FILE=/run/secrets/db"), None);
        // base64 of "export DB_PASSWORD=s3cr3t-value"
        assert_eq!(secret_in_user_data("ZXhwb3J0IERCX1BBU1NXT1JEPXMzY3IzdC12YWx1ZQ=="), Some("a password"));
    }
}
