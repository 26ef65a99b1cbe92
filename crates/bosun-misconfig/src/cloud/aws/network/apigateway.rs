//! API Gateway as checks see it: stages of REST APIs (`aws_api_gateway_stage`,
//! `AWS::ApiGateway::Stage`) and of HTTP/WebSocket APIs (`aws_apigatewayv2_stage`,
//! `AWS::ApiGatewayV2::Stage`), method cache settings, methods and custom domains.

use crate::cloud::{Attr, Deployment, Resource};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApiVersion {
    /// REST APIs.
    V1,
    /// HTTP and WebSocket APIs.
    V2,
}

pub struct Stage<'a> {
    pub resource: &'a Resource,
    pub version: ApiVersion,
    /// `access_log_settings` / `AccessLogSetting(s)`, when declared.
    pub access_logs: Option<&'a Attr>,
    /// `xray_tracing_enabled` / `TracingEnabled` (REST APIs only).
    pub tracing: Option<&'a Attr>,
}

pub fn stages(deployment: &Deployment) -> Vec<Stage<'_>> {
    let mut out = Vec::new();
    for stage in &deployment.resources {
        out.push(match stage.kind.as_str() {
            "aws_api_gateway_stage" => Stage {
                resource: stage,
                version: ApiVersion::V1,
                access_logs: stage.get("access_log_settings"),
                tracing: stage.get("xray_tracing_enabled"),
            },
            "aws_apigatewayv2_stage" => Stage {
                resource: stage,
                version: ApiVersion::V2,
                access_logs: stage.get("access_log_settings"),
                tracing: None,
            },
            "AWS::ApiGateway::Stage" => Stage {
                resource: stage,
                version: ApiVersion::V1,
                access_logs: stage.get("AccessLogSetting"),
                tracing: stage.get("TracingEnabled"),
            },
            "AWS::ApiGatewayV2::Stage" => Stage {
                resource: stage,
                version: ApiVersion::V2,
                access_logs: stage.get("AccessLogSettings"),
                tracing: None,
            },
            _ => continue,
        });
    }
    out
}

/// One set of method settings that may cache responses.
pub struct CacheSetting<'a> {
    /// `aws_api_gateway_method_settings`, or the `AWS::ApiGateway::Stage` holding `MethodSettings`.
    pub resource: &'a Resource,
    /// The settings block or entry.
    pub block: &'a Attr,
    pub caching_enabled: Option<&'a Attr>,
    pub encrypted: Option<&'a Attr>,
}

pub fn cache_settings(deployment: &Deployment) -> Vec<CacheSetting<'_>> {
    let mut out = Vec::new();
    for settings in deployment.of_kind("aws_api_gateway_method_settings") {
        for block in settings.blocks("settings") {
            out.push(CacheSetting {
                resource: settings,
                block,
                caching_enabled: block.get("caching_enabled"),
                encrypted: block.get("cache_data_encrypted"),
            });
        }
    }
    for stage in deployment.of_kind("AWS::ApiGateway::Stage") {
        for block in stage.blocks("MethodSettings") {
            out.push(CacheSetting {
                resource: stage,
                block,
                caching_enabled: block.get("CachingEnabled"),
                encrypted: block.get("CacheDataEncrypted"),
            });
        }
    }
    out
}

pub struct Method<'a> {
    pub resource: &'a Resource,
    pub http_method: Option<&'a Attr>,
    /// `authorization` / `AuthorizationType`; CloudFormation's default is `NONE`.
    pub authorization: Option<&'a Attr>,
    pub authorization_default_none: bool,
    pub api_key_required: Option<&'a Attr>,
}

pub fn methods(deployment: &Deployment) -> Vec<Method<'_>> {
    let terraform = deployment.of_kind("aws_api_gateway_method").map(|m| Method {
        resource: m,
        http_method: m.get("http_method"),
        authorization: m.get("authorization"),
        authorization_default_none: false,
        api_key_required: m.get("api_key_required"),
    });
    let cloudformation = deployment.of_kind("AWS::ApiGateway::Method").map(|m| Method {
        resource: m,
        http_method: m.get("HttpMethod"),
        authorization: m.get("AuthorizationType"),
        authorization_default_none: true,
        api_key_required: m.get("ApiKeyRequired"),
    });
    terraform.chain(cloudformation).collect()
}

pub struct DomainName<'a> {
    pub resource: &'a Resource,
    /// Every `security_policy` / `SecurityPolicy` the domain declares.
    pub security_policies: Vec<&'a Attr>,
    /// A REST API domain (whose policy, when not written, has been TLS 1.0).
    pub rest: bool,
}

pub fn domain_names(deployment: &Deployment) -> Vec<DomainName<'_>> {
    let mut out = Vec::new();
    for domain in &deployment.resources {
        let (security_policies, rest): (Vec<&Attr>, bool) = match domain.kind.as_str() {
            "aws_api_gateway_domain_name" => (domain.get("security_policy").into_iter().collect(), true),
            "AWS::ApiGateway::DomainName" => (domain.get("SecurityPolicy").into_iter().collect(), true),
            "aws_apigatewayv2_domain_name" => (
                domain.blocks("domain_name_configuration").filter_map(|c| c.get("security_policy")).collect(),
                false,
            ),
            "AWS::ApiGatewayV2::DomainName" => (
                domain.blocks("DomainNameConfigurations").filter_map(|c| c.get("SecurityPolicy")).collect(),
                false,
            ),
            _ => continue,
        };
        out.push(DomainName { resource: domain, security_policies, rest });
    }
    out
}
