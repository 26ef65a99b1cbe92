//! VPCs, subnets and network ACLs as checks see them.

use super::traffic::{self, Ports};
use crate::cloud::{Attr, Deployment, Resource, Value};

pub struct Vpc<'a> {
    pub resource: &'a Resource,
    pub flow_logs: FlowLogs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlowLogs {
    /// An `aws_flow_log` / `AWS::EC2::FlowLog` captures the VPC's traffic.
    Captured,
    /// No flow log of the deployment names the VPC, and every flow log's target is known.
    Missing,
    /// Some flow log's target is not known before apply: it may be this VPC.
    Unknown,
}

const TF_VPC: &str = "aws_vpc";
const CFN_VPC: &str = "AWS::EC2::VPC";

pub fn vpcs(deployment: &Deployment) -> Vec<Vpc<'_>> {
    // The VPCs flow logs point at; `None` when one of them points somewhere unknown.
    let mut targets: Option<Vec<&Resource>> = Some(Vec::new());
    for log in deployment.of_kinds(&["aws_flow_log", "AWS::EC2::FlowLog"]) {
        let target = if log.is_cloudformation() {
            match log.get("ResourceType").and_then(Attr::as_str) {
                Some(kind) if kind.eq_ignore_ascii_case("VPC") => log.get("ResourceId"),
                Some(_) => continue,
                None => log.get("ResourceId"),
            }
        } else {
            match log.get("vpc_id") {
                Some(vpc) => Some(vpc),
                // A flow log of a subnet, an interface or a transit gateway.
                None => continue,
            }
        };
        match target.map(|t| (t, deployment.resolve(t, &[TF_VPC, CFN_VPC], &[]))) {
            Some((_, Some(vpc))) => {
                if let Some(list) = targets.as_mut() {
                    list.push(vpc)
                }
            }
            // A literal id names a VPC outside the deployment.
            Some((Attr { value: Value::String(_), .. }, None)) => {}
            _ => targets = None,
        }
    }
    deployment
        .of_kinds(&[TF_VPC, CFN_VPC])
        .map(|vpc| Vpc {
            resource: vpc,
            flow_logs: match &targets {
                Some(list) if list.contains(&vpc) => FlowLogs::Captured,
                Some(_) => FlowLogs::Missing,
                None => FlowLogs::Unknown,
            },
        })
        .collect()
}

/// `aws_default_vpc`: the region's default VPC, adopted by Terraform.
pub fn default_vpcs(deployment: &Deployment) -> impl Iterator<Item = &Resource> {
    deployment.of_kind("aws_default_vpc")
}

pub struct Subnet<'a> {
    pub resource: &'a Resource,
    /// `map_public_ip_on_launch` / `MapPublicIpOnLaunch`.
    pub map_public_ip: Option<&'a Attr>,
}

pub fn subnets(deployment: &Deployment) -> Vec<Subnet<'_>> {
    deployment
        .of_kinds(&["aws_subnet", "aws_default_subnet", "AWS::EC2::Subnet"])
        .map(|subnet| Subnet {
            resource: subnet,
            map_public_ip: subnet.get(if subnet.is_cloudformation() {
                "MapPublicIpOnLaunch"
            } else {
                "map_public_ip_on_launch"
            }),
        })
        .collect()
}

/// One network ACL entry that allows traffic in.
pub struct AclIngress<'a> {
    /// The ACL for an entry written inside it, else the entry resource.
    pub resource: &'a Resource,
    /// The entry's block (inline), or `None` for an entry resource.
    pub block: Option<&'a Attr>,
    pub ports: Ports,
    pub ranges: Vec<&'a Attr>,
}

impl<'a> AclIngress<'a> {
    /// The first range of the entry that covers every address.
    pub fn open_source(&self) -> Option<&'a Attr> {
        traffic::anywhere(&self.ranges).into_iter().next()
    }

    pub fn label(&self) -> &'static str {
        if self.block.is_some() {
            "ingress entry"
        } else {
            "network ACL entry"
        }
    }
}

/// Every network ACL entry that allows inbound traffic.
pub fn acl_ingress(deployment: &Deployment) -> Vec<AclIngress<'_>> {
    let mut entries = Vec::new();
    for acl in deployment.of_kinds(&["aws_network_acl", "aws_default_network_acl"]) {
        for block in acl.blocks("ingress") {
            if !block.get("action").and_then(Attr::as_str).is_some_and(|a| a.eq_ignore_ascii_case("allow")) {
                continue;
            }
            entries.push(AclIngress {
                resource: acl,
                block: Some(block),
                ports: Ports::read(block.get("protocol"), block.get("from_port"), block.get("to_port")),
                ranges: ["cidr_block", "ipv6_cidr_block"].iter().filter_map(|k| block.get(k)).collect(),
            });
        }
    }
    for rule in deployment.of_kind("aws_network_acl_rule") {
        let egress = rule.get("egress").map_or(Some(false), Attr::as_bool);
        let allow =
            rule.get("rule_action").and_then(Attr::as_str).is_some_and(|a| a.eq_ignore_ascii_case("allow"));
        if egress != Some(false) || !allow {
            continue;
        }
        entries.push(AclIngress {
            resource: rule,
            block: None,
            ports: Ports::read(rule.get("protocol"), rule.get("from_port"), rule.get("to_port")),
            ranges: ["cidr_block", "ipv6_cidr_block"].iter().filter_map(|k| rule.get(k)).collect(),
        });
    }
    for entry in deployment.of_kind("AWS::EC2::NetworkAclEntry") {
        let egress = entry.get("Egress").map_or(Some(false), Attr::as_bool);
        let allow =
            entry.get("RuleAction").and_then(Attr::as_str).is_some_and(|a| a.eq_ignore_ascii_case("allow"));
        if egress != Some(false) || !allow {
            continue;
        }
        let range = entry.get("PortRange");
        entries.push(AclIngress {
            resource: entry,
            block: None,
            ports: Ports::read(
                entry.get("Protocol"),
                range.and_then(|r| r.get("From")),
                range.and_then(|r| r.get("To")),
            ),
            ranges: ["CidrBlock", "Ipv6CidrBlock"].iter().filter_map(|k| entry.get(k)).collect(),
        });
    }
    entries
}
