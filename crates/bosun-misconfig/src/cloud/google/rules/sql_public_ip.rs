use crate::cloud::google::sql;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "GCL081",
        name: "sql-public-ip-enabled",
        title: "Cloud SQL instance has a public IP address",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Google),
        checklist: &["env.misconfig", "env.iac-terraform", "env.least-access"],
        aliases: &["AVD-GCP-0017", "google-sql-no-public-access", "CKV_GCP_60"],
        rationale: "A public IP address makes the database reachable from outside the VPC, protected only by authorized networks and passwords. Private IP keeps it on the internal network.",
        remediation: "Set `settings.ip_configuration.ipv4_enabled = false` and give the instance a `private_network`.",
        bad_example: r#"resource "google_sql_database_instance" "main" {
  name             = "main"
  region           = "europe-west1"
  database_version = "POSTGRES_15"

  settings {
    tier = "db-custom-2-7680"

    ip_configuration {
      ipv4_enabled = true
      ssl_mode     = "ENCRYPTED_ONLY"
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

    ip_configuration {
      ipv4_enabled    = false
      private_network = google_compute_network.main.id
      ssl_mode        = "ENCRYPTED_ONLY"
    }
  }
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for instance in sql::instances(deployment) {
        if instance.settings.is_some_and(|s| s.is_unknown()) {
            continue;
        }
        match instance.ip_setting("ipv4_enabled") {
            Some(flag) if flag.is_true() => deployment.report(
                hits,
                instance.resource,
                Some(flag),
                "ipv4_enabled is true, so the instance has a public IP",
            ),
            None if instance.ip_configuration.is_none_or(|c| !c.is_unknown()) => deployment.report(
                hits,
                instance.resource,
                None,
                "the instance does not set ipv4_enabled = false, so it gets a public IP",
            ),
            _ => {}
        }
    }
}
