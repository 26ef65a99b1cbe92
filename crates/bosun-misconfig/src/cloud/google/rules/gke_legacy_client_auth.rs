use crate::cloud::google::gke;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "GCL018",
        name: "gke-legacy-client-auth-enabled",
        title: "GKE cluster allows basic authentication or issues a client certificate",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Google),
        checklist: &["env.misconfig", "env.iac-terraform", "env.least-access"],
        aliases: &["AVD-GCP-0064", "google-gke-no-legacy-authentication", "CKV_GCP_13"],
        rationale: "A static username and password, or a client certificate issued at creation, are long-lived credentials with full access to the cluster that cannot be revoked without recreating it. Google identities through OAuth are short-lived and can be withdrawn.",
        remediation: "Remove `master_auth.username`/`password` and set `master_auth.client_certificate_config.issue_client_certificate = false` (or drop the `master_auth` block).",
        bad_example: r#"resource "google_container_cluster" "main" {
  name               = "main"
  location           = "europe-west1"
  initial_node_count = 1

  master_auth {
    client_certificate_config {
      issue_client_certificate = true
    }
  }
}
"#,
        good_example: r#"resource "google_container_cluster" "main" {
  name               = "main"
  location           = "europe-west1"
  initial_node_count = 1

  master_auth {
    client_certificate_config {
      issue_client_certificate = false
    }
  }
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for cluster in gke::clusters(deployment) {
        let Some(auth) = cluster.master_auth else { continue };
        for key in ["username", "password"] {
            if let Some(value) = auth.get(key).filter(|v| v.as_str().is_some_and(|s| !s.is_empty())) {
                deployment.report(
                    hits,
                    cluster.resource,
                    Some(value),
                    format!("master_auth sets a basic-auth {key}"),
                );
            }
        }
        if let Some(issue) =
            auth.path(&["client_certificate_config", "issue_client_certificate"]).filter(|i| i.is_true())
        {
            deployment.report(hits, cluster.resource, Some(issue), "the cluster issues a client certificate");
        }
    }
}
