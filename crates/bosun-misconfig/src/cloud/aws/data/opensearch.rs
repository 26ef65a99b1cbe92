//! OpenSearch and Elasticsearch domains as checks see them (`aws_opensearch_domain`,
//! `aws_elasticsearch_domain`, `AWS::OpenSearchService::Domain`, `AWS::Elasticsearch::Domain`).

use super::checks::{at, switch_at};
use crate::cloud::aws::storage::switch::Switch;
use crate::cloud::{Attr, Deployment, Resource};

pub struct Domain<'a> {
    pub resource: &'a Resource,
    pub encrypt_at_rest: Switch<'a>,
    pub kms_key: Option<&'a Attr>,
    pub node_to_node_encryption: Switch<'a>,
    pub enforce_https: Switch<'a>,
    /// Whether HTTPS is enforced when `enforce_https` is not written: the
    /// Terraform provider defaults it to true, CloudFormation to false.
    pub https_enforced_by_default: bool,
    pub tls_policy: Option<&'a Attr>,
    /// The log publishing options, one per log type.
    pub logs: Vec<LogPublishing<'a>>,
    /// The log publishing options are written but cannot be read.
    pub logs_unknown: bool,
    pub vpc_options: Option<&'a Attr>,
}

pub struct LogPublishing<'a> {
    /// `AUDIT_LOGS`, `INDEX_SLOW_LOGS`, `SEARCH_SLOW_LOGS`, `ES_APPLICATION_LOGS`;
    /// `None` when not known.
    pub log_type: Option<&'a str>,
    /// Publishing is on unless switched off.
    pub enabled: Switch<'a>,
}

impl Domain<'_> {
    /// Whether logs of `log_type` (or of any type, when `None`) are published;
    /// `None` when bosun cannot tell.
    pub fn publishes(&self, log_type: Option<&str>) -> Option<bool> {
        if self.logs_unknown {
            return None;
        }
        let mut unknown = false;
        for log in &self.logs {
            let matches = match (log_type, log.log_type) {
                (None, _) => true,
                (Some(wanted), Some(actual)) => wanted.eq_ignore_ascii_case(actual),
                (Some(_), None) => {
                    unknown = true;
                    false
                }
            };
            if matches {
                match log.enabled {
                    Switch::On(_) | Switch::Absent => return Some(true),
                    Switch::Unknown(_) => unknown = true,
                    Switch::Off(_) => {}
                }
            }
        }
        if unknown {
            None
        } else {
            Some(false)
        }
    }

    /// The TLS policy lets clients negotiate TLS 1.0 or 1.1.
    pub fn allows_old_tls(&self) -> Option<&Attr> {
        self.tls_policy.filter(|p| p.as_str().is_some_and(|p| p.to_ascii_uppercase().contains("TLS-1-0")))
    }
}

pub fn domains(deployment: &Deployment) -> Vec<Domain<'_>> {
    let terraform = deployment.of_kinds(&["aws_opensearch_domain", "aws_elasticsearch_domain"]).map(|r| {
        let options = r.get("log_publishing_options").filter(|o| !o.is_null());
        let logs_unknown = options.is_some_and(|o| o.is_unknown() || o.reference().is_some());
        let logs = r
            .blocks("log_publishing_options")
            .filter(|_| !logs_unknown)
            .map(|block| LogPublishing {
                log_type: block.get("log_type").and_then(Attr::as_str),
                enabled: Switch::of(block.get("enabled")),
            })
            .collect();
        Domain {
            resource: r,
            encrypt_at_rest: switch_at(&r.body, &["encrypt_at_rest", "enabled"]),
            kms_key: at(&r.body, &["encrypt_at_rest", "kms_key_id"]).filter(|k| !k.is_null()),
            node_to_node_encryption: switch_at(&r.body, &["node_to_node_encryption", "enabled"]),
            enforce_https: switch_at(&r.body, &["domain_endpoint_options", "enforce_https"]),
            https_enforced_by_default: true,
            tls_policy: at(&r.body, &["domain_endpoint_options", "tls_security_policy"]),
            logs,
            logs_unknown,
            vpc_options: r.get("vpc_options").filter(|v| v.is_set()),
        }
    });
    let cloudformation =
        deployment.of_kinds(&["AWS::OpenSearchService::Domain", "AWS::Elasticsearch::Domain"]).map(|r| {
            let options = r.get("LogPublishingOptions").filter(|o| !o.is_null());
            let logs_unknown = options.is_some_and(|o| o.is_unknown() || o.reference().is_some());
            let logs = options
                .map(|o| o.entries())
                .unwrap_or_default()
                .iter()
                .map(|(log_type, option)| LogPublishing {
                    log_type: Some(log_type.as_str()),
                    enabled: if option.is_unknown() {
                        Switch::Unknown(option)
                    } else {
                        Switch::of(option.get("Enabled"))
                    },
                })
                .collect();
            Domain {
                resource: r,
                encrypt_at_rest: switch_at(&r.body, &["EncryptionAtRestOptions", "Enabled"]),
                kms_key: at(&r.body, &["EncryptionAtRestOptions", "KmsKeyId"]).filter(|k| !k.is_null()),
                node_to_node_encryption: switch_at(&r.body, &["NodeToNodeEncryptionOptions", "Enabled"]),
                enforce_https: switch_at(&r.body, &["DomainEndpointOptions", "EnforceHTTPS"]),
                https_enforced_by_default: false,
                tls_policy: at(&r.body, &["DomainEndpointOptions", "TLSSecurityPolicy"]),
                logs,
                logs_unknown,
                vpc_options: r.get("VPCOptions").filter(|v| v.is_set()),
            }
        });
    terraform.chain(cloudformation).collect()
}
