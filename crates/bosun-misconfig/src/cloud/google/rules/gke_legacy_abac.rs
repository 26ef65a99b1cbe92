use crate::cloud::google::gke;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "GCL010",
        name: "gke-legacy-abac-enabled",
        title: "GKE cluster has legacy ABAC authorization enabled",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Google),
        checklist: &["env.misconfig", "env.iac-terraform", "env.least-access"],
        aliases: &["AVD-GCP-0062", "google-gke-use-rbac-permissions", "CKV_GCP_7"],
        rationale: "Legacy attribute-based access control grants broad, static permissions that Kubernetes RBAC cannot narrow: with it on, service accounts and users can get far more access to the cluster than their roles say.",
        remediation: "Remove `enable_legacy_abac` from the `google_container_cluster` or set it to `false`, and grant access with RBAC.",
        bad_example: r#"resource "google_container_cluster" "main" {
  name               = "main"
  location           = "europe-west1"
  initial_node_count = 1
  enable_legacy_abac = true
}
"#,
        good_example: r#"resource "google_container_cluster" "main" {
  name               = "main"
  location           = "europe-west1"
  initial_node_count = 1
  enable_legacy_abac = false
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for cluster in gke::clusters(deployment) {
        if let Some(abac) = cluster.legacy_abac.filter(|a| a.is_true()) {
            deployment.report(hits, cluster.resource, Some(abac), "enable_legacy_abac is true");
        }
    }
}
