use crate::cloud::google::sql;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "GCL083",
        name: "sql-backups-disabled",
        title: "Cloud SQL instance does not take automated backups",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Google),
        checklist: &["env.misconfig", "env.iac-terraform"],
        aliases: &["AVD-GCP-0024", "google-sql-enable-backup", "CKV_GCP_14"],
        rationale: "Without automated backups, a deleted table, a corrupting bug or a ransomware attack on the database cannot be undone by restoring to an earlier point.",
        remediation: "Add `backup_configuration { enabled = true }` to the instance `settings`.",
        bad_example: r#"resource "google_sql_database_instance" "main" {
  name             = "main"
  region           = "europe-west1"
  database_version = "POSTGRES_15"

  settings {
    tier = "db-custom-2-7680"

    backup_configuration {
      enabled = false
    }
  }
}
"#,
        good_example: r#"resource "google_sql_database_instance" "main" {
  name             = "main"
  region           = "europe-west1"
  database_version = "POSTGRES_15"

  settings {
    tier = "db-custom-2-7680"

    backup_configuration {
      enabled                        = true
      point_in_time_recovery_enabled = true
    }
  }
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for instance in sql::instances(deployment) {
        if instance.replica || instance.settings.is_some_and(|s| s.is_unknown()) {
            continue;
        }
        match instance.setting(&["backup_configuration", "enabled"]) {
            Some(flag) if flag.is_false() => deployment.report(
                hits,
                instance.resource,
                Some(flag),
                "backup_configuration.enabled is false",
            ),
            None if instance.setting(&["backup_configuration"]).is_none_or(|b| !b.is_unknown()) => deployment
                .report(hits, instance.resource, None, "the instance does not enable automated backups"),
            _ => {}
        }
    }
}
