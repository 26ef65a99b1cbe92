//! WAF web ACLs as checks see them (`aws_wafv2_web_acl`, `AWS::WAFv2::WebACL`, and
//! the classic `aws_waf_web_acl`/`aws_wafregional_web_acl`), and the resources
//! web ACL associations protect.

use crate::cloud::deployment::base_address;
use crate::cloud::{Attr, Deployment, Resource, Value};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Known {
    Yes,
    No,
    /// Something that could decide it is not known before apply.
    Unknown,
}

pub struct WebAcl<'a> {
    pub resource: &'a Resource,
    /// A logging configuration records the requests the ACL inspects.
    pub logged: Known,
}

const V2_ACLS: &[&str] = &["aws_wafv2_web_acl", "AWS::WAFv2::WebACL"];

pub fn web_acls(deployment: &Deployment) -> Vec<WebAcl<'_>> {
    let configs: Vec<&Attr> = deployment
        .of_kinds(&["aws_wafv2_web_acl_logging_configuration", "AWS::WAFv2::LoggingConfiguration"])
        .filter_map(|c| c.get(if c.is_cloudformation() { "ResourceArn" } else { "resource_arn" }))
        .collect();
    let any_unknown = configs.iter().any(|arn| target(deployment, arn) == Target::Unknown);
    let v2 = deployment.of_kinds(V2_ACLS).map(|acl| {
        let logged = if configs.iter().any(|arn| target(deployment, arn) == Target::Resource(acl)) {
            Known::Yes
        } else if any_unknown {
            Known::Unknown
        } else {
            Known::No
        };
        WebAcl { resource: acl, logged }
    });
    let classic = deployment.of_kinds(&["aws_waf_web_acl", "aws_wafregional_web_acl"]).map(|acl| WebAcl {
        resource: acl,
        logged: if acl.get("logging_configuration").is_some() { Known::Yes } else { Known::No },
    });
    v2.chain(classic).collect()
}

/// Whether a web ACL association of the deployment protects `target`.
pub fn protects(deployment: &Deployment, target: &Resource) -> Known {
    let mut unknown = false;
    for association in deployment.of_kinds(&[
        "aws_wafv2_web_acl_association",
        "aws_wafregional_web_acl_association",
        "AWS::WAFv2::WebACLAssociation",
        "AWS::WAFRegional::WebACLAssociation",
    ]) {
        let key = if association.is_cloudformation() { "ResourceArn" } else { "resource_arn" };
        let Some(arn) = association.get(key) else { continue };
        match self::target(deployment, arn) {
            Target::Resource(found) if found == target => return Known::Yes,
            Target::Resource(_) | Target::Outside => {}
            Target::Unknown => unknown = true,
        }
    }
    if unknown {
        Known::Unknown
    } else {
        Known::No
    }
}

#[derive(Debug, PartialEq)]
enum Target<'a> {
    /// A resource of the deployment.
    Resource(&'a Resource),
    /// A literal ARN: something the deployment does not declare.
    Outside,
    Unknown,
}

/// What an ARN attribute names.
fn target<'a>(deployment: &'a Deployment, arn: &Attr) -> Target<'a> {
    match &arn.value {
        Value::Reference(address) => deployment
            .resources
            .iter()
            .find(|r| r.address == *address || r.base_address() == base_address(address))
            .map_or(Target::Unknown, Target::Resource),
        Value::String(_) => Target::Outside,
        _ => Target::Unknown,
    }
}
