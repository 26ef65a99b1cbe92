//! EKS as checks see it: clusters (`aws_eks_cluster`, `AWS::EKS::Cluster`) and
//! managed node groups (`aws_eks_node_group`, `AWS::EKS::Nodegroup`).

use crate::cloud::aws::storage::switch::Switch;
use crate::cloud::{Attr, Deployment, Resource};

/// The control plane log types EKS can send to CloudWatch.
pub const LOG_TYPES: &[&str] = &["api", "audit", "authenticator", "controllerManager", "scheduler"];

pub struct Cluster<'a> {
    pub resource: &'a Resource,
    /// The endpoint settings block (`vpc_config`, `ResourcesVpcConfig`); `None`
    /// when it is not written or computed, and nothing is known of the endpoint.
    pub vpc_config: Option<&'a Attr>,
    /// Public endpoint: on unless turned off.
    pub public_access: Switch<'a>,
    /// The CIDR ranges that may reach the public endpoint (all when absent).
    pub public_access_cidrs: Option<&'a Attr>,
    /// The enabled control plane log types; `None` when not written.
    pub log_types: Option<&'a Attr>,
    /// Every log type enabled, when they can be read (`None` if computed).
    pub enabled_log_types: Option<Vec<&'a str>>,
    /// The envelope encryption configurations (`encryption_config`, `EncryptionConfig`).
    pub encryption: Vec<Encryption<'a>>,
    /// The encryption configuration is computed.
    pub encryption_unknown: bool,
}

pub struct Encryption<'a> {
    pub resources: Option<&'a Attr>,
    pub key: Option<&'a Attr>,
}

impl Cluster<'_> {
    /// Kubernetes secrets are known to be encrypted with a KMS key of the user's.
    pub fn encrypts_secrets(&self) -> bool {
        self.encryption.iter().any(|e| {
            e.resources.is_none_or(|r| r.is_unknown() || r.has_string("secrets"))
                && e.key.is_some_and(Attr::is_set)
        })
    }
}

pub fn clusters(deployment: &Deployment) -> Vec<Cluster<'_>> {
    let terraform = deployment.of_kind("aws_eks_cluster").map(|r| {
        let vpc_config = r.blocks("vpc_config").next().filter(|v| !v.is_unknown());
        let log_types = r.get("enabled_cluster_log_types").filter(|l| !l.is_null());
        let encryption_attr = r.get("encryption_config");
        Cluster {
            resource: r,
            vpc_config,
            public_access: Switch::of(vpc_config.and_then(|v| v.get("endpoint_public_access"))),
            public_access_cidrs: vpc_config
                .and_then(|v| v.get("public_access_cidrs"))
                .filter(|c| !c.is_null()),
            log_types,
            enabled_log_types: match log_types {
                None => Some(Vec::new()),
                Some(list) => known_strings(list.items()),
            },
            encryption: r
                .blocks("encryption_config")
                .map(|e| Encryption { resources: e.get("resources"), key: e.path(&["provider", "key_arn"]) })
                .collect(),
            encryption_unknown: encryption_attr
                .is_some_and(|e| e.is_unknown() || e.items().iter().any(Attr::is_unknown)),
        }
    });
    let cloudformation = deployment.of_kind("AWS::EKS::Cluster").map(|r| {
        let vpc_config = r.get("ResourcesVpcConfig").filter(|v| !v.is_unknown());
        let log_types = r.path(&["Logging", "ClusterLogging", "EnabledTypes"]).filter(|l| !l.is_null());
        let encryption_attr = r.get("EncryptionConfig");
        Cluster {
            resource: r,
            vpc_config,
            public_access: Switch::of(vpc_config.and_then(|v| v.get("EndpointPublicAccess"))),
            public_access_cidrs: vpc_config.and_then(|v| v.get("PublicAccessCidrs")).filter(|c| !c.is_null()),
            log_types,
            enabled_log_types: match log_types {
                None => Some(Vec::new()),
                Some(list) => list.items().iter().map(|t| t.get("Type").and_then(Attr::as_str)).collect(),
            },
            encryption: encryption_attr
                .map(|e| e.items())
                .unwrap_or_default()
                .iter()
                .map(|e| Encryption { resources: e.get("Resources"), key: e.path(&["Provider", "KeyArn"]) })
                .collect(),
            encryption_unknown: encryption_attr
                .is_some_and(|e| e.is_unknown() || e.items().iter().any(Attr::is_unknown)),
        }
    });
    terraform.chain(cloudformation).collect()
}

fn known_strings(items: &[Attr]) -> Option<Vec<&str>> {
    items.iter().map(Attr::as_str).collect()
}

pub struct NodeGroup<'a> {
    pub resource: &'a Resource,
    /// The remote access block (`remote_access`, `RemoteAccess`), when written.
    pub remote_access: Option<&'a Attr>,
    pub ssh_key: Option<&'a Attr>,
    /// The security groups allowed to reach the nodes' SSH port.
    pub source_security_groups: Option<&'a Attr>,
}

pub fn node_groups(deployment: &Deployment) -> Vec<NodeGroup<'_>> {
    let terraform = deployment.of_kind("aws_eks_node_group").map(|r| {
        let remote_access = r.blocks("remote_access").next();
        NodeGroup {
            resource: r,
            remote_access,
            ssh_key: remote_access.and_then(|a| a.get("ec2_ssh_key")),
            source_security_groups: remote_access.and_then(|a| a.get("source_security_group_ids")),
        }
    });
    let cloudformation = deployment.of_kind("AWS::EKS::Nodegroup").map(|r| {
        let remote_access = r.get("RemoteAccess");
        NodeGroup {
            resource: r,
            remote_access,
            ssh_key: remote_access.and_then(|a| a.get("Ec2SshKey")),
            source_security_groups: remote_access.and_then(|a| a.get("SourceSecurityGroups")),
        }
    });
    terraform.chain(cloudformation).collect()
}
