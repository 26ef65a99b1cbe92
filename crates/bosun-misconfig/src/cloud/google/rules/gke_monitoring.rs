use crate::cloud::google::gke;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "GCL025",
        name: "gke-monitoring-disabled",
        title: "GKE cluster sends no metrics to Cloud Monitoring",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Google),
        checklist: &["env.misconfig", "env.iac-terraform", "env.audit-logging"],
        aliases: &["AVD-GCP-0052", "google-gke-enable-stackdriver-monitoring", "CKV_GCP_8"],
        rationale: "With monitoring turned off, the cluster reports no metrics, so unusual resource use (such as crypto mining on a compromised node) and failures go unnoticed.",
        remediation: "Remove `monitoring_service = \"none\"` or set it to `\"monitoring.googleapis.com/kubernetes\"`.",
        bad_example: r#"resource "google_container_cluster" "main" {
  name               = "main"
  location           = "europe-west1"
  initial_node_count = 1
  monitoring_service = "none"
}
"#,
        good_example: r#"resource "google_container_cluster" "main" {
  name               = "main"
  location           = "europe-west1"
  initial_node_count = 1
  monitoring_service = "monitoring.googleapis.com/kubernetes"
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for cluster in gke::clusters(deployment) {
        if let Some(service) =
            cluster.monitoring_service.filter(|s| s.as_str().is_some_and(|s| s.eq_ignore_ascii_case("none")))
        {
            deployment.report(hits, cluster.resource, Some(service), "monitoring_service is \"none\"");
        }
    }
}
