use crate::cloud::google::sql::{self, Engine, Flag};
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "GCL088",
        name: "sql-pg-statement-duration-logged",
        title: "PostgreSQL instance logs statement text by duration",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Google),
        checklist: &["env.misconfig", "env.iac-terraform"],
        aliases: &["AVD-GCP-0021", "google-sql-pg-no-min-statement-logging", "CKV_GCP_57"],
        rationale: "`log_min_duration_statement` writes the full text of slow statements to the logs, including any passwords, personal data or secrets they carry. Keep it at `-1` and use Query Insights for performance work.",
        remediation: "Remove the `log_min_duration_statement` database flag or set it to `\"-1\"`.",
        bad_example: r#"resource "google_sql_database_instance" "main" {
  name             = "main"
  region           = "europe-west1"
  database_version = "POSTGRES_15"

  settings {
    tier = "db-custom-2-7680"

    database_flags {
      name  = "log_min_duration_statement"
      value = "500"
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
      name  = "log_min_duration_statement"
      value = "-1"
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
        if let Flag::Set(value) = instance.flag("log_min_duration_statement") {
            if let Some(ms) = value.as_i64().filter(|ms| *ms != -1) {
                deployment.report(
                    hits,
                    instance.resource,
                    Some(value),
                    format!("log_min_duration_statement is {ms}, so statement text is logged"),
                );
            }
        }
    }
}
