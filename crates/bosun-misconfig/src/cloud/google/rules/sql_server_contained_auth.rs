use crate::cloud::google::sql::{self, Engine, Flag};
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "GCL091",
        name: "sql-server-contained-db-auth-on",
        title: "SQL Server instance allows contained database authentication",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Google),
        checklist: &["env.misconfig", "env.iac-terraform", "env.least-access"],
        aliases: &["AVD-GCP-0023", "google-sql-no-contained-db-auth", "CKV_GCP_59"],
        rationale: "Contained databases authenticate their own users, out of sight of the server's login policies and audits, and a user with database owner rights can create such users and reach the server through them.",
        remediation: "Remove the `contained database authentication` database flag or set it to `\"off\"`.",
        bad_example: r#"resource "google_sql_database_instance" "main" {
  name             = "main"
  region           = "europe-west1"
  database_version = "SQLSERVER_2019_STANDARD"

  settings {
    tier = "db-custom-2-7680"

    database_flags {
      name  = "contained database authentication"
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
      name  = "contained database authentication"
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
        if let Flag::Set(value) = instance.flag("contained database authentication") {
            if sql::flag_on(value) == Some(true) {
                deployment.report(
                    hits,
                    instance.resource,
                    Some(value),
                    "the contained database authentication flag is on",
                );
            }
        }
    }
}
