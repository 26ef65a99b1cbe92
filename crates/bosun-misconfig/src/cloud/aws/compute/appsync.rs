//! AppSync GraphQL APIs (`aws_appsync_graphql_api`, `AWS::AppSync::GraphQLApi`)
//! and their caches (`aws_appsync_api_cache`, `AWS::AppSync::ApiCache`).

use crate::cloud::aws::storage::switch::Switch;
use crate::cloud::{Attr, Deployment, Resource};

pub struct GraphqlApi<'a> {
    pub resource: &'a Resource,
    /// The logging block (`log_config`, `LogConfig`), when written.
    pub log_config: Option<&'a Attr>,
    /// `ALL`, `ERROR`, `INFO`, `DEBUG` or `NONE`.
    pub field_log_level: Option<&'a Attr>,
}

pub fn graphql_apis(deployment: &Deployment) -> Vec<GraphqlApi<'_>> {
    let terraform = deployment.of_kind("aws_appsync_graphql_api").map(|r| {
        let log_config = r.blocks("log_config").next();
        GraphqlApi {
            resource: r,
            log_config,
            field_log_level: log_config.and_then(|l| l.get("field_log_level")),
        }
    });
    let cloudformation = deployment.of_kind("AWS::AppSync::GraphQLApi").map(|r| {
        let log_config = r.get("LogConfig");
        GraphqlApi {
            resource: r,
            log_config,
            field_log_level: log_config.and_then(|l| l.get("FieldLogLevel")),
        }
    });
    terraform.chain(cloudformation).collect()
}

pub struct ApiCache<'a> {
    pub resource: &'a Resource,
    pub at_rest_encryption: Switch<'a>,
    pub transit_encryption: Switch<'a>,
    /// How each setting is spelled in the cache's language, for messages.
    pub cloudformation: bool,
}

pub fn api_caches(deployment: &Deployment) -> Vec<ApiCache<'_>> {
    let terraform = deployment.of_kind("aws_appsync_api_cache").map(|r| ApiCache {
        resource: r,
        at_rest_encryption: Switch::of(r.get("at_rest_encryption_enabled")),
        transit_encryption: Switch::of(r.get("transit_encryption_enabled")),
        cloudformation: false,
    });
    let cloudformation = deployment.of_kind("AWS::AppSync::ApiCache").map(|r| ApiCache {
        resource: r,
        at_rest_encryption: Switch::of(r.get("AtRestEncryptionEnabled")),
        transit_encryption: Switch::of(r.get("TransitEncryptionEnabled")),
        cloudformation: true,
    });
    terraform.chain(cloudformation).collect()
}
