use crate::cloud::google::sql::{self, Engine, Flag};
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "GCL086",
        name: "sql-pg-log-checkpoints-off",
        title: "PostgreSQL instance does not log checkpoints",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Google),
        checklist: &["env.misconfig", "env.iac-terraform", "env.audit-logging"],
        aliases: &["AVD-GCP-0025", "google-sql-pg-log-checkpoints", "CKV_GCP_51"],
        rationale: "Checkpoint logs show when and how heavily the server writes data to disk, which helps explain performance problems and unusual write activity.",
        remediation: "Add a `database_flags { name = \"log_checkpoints\" value = \"on\" }` block to the instance `settings`.",
        bad_example: r#"resource "google_sql_database_instance" "main" {
  name             = "main"
  region           = "europe-west1"
  database_version = "POSTGRES_15"

  settings {
    tier = "db-custom-2-7680"

    database_flags {
      name  = "log_checkpoints"
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
      name  = "log_checkpoints"
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
        // PostgreSQL 15 and later turn it on by default.
        let on_by_default = instance.major_version().is_some_and(|v| v >= 15);
        match instance.flag("log_checkpoints") {
            Flag::Set(value) if sql::flag_on(value) == Some(false) => {
                deployment.report(hits, instance.resource, Some(value), "the log_checkpoints flag is off")
            }
            Flag::Absent if !on_by_default => {
                deployment.report(hits, instance.resource, None, "the log_checkpoints flag is not turned on")
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::registry::run_on_example;

    #[test]
    fn recent_versions_log_checkpoints_by_default() {
        let text = "resource \"google_sql_database_instance\" \"db\" {\n  database_version = \"POSTGRES_16\"\n  settings {\n    tier = \"db-f1-micro\"\n  }\n}\n";
        assert!(run_on_example(&RULE, text).is_empty());
        let text = text.replace("POSTGRES_16", "POSTGRES_13");
        assert_eq!(run_on_example(&RULE, &text).len(), 1);
    }
}
