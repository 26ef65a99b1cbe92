//! RDS as checks see it: DB instances (`aws_db_instance`, `aws_rds_cluster_instance`,
//! `AWS::RDS::DBInstance`), Aurora and Multi-AZ DB clusters (`aws_rds_cluster`,
//! `AWS::RDS::DBCluster`) and the EC2-Classic DB security groups
//! (`aws_db_security_group`, `AWS::RDS::DBSecurityGroup`, `AWS::RDS::DBSecurityGroupIngress`).

use super::checks::{is_given, Number};
use crate::cloud::aws::storage::switch::Switch;
use crate::cloud::{Attr, Deployment, Resource};

pub struct DbInstance<'a> {
    pub resource: &'a Resource,
    /// A member of a DB cluster (`aws_rds_cluster_instance`, or `DBClusterIdentifier`
    /// given): its storage, backups, authentication and logs are the cluster's.
    pub cluster_member: bool,
    /// A read replica (`replicate_source_db`, `SourceDBInstanceIdentifier`).
    pub replica: bool,
    /// Created from another database (a replica, a snapshot, a point in time):
    /// its storage encryption is inherited when not written.
    pub derived: bool,
    pub engine: Option<&'a Attr>,
    pub storage_encrypted: Switch<'a>,
    /// A KMS key given for the storage, which implies encryption.
    pub kms_key: Option<&'a Attr>,
    pub publicly_accessible: Switch<'a>,
    pub backup_retention: Number<'a>,
    pub iam_auth: Switch<'a>,
    pub deletion_protection: Switch<'a>,
    pub performance_insights: Switch<'a>,
    pub performance_insights_key: Option<&'a Attr>,
    pub auto_minor_upgrade: Switch<'a>,
    pub multi_az: Switch<'a>,
    /// Enhanced monitoring interval in seconds (0 turns it off).
    pub monitoring_interval: Number<'a>,
    /// The log types exported to CloudWatch Logs.
    pub log_exports: Option<&'a Attr>,
}

pub struct DbCluster<'a> {
    pub resource: &'a Resource,
    /// Created from a snapshot, another cluster or a point in time: its storage
    /// encryption is inherited when not written.
    pub derived: bool,
    pub engine: Option<&'a Attr>,
    /// `provisioned`, `serverless` (Aurora Serverless v1, always encrypted), ...
    pub engine_mode: Option<&'a Attr>,
    pub storage_encrypted: Switch<'a>,
    /// A KMS key given for the storage, which implies encryption.
    pub kms_key: Option<&'a Attr>,
    pub backup_retention: Number<'a>,
    pub iam_auth: Switch<'a>,
    pub deletion_protection: Switch<'a>,
    pub performance_insights: Switch<'a>,
    pub performance_insights_key: Option<&'a Attr>,
    pub log_exports: Option<&'a Attr>,
}

/// One CIDR range a classic DB security group admits.
pub struct ClassicIngress<'a> {
    /// The group, or the CloudFormation ingress resource that declares the range.
    pub resource: &'a Resource,
    pub cidr: &'a Attr,
}

/// Engines whose instances accept IAM database authentication.
pub fn supports_iam_auth(engine: Option<&Attr>) -> bool {
    let Some(engine) = engine.and_then(Attr::as_str) else { return false };
    let engine = engine.to_ascii_lowercase();
    matches!(
        engine.as_str(),
        "mysql" | "mariadb" | "postgres" | "aurora" | "aurora-mysql" | "aurora-postgresql"
    )
}

impl DbCluster<'_> {
    /// Aurora Serverless v1 clusters are always encrypted.
    pub fn is_serverless_v1(&self) -> bool {
        self.engine_mode.and_then(Attr::as_str).is_some_and(|m| m.eq_ignore_ascii_case("serverless"))
    }
}

pub fn instances(deployment: &Deployment) -> Vec<DbInstance<'_>> {
    let standalone = deployment.of_kind("aws_db_instance").map(|r| {
        let replica = is_given(r.get("replicate_source_db"));
        DbInstance {
            resource: r,
            cluster_member: false,
            replica,
            derived: replica
                || is_given(r.get("snapshot_identifier"))
                || is_given(r.get("restore_to_point_in_time")),
            engine: r.get("engine"),
            storage_encrypted: Switch::of(r.get("storage_encrypted")),
            kms_key: r.get("kms_key_id").filter(|k| !k.is_null()),
            publicly_accessible: Switch::of(r.get("publicly_accessible")),
            backup_retention: Number::of(r.get("backup_retention_period")),
            iam_auth: Switch::of(r.get("iam_database_authentication_enabled")),
            deletion_protection: Switch::of(r.get("deletion_protection")),
            performance_insights: Switch::of(r.get("performance_insights_enabled")),
            performance_insights_key: r.get("performance_insights_kms_key_id").filter(|k| !k.is_null()),
            auto_minor_upgrade: Switch::of(r.get("auto_minor_version_upgrade")),
            multi_az: Switch::of(r.get("multi_az")),
            monitoring_interval: Number::of(r.get("monitoring_interval")),
            log_exports: r.get("enabled_cloudwatch_logs_exports"),
        }
    });
    let members = deployment.of_kind("aws_rds_cluster_instance").map(|r| DbInstance {
        resource: r,
        cluster_member: true,
        replica: false,
        derived: true,
        engine: r.get("engine"),
        storage_encrypted: Switch::Absent,
        kms_key: None,
        publicly_accessible: Switch::of(r.get("publicly_accessible")),
        backup_retention: Number::Absent,
        iam_auth: Switch::Absent,
        deletion_protection: Switch::Absent,
        performance_insights: Switch::of(r.get("performance_insights_enabled")),
        performance_insights_key: r.get("performance_insights_kms_key_id").filter(|k| !k.is_null()),
        auto_minor_upgrade: Switch::of(r.get("auto_minor_version_upgrade")),
        multi_az: Switch::Absent,
        monitoring_interval: Number::of(r.get("monitoring_interval")),
        log_exports: None,
    });
    let cloudformation = deployment.of_kind("AWS::RDS::DBInstance").map(|r| {
        let replica =
            is_given(r.get("SourceDBInstanceIdentifier")) || is_given(r.get("SourceDBClusterIdentifier"));
        DbInstance {
            resource: r,
            cluster_member: is_given(r.get("DBClusterIdentifier")),
            replica,
            derived: replica
                || is_given(r.get("DBSnapshotIdentifier"))
                || is_given(r.get("SourceDbiResourceId"))
                || is_given(r.get("SourceDBInstanceAutomatedBackupsArn"))
                || is_given(r.get("RestoreTime"))
                || r.get("UseLatestRestorableTime").is_some_and(Attr::is_true),
            engine: r.get("Engine"),
            storage_encrypted: Switch::of(r.get("StorageEncrypted")),
            kms_key: r.get("KmsKeyId").filter(|k| !k.is_null()),
            publicly_accessible: Switch::of(r.get("PubliclyAccessible")),
            backup_retention: Number::of(r.get("BackupRetentionPeriod")),
            iam_auth: Switch::of(r.get("EnableIAMDatabaseAuthentication")),
            deletion_protection: Switch::of(r.get("DeletionProtection")),
            performance_insights: Switch::of(r.get("EnablePerformanceInsights")),
            performance_insights_key: r.get("PerformanceInsightsKMSKeyId").filter(|k| !k.is_null()),
            auto_minor_upgrade: Switch::of(r.get("AutoMinorVersionUpgrade")),
            multi_az: Switch::of(r.get("MultiAZ")),
            monitoring_interval: Number::of(r.get("MonitoringInterval")),
            log_exports: r.get("EnableCloudwatchLogsExports"),
        }
    });
    standalone.chain(members).chain(cloudformation).collect()
}

pub fn clusters(deployment: &Deployment) -> Vec<DbCluster<'_>> {
    let terraform = deployment.of_kind("aws_rds_cluster").map(|r| DbCluster {
        resource: r,
        derived: is_given(r.get("snapshot_identifier"))
            || is_given(r.get("replication_source_identifier"))
            || is_given(r.get("restore_to_point_in_time")),
        engine: r.get("engine"),
        engine_mode: r.get("engine_mode"),
        storage_encrypted: Switch::of(r.get("storage_encrypted")),
        kms_key: r.get("kms_key_id").filter(|k| !k.is_null()),
        backup_retention: Number::of(r.get("backup_retention_period")),
        iam_auth: Switch::of(r.get("iam_database_authentication_enabled")),
        deletion_protection: Switch::of(r.get("deletion_protection")),
        performance_insights: Switch::of(r.get("performance_insights_enabled")),
        performance_insights_key: r.get("performance_insights_kms_key_id").filter(|k| !k.is_null()),
        log_exports: r.get("enabled_cloudwatch_logs_exports"),
    });
    let cloudformation = deployment.of_kind("AWS::RDS::DBCluster").map(|r| DbCluster {
        resource: r,
        derived: is_given(r.get("SnapshotIdentifier"))
            || is_given(r.get("SourceDBClusterIdentifier"))
            || is_given(r.get("ReplicationSourceIdentifier"))
            || is_given(r.get("RestoreToTime"))
            || is_given(r.get("RestoreType")),
        engine: r.get("Engine"),
        engine_mode: r.get("EngineMode"),
        storage_encrypted: Switch::of(r.get("StorageEncrypted")),
        kms_key: r.get("KmsKeyId").filter(|k| !k.is_null()),
        backup_retention: Number::of(r.get("BackupRetentionPeriod")),
        iam_auth: Switch::of(r.get("EnableIAMDatabaseAuthentication")),
        deletion_protection: Switch::of(r.get("DeletionProtection")),
        performance_insights: Switch::of(r.get("PerformanceInsightsEnabled")),
        performance_insights_key: r.get("PerformanceInsightsKmsKeyId").filter(|k| !k.is_null()),
        log_exports: r.get("EnableCloudwatchLogsExports"),
    });
    terraform.chain(cloudformation).collect()
}

/// The classic (EC2-Classic) DB security groups the deployment declares.
pub fn classic_security_groups(deployment: &Deployment) -> Vec<&Resource> {
    deployment.of_kinds(&["aws_db_security_group", "AWS::RDS::DBSecurityGroup"]).collect()
}

/// Every CIDR range admitted by a classic DB security group.
pub fn classic_ingress(deployment: &Deployment) -> Vec<ClassicIngress<'_>> {
    let mut ranges = Vec::new();
    for group in deployment.of_kind("aws_db_security_group") {
        for rule in group.blocks("ingress") {
            if let Some(cidr) = rule.get("cidr") {
                ranges.push(ClassicIngress { resource: group, cidr });
            }
        }
    }
    for group in deployment.of_kind("AWS::RDS::DBSecurityGroup") {
        for rule in group.blocks("DBSecurityGroupIngress") {
            if let Some(cidr) = rule.get("CIDRIP") {
                ranges.push(ClassicIngress { resource: group, cidr });
            }
        }
    }
    for rule in deployment.of_kind("AWS::RDS::DBSecurityGroupIngress") {
        if let Some(cidr) = rule.get("CIDRIP") {
            ranges.push(ClassicIngress { resource: rule, cidr });
        }
    }
    ranges
}
