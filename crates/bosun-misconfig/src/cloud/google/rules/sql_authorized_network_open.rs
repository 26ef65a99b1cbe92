use crate::cloud::google::{compute, sql};
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "GCL080",
        name: "sql-authorized-network-open",
        title: "Cloud SQL instance accepts connections from any address",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Google),
        checklist: &["env.misconfig", "env.iac-terraform", "env.least-access"],
        aliases: &["CKV_GCP_11"],
        rationale: "An authorized network of `0.0.0.0/0` lets anyone on the internet reach the database's public address and try passwords or exploit the database engine directly.",
        remediation: "Remove `0.0.0.0/0` from `settings.ip_configuration.authorized_networks`; use private IP or the Cloud SQL Auth Proxy.",
        bad_example: r#"resource "google_sql_database_instance" "main" {
  name             = "main"
  region           = "europe-west1"
  database_version = "POSTGRES_15"

  settings {
    tier = "db-custom-2-7680"

    ip_configuration {
      ipv4_enabled = true

      authorized_networks {
        name  = "anyone"
        value = "0.0.0.0/0"
      }
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
      ipv4_enabled = true

      authorized_networks {
        name  = "office"
        value = "203.0.113.0/24"
      }
    }
  }
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for instance in sql::instances(deployment) {
        for network in instance.authorized_networks() {
            if let Some(range) = network.as_str().filter(|r| compute::is_any_address(r)) {
                deployment.report(
                    hits,
                    instance.resource,
                    Some(network),
                    format!("an authorized network is {range}"),
                );
            }
        }
    }
}
