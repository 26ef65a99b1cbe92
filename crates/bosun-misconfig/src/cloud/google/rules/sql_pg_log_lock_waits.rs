use crate::cloud::google::sql::{self, Engine, Flag};
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "GCL087",
        name: "sql-pg-log-lock-waits-off",
        title: "PostgreSQL instance does not log long lock waits",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Google),
        checklist: &["env.misconfig", "env.iac-terraform", "env.audit-logging"],
        aliases: &["AVD-GCP-0020", "google-sql-pg-log-lock-waits", "CKV_GCP_54"],
        rationale: "Logging sessions that wait longer than the deadlock timeout for a lock reveals contention and denial of service through locking, which otherwise leave no trace.",
        remediation: "Add a `database_flags { name = \"log_lock_waits\" value = \"on\" }` block to the instance `settings`.",
        bad_example: r#"resource "google_sql_database_instance" "main" {
  name             = "main"
  region           = "europe-west1"
  database_version = "POSTGRES_15"

  settings {
    tier = "db-custom-2-7680"

    database_flags {
      name  = "log_lock_waits"
      value = "off"
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

    database_flags {
      name  = "log_lock_waits"
      value = "on"
    }
  }
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for instance in sql::instances(deployment) {
        if instance.engine != Some(Engine::Postgres) {
            continue;
        }
        match instance.flag("log_lock_waits") {
            Flag::Set(value) if sql::flag_on(value) == Some(false) => {
                deployment.report(hits, instance.resource, Some(value), "the log_lock_waits flag is off")
            }
            Flag::Absent => {
                deployment.report(hits, instance.resource, None, "the log_lock_waits flag is not turned on")
            }
            _ => {}
        }
    }
}
