use crate::cloud::google::sql::{self, Engine, Flag};
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "GCL090",
        name: "sql-mysql-local-infile-on",
        title: "MySQL instance allows LOAD DATA LOCAL INFILE",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Google),
        checklist: &["env.misconfig", "env.iac-terraform"],
        aliases: &["AVD-GCP-0026", "google-sql-mysql-no-local-infile", "CKV_GCP_50"],
        rationale: "With `local_infile` on, the server can ask a connecting client to send any file the client can read. A rogue or compromised server, or an SQL injection, can use it to pull files off application hosts.",
        remediation: "Remove the `local_infile` database flag or set it to `\"off\"`.",
        bad_example: r#"resource "google_sql_database_instance" "main" {
  name             = "main"
  region           = "europe-west1"
  database_version = "MYSQL_8_0"

  settings {
    tier = "db-custom-2-7680"

    database_flags {
      name  = "local_infile"
      value = "on"
    }
  }
}
"#,
        good_example: r#"resource "google_sql_database_instance" "main" {
  name             = "main"
  region           = "europe-west1"
  database_version = "MYSQL_8_0"

  settings {
    tier = "db-custom-2-7680"

    database_flags {
      name  = "local_infile"
      value = "off"
    }
  }
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for instance in sql::instances(deployment) {
        if instance.engine != Some(Engine::MySql) {
            continue;
        }
        if let Flag::Set(value) = instance.flag("local_infile") {
            if sql::flag_on(value) == Some(true) {
                deployment.report(hits, instance.resource, Some(value), "the local_infile flag is on");
            }
        }
    }
}
