use crate::cloud::google::sql;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "GCL082",
        name: "sql-ssl-not-required",
        title: "Cloud SQL instance accepts unencrypted connections",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Google),
        checklist: &["env.misconfig", "env.iac-terraform"],
        aliases: &["AVD-GCP-0015", "google-sql-encrypt-in-transit-data", "CKV_GCP_6"],
        rationale: "Unless the instance requires TLS, clients may connect in plain text, and credentials and query results cross the network readable by anyone on the path.",
        remediation: "Set `settings.ip_configuration.ssl_mode = \"ENCRYPTED_ONLY\"` (or `TRUSTED_CLIENT_CERTIFICATE_REQUIRED`).",
        bad_example: r#"resource "google_sql_database_instance" "main" {
  name             = "main"
  region           = "europe-west1"
  database_version = "POSTGRES_15"

  settings {
    tier = "db-custom-2-7680"

    ip_configuration {
      ipv4_enabled    = false
      private_network = google_compute_network.main.id
      ssl_mode        = "ALLOW_UNENCRYPTED_AND_ENCRYPTED"
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
        if instance.settings.is_some_and(|s| s.is_unknown())
            || instance.ip_configuration.is_some_and(|c| c.is_unknown())
        {
            continue;
        }
        let ssl_mode = instance.ip_setting("ssl_mode");
        let require_ssl = instance.ip_setting("require_ssl");
        if let Some(mode) = ssl_mode {
            if let Some(value) =
                mode.as_str().filter(|m| m.eq_ignore_ascii_case("ALLOW_UNENCRYPTED_AND_ENCRYPTED"))
            {
                deployment.report(hits, instance.resource, Some(mode), format!("ssl_mode is {value}"));
            }
            continue;
        }
        match require_ssl {
            Some(flag) if flag.is_false() => {
                deployment.report(hits, instance.resource, Some(flag), "require_ssl is false")
            }
            None => deployment.report(
                hits,
                instance.resource,
                None,
                "the instance sets neither ssl_mode nor require_ssl, so unencrypted connections are accepted",
            ),
            _ => {}
        }
    }
}
