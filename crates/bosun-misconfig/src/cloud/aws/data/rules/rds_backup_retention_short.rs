use crate::cloud::aws::data::checks::Number;
use crate::cloud::aws::data::rds;
use crate::cloud::Resource;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ203",
        name: "rds-backup-retention-short",
        title: "RDS database keeps automated backups for less than 7 days",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["AVD-AWS-0077", "aws-rds-specify-backup-retention", "CKV_AWS_133"],
        rationale: "Automated backups are what point-in-time restore works from. With retention at zero there are none at all; with the default single day, a bad migration or a deletion noticed after a weekend can no longer be undone. A week is a common floor.",
        remediation: "Set `backup_retention_period` to 7 or more on the `aws_db_instance` or `aws_rds_cluster` (`BackupRetentionPeriod` on `AWS::RDS::DBInstance` or `AWS::RDS::DBCluster`).",
        bad_example: "resource \"aws_db_instance\" \"billing\" {\n  identifier              = \"billing\"\n  engine                  = \"postgres\"\n  instance_class          = \"db.t3.micro\"\n  allocated_storage       = 20\n  backup_retention_period = 0\n}\n",
        good_example: "resource \"aws_db_instance\" \"billing\" {\n  identifier              = \"billing\"\n  engine                  = \"postgres\"\n  instance_class          = \"db.t3.micro\"\n  allocated_storage       = 20\n  backup_retention_period = 14\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Billing:\n    Type: AWS::RDS::DBCluster\n    Properties:\n      Engine: aurora-mysql\n      MasterUsername: app\n",
            good: "Resources:\n  Billing:\n    Type: AWS::RDS::DBCluster\n    Properties:\n      Engine: aurora-mysql\n      MasterUsername: app\n      BackupRetentionPeriod: 7\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for db in rds::instances(deployment) {
        // Replicas and cluster members are backed up through their source or cluster.
        if !db.cluster_member && !db.replica {
            judge(deployment, hits, db.resource, db.backup_retention, "DB instance");
        }
    }
    for cluster in rds::clusters(deployment) {
        judge(deployment, hits, cluster.resource, cluster.backup_retention, "DB cluster");
    }
}

/// Days below which a retention period is reported.
const MINIMUM_DAYS: i64 = 7;

fn judge(deployment: &Deployment, hits: &mut Hits, resource: &Resource, retention: Number, what: &str) {
    match retention {
        Number::Known(0, attr) => deployment.report(
            hits,
            resource,
            Some(attr),
            format!("automated backups of the {what} are turned off"),
        ),
        Number::Known(days, attr) if days < MINIMUM_DAYS => deployment.report(
            hits,
            resource,
            Some(attr),
            format!("automated backups of the {what} are kept only {days} day(s)"),
        ),
        Number::Absent => deployment.report(
            hits,
            resource,
            None,
            format!("the {what} keeps automated backups for the default single day"),
        ),
        _ => {}
    }
}
