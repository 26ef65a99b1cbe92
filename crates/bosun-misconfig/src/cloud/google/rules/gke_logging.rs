use crate::cloud::google::gke;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "GCL024",
        name: "gke-logging-disabled",
        title: "GKE cluster sends no logs to Cloud Logging",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Google),
        checklist: &["env.misconfig", "env.iac-terraform", "env.audit-logging"],
        aliases: &["AVD-GCP-0060", "google-gke-enable-stackdriver-logging", "CKV_GCP_1"],
        rationale: "With logging turned off, system and workload logs of the cluster are not collected, leaving nothing to investigate an incident or a compromise with.",
        remediation: "Remove `logging_service = \"none\"` or set it to `\"logging.googleapis.com/kubernetes\"`.",
        bad_example: r#"resource "google_container_cluster" "main" {
  name               = "main"
  location           = "europe-west1"
  initial_node_count = 1
  logging_service = "none"
}
"#,
        good_example: r#"resource "google_container_cluster" "main" {
  name               = "main"
  location           = "europe-west1"
  initial_node_count = 1
  logging_service = "logging.googleapis.com/kubernetes"
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for cluster in gke::clusters(deployment) {
        if let Some(service) =
            cluster.logging_service.filter(|s| s.as_str().is_some_and(|s| s.eq_ignore_ascii_case("none")))
        {
            deployment.report(hits, cluster.resource, Some(service), "logging_service is \"none\"");
        }
    }
}
