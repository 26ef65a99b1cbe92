//! Infrastructure as code. The adapters (`terraform/`, `cloudformation/`) read
//! their language into one [`Deployment`]: evaluated resources whose every value
//! remembers the file and lines that set it. Each provider folder (`aws/`,
//! `google/`, `azure/`) turns resources into the concepts its checks read —
//! `aws::storage::s3::Bucket` is the same whether Terraform or CloudFormation
//! declared it — so a check is written once per concept.

pub mod aws;
pub mod azure;
pub mod cloudformation;
pub mod deployment;
pub mod google;
pub mod kubernetes;
pub mod scan;
pub mod terraform;
#[cfg(test)]
mod unknown_safety;
pub mod value;

pub use deployment::{Deployment, Lang, Resource};
pub use value::{Attr, Value};

use crate::rule::{Check, Hits, RuleSet};
use bosun_core::{Finding, Location};

/// A cloud rule's check, with its examples in CloudFormation where it can say
/// them (the rule's own `bad_example`/`good_example` are Terraform).
pub struct CloudCheck {
    pub check: fn(&Deployment, &mut Hits),
    pub cloudformation: Option<Examples>,
}

#[derive(Debug, Clone, Copy)]
pub struct Examples {
    pub bad: &'static str,
    pub good: &'static str,
}

/// Runs every enabled cloud check on one deployment.
pub fn analyze_deployment(deployment: &Deployment, rules: &RuleSet) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (rule, severity) in &rules.rules {
        let Check::Cloud(cloud) = &rule.check else { continue };
        let mut hits = Hits::default();
        (cloud.check)(deployment, &mut hits);
        for hit in hits.take() {
            let location = Location {
                path: hit.path.unwrap_or_default(),
                start_line: hit.span.start_line,
                end_line: hit.span.end_line,
                resource: hit.resource,
                layer_digest: None,
            };
            let mut finding = Finding::new(&rule.meta, hit.message, location);
            finding.severity = *severity;
            findings.push(finding);
        }
    }
    findings
}
