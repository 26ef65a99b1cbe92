//! Cases the rules' own examples do not cover: copies and cluster members,
//! values not known before apply, split resources, defaults that differ
//! between Terraform and CloudFormation.

use super::rules::*;
use crate::registry::{run_on_cloudformation_example, run_on_example};
use crate::rule::Rule;

fn tf(rule: &'static Rule, text: &str) -> usize {
    run_on_example(rule, text).iter().filter(|f| f.rule_id == rule.meta.id).count()
}

fn cfn(rule: &'static Rule, text: &str) -> usize {
    run_on_cloudformation_example(rule, text).iter().filter(|f| f.rule_id == rule.meta.id).count()
}

#[test]
fn copies_inherit_their_source_encryption() {
    let rule = &rds_instance_storage_unencrypted::RULE;
    let replica = "resource \"aws_db_instance\" \"r\" {\n  replicate_source_db = \"orders\"\n  instance_class = \"db.t3.micro\"\n}\n";
    assert_eq!(tf(rule, replica), 0);
    let keyed = "resource \"aws_db_instance\" \"k\" {\n  engine = \"mysql\"\n  kms_key_id = \"arn:aws:kms:eu-west-1:1:key/x\"\n}\n";
    assert_eq!(tf(rule, keyed), 0);
    let member = "Resources:\n  Writer:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: aurora-mysql\n      DBClusterIdentifier: !Ref Cluster\n      DBInstanceClass: db.r6g.large\n  Cluster:\n    Type: AWS::RDS::DBCluster\n    Properties:\n      Engine: aurora-mysql\n      StorageEncrypted: true\n";
    assert_eq!(cfn(rule, member), 0);
    let restored = "Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      DBSnapshotIdentifier: snap-1\n      DBInstanceClass: db.t3.micro\n";
    assert_eq!(cfn(rule, restored), 0);
}

#[test]
fn unknown_values_are_never_findings() {
    let variable = "variable \"encrypted\" {}\n\nresource \"aws_db_instance\" \"db\" {\n  engine = \"postgres\"\n  storage_encrypted = var.encrypted\n}\n";
    assert_eq!(tf(&rds_instance_storage_unencrypted::RULE, variable), 0);
    let pitr = "variable \"pitr\" {}\n\nresource \"aws_dynamodb_table\" \"t\" {\n  name = \"t\"\n  hash_key = \"id\"\n  point_in_time_recovery {\n    enabled = var.pitr\n  }\n}\n";
    assert_eq!(tf(&dynamodb_point_in_time_recovery_disabled::RULE, pitr), 0);
    let exports = "variable \"logs\" {}\n\nresource \"aws_docdb_cluster\" \"c\" {\n  storage_encrypted = true\n  enabled_cloudwatch_logs_exports = var.logs\n}\n";
    assert_eq!(tf(&docdb_audit_logs_not_exported::RULE, exports), 0);
}

#[test]
fn backups_of_members_and_replicas_are_not_judged() {
    let rule = &rds_backup_retention_short::RULE;
    let replica = "resource \"aws_db_instance\" \"r\" {\n  replicate_source_db = \"orders\"\n}\n";
    assert_eq!(tf(rule, replica), 0);
    let member = "resource \"aws_rds_cluster_instance\" \"w\" {\n  cluster_identifier = \"c\"\n  instance_class = \"db.r6g.large\"\n}\n";
    assert_eq!(tf(rule, member), 0);
    let short = "resource \"aws_rds_cluster\" \"c\" {\n  engine = \"aurora-mysql\"\n  backup_retention_period = 3\n}\n";
    assert_eq!(tf(rule, short), 1);
    let default = "resource \"aws_db_instance\" \"d\" {\n  engine = \"mysql\"\n}\n";
    assert_eq!(tf(rule, default), 1);
}

#[test]
fn iam_auth_is_judged_only_where_the_engine_supports_it() {
    let rule = &rds_iam_auth_disabled::RULE;
    let oracle = "resource \"aws_db_instance\" \"o\" {\n  engine = \"oracle-ee\"\n}\n";
    assert_eq!(tf(rule, oracle), 0);
    let postgres =
        "Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: Postgres\n";
    assert_eq!(cfn(rule, postgres), 1);
}

#[test]
fn redshift_logging_split_resource_found_by_name() {
    let rule = &redshift_audit_logging_disabled::RULE;
    let by_name = "resource \"aws_redshift_cluster\" \"w\" {\n  cluster_identifier = \"warehouse\"\n}\n\nresource \"aws_redshift_logging\" \"w\" {\n  cluster_identifier = \"warehouse\"\n  log_destination_type = \"cloudwatch\"\n}\n";
    assert_eq!(tf(rule, by_name), 0);
    let block = "resource \"aws_redshift_cluster\" \"w\" {\n  cluster_identifier = \"warehouse\"\n  logging {\n    enable = false\n  }\n}\n";
    assert_eq!(tf(rule, block), 1);
}

#[test]
fn opensearch_defaults_differ_between_languages() {
    let https = &opensearch_https_not_enforced::RULE;
    let terraform = "resource \"aws_elasticsearch_domain\" \"d\" {\n  domain_name = \"d\"\n}\n";
    assert_eq!(tf(https, terraform), 0);
    let cloudformation = "Resources:\n  D:\n    Type: AWS::Elasticsearch::Domain\n    Properties:\n      DomainEndpointOptions:\n        TLSSecurityPolicy: Policy-Min-TLS-1-2-2019-07\n";
    assert_eq!(cfn(https, cloudformation), 1);
}

#[test]
fn opensearch_audit_logs_need_the_audit_type() {
    let rule = &opensearch_audit_logs_not_published::RULE;
    let slow_only = "resource \"aws_opensearch_domain\" \"d\" {\n  domain_name = \"d\"\n  log_publishing_options {\n    log_type = \"INDEX_SLOW_LOGS\"\n    cloudwatch_log_group_arn = \"arn:aws:logs:eu-west-1:1:log-group:x\"\n  }\n}\n";
    assert_eq!(tf(rule, slow_only), 1);
    assert_eq!(tf(&opensearch_logs_not_published::RULE, slow_only), 0);
    let turned_off = "resource \"aws_opensearch_domain\" \"d\" {\n  domain_name = \"d\"\n  log_publishing_options {\n    log_type = \"AUDIT_LOGS\"\n    cloudwatch_log_group_arn = \"arn:aws:logs:eu-west-1:1:log-group:x\"\n    enabled = false\n  }\n}\n";
    assert_eq!(tf(rule, turned_off), 1);
}

#[test]
fn dms_public_default_only_in_cloudformation() {
    let rule = &dms_replication_instance_public::RULE;
    let terraform = "resource \"aws_dms_replication_instance\" \"m\" {\n  replication_instance_id = \"m\"\n  replication_instance_class = \"dms.t3.medium\"\n}\n";
    assert_eq!(tf(rule, terraform), 0);
}

#[test]
fn elasticache_backups_only_where_snapshots_exist() {
    let rule = &elasticache_backups_disabled::RULE;
    let memcached = "resource \"aws_elasticache_cluster\" \"m\" {\n  cluster_id = \"m\"\n  engine = \"memcached\"\n  node_type = \"cache.t4g.small\"\n}\n";
    assert_eq!(tf(rule, memcached), 0);
    let old_node = "resource \"aws_elasticache_cluster\" \"r\" {\n  cluster_id = \"r\"\n  engine = \"redis\"\n  node_type = \"cache.t1.micro\"\n}\n";
    assert_eq!(tf(rule, old_node), 0);
    let redis = "resource \"aws_elasticache_cluster\" \"r\" {\n  cluster_id = \"r\"\n  engine = \"redis\"\n  node_type = \"cache.t4g.small\"\n}\n";
    assert_eq!(tf(rule, redis), 1);
}

#[test]
fn msk_in_cluster_plaintext_and_defaults() {
    let rule = &msk_plaintext_allowed::RULE;
    let defaults = "resource \"aws_msk_cluster\" \"e\" {\n  cluster_name = \"e\"\n}\n";
    assert_eq!(tf(rule, defaults), 0);
    let in_cluster = "resource \"aws_msk_cluster\" \"e\" {\n  cluster_name = \"e\"\n  encryption_info {\n    encryption_in_transit {\n      in_cluster = false\n    }\n  }\n}\n";
    assert_eq!(tf(rule, in_cluster), 1);
}

#[test]
fn classic_ingress_resource_in_cloudformation() {
    let rule = &rds_classic_security_group_open::RULE;
    let ingress = "Resources:\n  Open:\n    Type: AWS::RDS::DBSecurityGroupIngress\n    Properties:\n      DBSecurityGroupName: legacy\n      CIDRIP: 0.0.0.0/0\n";
    assert_eq!(cfn(rule, ingress), 1);
}

#[test]
fn dynamodb_managed_key_alias_is_not_a_customer_key() {
    let rule = &dynamodb_table_without_cmk::RULE;
    let managed = "Resources:\n  T:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      SSESpecification:\n        SSEEnabled: true\n        KMSMasterKeyId: alias/aws/dynamodb\n";
    assert_eq!(cfn(rule, managed), 1);
}
