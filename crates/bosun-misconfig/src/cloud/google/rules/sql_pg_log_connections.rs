use crate::cloud::google::sql::{self, Engine, Flag};
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "GCL084",
        name: "sql-pg-log-connections-off",
        title: "PostgreSQL instance does not log connections",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Google),
        checklist: &["env.misconfig", "env.iac-terraform", "env.audit-logging"],
        aliases: &["AVD-GCP-0016", "google-sql-pg-log-connections", "CKV_GCP_52"],
        rationale: "Logging each connection attempt records who connected from where, which is needed to spot password guessing and to trace access during an investigation. PostgreSQL does not log connections by default.",
        remediation: "Add a `database_flags { name = \"log_connections\" value = \"on\" }` block to the instance `settings`.",
        bad_example: r#"resource "google_sql_database_instance" "main" {
  name             = "main"
  region           = "europe-west1"
  database_version = "POSTGRES_15"

  settings {
    tier = "db-custom-2-7680"

    database_flags {
      name  = "log_connections"
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
      name  = "log_connections"
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
        match instance.flag("log_connections") {
            Flag::Set(value) if sql::flag_on(value) == Some(false) => {
                deployment.report(hits, instance.resource, Some(value), "the log_connections flag is off")
            }
            Flag::Absent => {
                deployment.report(hits, instance.resource, None, "the log_connections flag is not turned on")
            }
            _ => {}
        }
    }
}
