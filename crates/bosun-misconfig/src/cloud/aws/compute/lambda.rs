//! Lambda as checks see it: functions (`aws_lambda_function`,
//! `AWS::Lambda::Function`, and SAM's `AWS::Serverless::Function`), their
//! resource-based permissions (`aws_lambda_permission`, `AWS::Lambda::Permission`)
//! and function URLs (`aws_lambda_function_url`, `AWS::Lambda::Url`, SAM's
//! `FunctionUrlConfig`).

use super::common::map_entries;
use crate::cloud::{Attr, Deployment, Resource};

pub struct Function<'a> {
    pub resource: &'a Resource,
    pub runtime: Option<&'a Attr>,
    /// The tracing mode: `Active` or `PassThrough` (the default).
    pub tracing_mode: Option<&'a Attr>,
    /// The environment variables map.
    pub variables: Option<&'a Attr>,
    /// The VPC settings (`vpc_config`, `VpcConfig`), when written.
    pub vpc_config: Option<&'a Attr>,
}

impl<'a> Function<'a> {
    pub fn environment(&self) -> Vec<(&'a str, &'a Attr)> {
        map_entries(self.variables)
    }

    /// Runs inside a VPC, or that is not known.
    pub fn maybe_in_vpc(&self) -> bool {
        let Some(config) = self.vpc_config else { return false };
        let subnets = config.get("subnet_ids").or_else(|| config.get("SubnetIds"));
        config.is_unknown() || subnets.is_none_or(|s| s.is_unknown() || !s.items().is_empty())
    }
}

pub fn functions(deployment: &Deployment) -> Vec<Function<'_>> {
    let terraform = deployment.of_kind("aws_lambda_function").map(|r| Function {
        resource: r,
        runtime: r.get("runtime"),
        tracing_mode: r.path(&["tracing_config", "mode"]),
        variables: r.path(&["environment", "variables"]),
        vpc_config: r.blocks("vpc_config").next(),
    });
    let cloudformation = deployment.of_kind("AWS::Lambda::Function").map(|r| Function {
        resource: r,
        runtime: r.get("Runtime"),
        tracing_mode: r.path(&["TracingConfig", "Mode"]),
        variables: r.path(&["Environment", "Variables"]),
        vpc_config: r.get("VpcConfig"),
    });
    let sam = deployment.of_kind(SAM_FUNCTION).map(|r| Function {
        resource: r,
        runtime: r.get("Runtime"),
        tracing_mode: r.get("Tracing"),
        variables: r.path(&["Environment", "Variables"]),
        vpc_config: r.get("VpcConfig"),
    });
    terraform.chain(cloudformation).chain(sam).collect()
}

const SAM_FUNCTION: &str = "AWS::Serverless::Function";

/// A grant in a function's resource-based policy.
pub struct Permission<'a> {
    pub resource: &'a Resource,
    /// `*`, an account, an ARN, or a service such as `s3.amazonaws.com`.
    pub principal: Option<&'a Attr>,
    pub action: Option<&'a Attr>,
    pub source_arn: Option<&'a Attr>,
    pub source_account: Option<&'a Attr>,
    pub principal_org_id: Option<&'a Attr>,
    /// For `lambda:InvokeFunctionUrl` grants: the URL's auth type.
    pub url_auth_type: Option<&'a Attr>,
}

impl Permission<'_> {
    /// A condition narrows who may use the grant (source ARN, account, organization).
    pub fn is_scoped(&self) -> bool {
        [self.source_arn, self.source_account, self.principal_org_id].iter().flatten().any(|a| a.is_set())
    }

    pub fn principal_text(&self) -> Option<&str> {
        self.principal.and_then(Attr::as_str)
    }

    /// The grant serves a function URL without authentication: the URL rule reports that.
    pub fn serves_public_url(&self) -> bool {
        self.url_auth_type.and_then(Attr::as_str).is_some_and(|t| t.eq_ignore_ascii_case("NONE"))
    }
}

pub fn permissions(deployment: &Deployment) -> Vec<Permission<'_>> {
    let terraform = deployment.of_kind("aws_lambda_permission").map(|r| Permission {
        resource: r,
        principal: r.get("principal"),
        action: r.get("action"),
        source_arn: r.get("source_arn"),
        source_account: r.get("source_account"),
        principal_org_id: r.get("principal_org_id"),
        url_auth_type: r.get("function_url_auth_type"),
    });
    let cloudformation = deployment.of_kind("AWS::Lambda::Permission").map(|r| Permission {
        resource: r,
        principal: r.get("Principal"),
        action: r.get("Action"),
        source_arn: r.get("SourceArn"),
        source_account: r.get("SourceAccount"),
        principal_org_id: r.get("PrincipalOrgID"),
        url_auth_type: r.get("FunctionUrlAuthType"),
    });
    terraform.chain(cloudformation).collect()
}

/// A function URL, declared on its own or by a SAM function.
pub struct FunctionUrl<'a> {
    pub resource: &'a Resource,
    /// `NONE` or `AWS_IAM`.
    pub auth_type: Option<&'a Attr>,
}

pub fn function_urls(deployment: &Deployment) -> Vec<FunctionUrl<'_>> {
    let terraform = deployment
        .of_kind("aws_lambda_function_url")
        .map(|r| FunctionUrl { resource: r, auth_type: r.get("authorization_type") });
    let cloudformation = deployment
        .of_kind("AWS::Lambda::Url")
        .map(|r| FunctionUrl { resource: r, auth_type: r.get("AuthType") });
    let sam = deployment.of_kind(SAM_FUNCTION).filter_map(|r| {
        let config = r.get("FunctionUrlConfig")?;
        Some(FunctionUrl { resource: r, auth_type: config.get("AuthType") })
    });
    terraform.chain(cloudformation).chain(sam).collect()
}
