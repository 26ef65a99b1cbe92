//! Databases, caches, analytics and streaming: RDS and Aurora, DynamoDB and DAX,
//! ElastiCache, Redshift, OpenSearch, MSK and Kinesis, DocumentDB, Neptune,
//! Athena and DMS. Each service file turns Terraform and CloudFormation resources
//! into the concept its rules read.

pub mod athena;
pub mod checks;
pub mod dms;
pub mod documentdb;
pub mod dynamodb;
pub mod elasticache;
pub mod neptune;
pub mod opensearch;
pub mod rds;
pub mod redshift;
pub mod rules;
pub mod streaming;
#[cfg(test)]
mod tests;

use crate::rule::Rule;

pub static RULES: &[&Rule] = &[
    &rules::rds_instance_storage_unencrypted::RULE,
    &rules::rds_cluster_storage_unencrypted::RULE,
    &rules::rds_instance_publicly_accessible::RULE,
    &rules::rds_backup_retention_short::RULE,
    &rules::rds_iam_auth_disabled::RULE,
    &rules::rds_deletion_protection_disabled::RULE,
    &rules::rds_performance_insights_without_cmk::RULE,
    &rules::rds_auto_minor_upgrade_disabled::RULE,
    &rules::rds_multi_az_disabled::RULE,
    &rules::rds_enhanced_monitoring_disabled::RULE,
    &rules::rds_logs_not_exported::RULE,
    &rules::rds_classic_security_group::RULE,
    &rules::rds_classic_security_group_open::RULE,
    &rules::dynamodb_point_in_time_recovery_disabled::RULE,
    &rules::dynamodb_table_without_cmk::RULE,
    &rules::dax_cluster_unencrypted::RULE,
    &rules::dax_endpoint_tls_disabled::RULE,
    &rules::elasticache_at_rest_unencrypted::RULE,
    &rules::elasticache_in_transit_unencrypted::RULE,
    &rules::elasticache_auth_missing::RULE,
    &rules::elasticache_backups_disabled::RULE,
    &rules::redshift_cluster_unencrypted::RULE,
    &rules::redshift_cluster_publicly_accessible::RULE,
    &rules::redshift_audit_logging_disabled::RULE,
    &rules::redshift_cluster_outside_vpc::RULE,
    &rules::redshift_ssl_not_required::RULE,
    &rules::opensearch_encryption_at_rest_disabled::RULE,
    &rules::opensearch_node_to_node_encryption_disabled::RULE,
    &rules::opensearch_https_not_enforced::RULE,
    &rules::opensearch_outdated_tls_policy::RULE,
    &rules::opensearch_audit_logs_not_published::RULE,
    &rules::opensearch_logs_not_published::RULE,
    &rules::opensearch_domain_outside_vpc::RULE,
    &rules::opensearch_encryption_without_cmk::RULE,
    &rules::msk_plaintext_allowed::RULE,
    &rules::msk_broker_logging_disabled::RULE,
    &rules::msk_encryption_without_cmk::RULE,
    &rules::kinesis_stream_unencrypted::RULE,
    &rules::docdb_storage_unencrypted::RULE,
    &rules::docdb_audit_logs_not_exported::RULE,
    &rules::docdb_backup_retention_short::RULE,
    &rules::docdb_tls_disabled::RULE,
    &rules::neptune_storage_unencrypted::RULE,
    &rules::neptune_iam_auth_disabled::RULE,
    &rules::neptune_audit_logs_not_exported::RULE,
    &rules::athena_workgroup_configuration_not_enforced::RULE,
    &rules::athena_workgroup_results_unencrypted::RULE,
    &rules::dms_replication_instance_public::RULE,
];
