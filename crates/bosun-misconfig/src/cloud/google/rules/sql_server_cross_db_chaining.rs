use crate::cloud::google::sql::{self, Engine, Flag};
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "GCL092",
        name: "sql-server-cross-db-ownership-chaining-on",
        title: "SQL Server instance allows cross-database ownership chaining",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Google),
        checklist: &["env.misconfig", "env.iac-terraform", "env.least-access"],
        aliases: &["AVD-GCP-0019", "google-sql-no-cross-db-ownership-chaining", "CKV_GCP_58"],
        rationale: "Cross-database ownership chaining skips permission checks when objects in one database use objects in another with the same owner, letting a user of one database reach data in others they were never granted.",
        remediation: "Remove the `cross db ownership chaining` database flag or set it to `\"off\"`.",
        bad_example: r#"resource "google_sql_database_instance" "main" {
  name             = "main"
  region           = "europe-west1"
  database_version = "SQLSERVER_2019_STANDARD"

  settings {
    tier = "db-custom-2-7680"

    database_flags {
      name  = "cross db ownership chaining"
      value = "on"
    }
  }
}
"#,
        good_example: r#"resource "google_sql_database_instance" "main" {
  name             = "main"
  region           = "europe-west1"
  database_version = "SQLSERVER_2019_STANDARD"

  settings {
    tier = "db-custom-2-7680"

    database_flags {
      name  = "cross db ownership chaining"
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
        if instance.engine != Some(Engine::SqlServer) {
            continue;
        }
        if let Flag::Set(value) = instance.flag("cross db ownership chaining") {
            if sql::flag_on(value) == Some(true) {
                deployment.report(
                    hits,
                    instance.resource,
                    Some(value),
                    "the cross db ownership chaining flag is on",
                );
            }
        }
    }
}
