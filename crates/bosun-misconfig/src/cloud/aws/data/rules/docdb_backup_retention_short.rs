use crate::cloud::aws::data::checks::Number;
use crate::cloud::aws::data::documentdb;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ240",
        name: "docdb-backup-retention-short",
        title: "DocumentDB cluster keeps backups for less than 7 days",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["CKV_AWS_360"],
        rationale: "DocumentDB restores to a point in time only within its backup retention period, one day by default. A corruption or deletion noticed later than that cannot be undone from automated backups.",
        remediation: "Set `backup_retention_period` to 7 or more on the `aws_docdb_cluster` (`BackupRetentionPeriod` on `AWS::DocDB::DBCluster`).",
        bad_example: "resource \"aws_docdb_cluster\" \"profiles\" {\n  cluster_identifier = \"profiles\"\n  engine             = \"docdb\"\n  master_username    = \"app\"\n  backup_retention_period = 2\n}\n",
        good_example: "resource \"aws_docdb_cluster\" \"profiles\" {\n  cluster_identifier = \"profiles\"\n  engine             = \"docdb\"\n  master_username    = \"app\"\n  backup_retention_period = 7\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Profiles:\n    Type: AWS::DocDB::DBCluster\n    Properties:\n      MasterUsername: app\n",
            good: "Resources:\n  Profiles:\n    Type: AWS::DocDB::DBCluster\n    Properties:\n      MasterUsername: app\n      BackupRetentionPeriod: 14\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for cluster in documentdb::clusters(deployment) {
        match cluster.backup_retention {
            Number::Known(days, attr) if days < MINIMUM_DAYS => deployment.report(
                hits,
                cluster.resource,
                Some(attr),
                format!("the DocumentDB cluster keeps backups only {days} day(s)"),
            ),
            Number::Absent => deployment.report(
                hits,
                cluster.resource,
                None,
                "the DocumentDB cluster keeps backups for the default single day",
            ),
            _ => {}
        }
    }
}

/// Days below which a retention period is reported.
const MINIMUM_DAYS: i64 = 7;
