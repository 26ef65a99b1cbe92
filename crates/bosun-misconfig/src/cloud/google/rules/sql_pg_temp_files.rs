use crate::cloud::google::sql::{self, Engine, Flag};
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "GCL089",
        name: "sql-pg-temp-files-not-logged",
        title: "PostgreSQL instance does not log temporary files",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Google),
        checklist: &["env.misconfig", "env.iac-terraform", "env.audit-logging"],
        aliases: &["AVD-GCP-0014", "google-sql-enable-pg-temp-file-logging", "CKV_GCP_56"],
        rationale: "Queries that spill to temporary files are often runaway or abusive ones. With `log_temp_files = 0` every temporary file is logged with its size, which makes such queries visible.",
        remediation: "Add a `database_flags { name = \"log_temp_files\" value = \"0\" }` block to the instance `settings`.",
        bad_example: r#"resource "google_sql_database_instance" "main" {
  name             = "main"
  region           = "europe-west1"
  database_version = "POSTGRES_15"

  settings {
    tier = "db-custom-2-7680"

    database_flags {
      name  = "log_temp_files"
      value = "-1"
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
      name  = "log_temp_files"
      value = "0"
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
        match instance.flag("log_temp_files") {
            Flag::Set(value) => {
                if let Some(size) = value.as_i64().filter(|size| *size != 0) {
                    deployment.report(
                        hits,
                        instance.resource,
                        Some(value),
                        format!("log_temp_files is {size}, not 0"),
                    );
                }
            }
            Flag::Absent => {
                deployment.report(hits, instance.resource, None, "the log_temp_files flag is not set to 0")
            }
            Flag::Unknown => {}
        }
    }
}
