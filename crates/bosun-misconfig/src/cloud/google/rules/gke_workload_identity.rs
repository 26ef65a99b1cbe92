use crate::cloud::google::gke;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "GCL015",
        name: "gke-workload-identity-disabled",
        title: "GKE cluster does not enable Workload Identity",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Google),
        checklist: &["env.misconfig", "env.iac-terraform", "env.least-access"],
        aliases: &[],
        rationale: "Without Workload Identity, pods that call Google APIs use the node's service account, shared by every pod on the node, or exported service account keys. Workload Identity gives each Kubernetes service account its own Google identity and hides the node's credentials from pods.",
        remediation: "Add `workload_identity_config { workload_pool = \"<project>.svc.id.goog\" }` to the `google_container_cluster`.",
        bad_example: r#"resource "google_container_cluster" "main" {
  name               = "main"
  location           = "europe-west1"
  initial_node_count = 1
}
"#,
        good_example: r#"resource "google_container_cluster" "main" {
  name               = "main"
  location           = "europe-west1"
  initial_node_count = 1

  workload_identity_config {
    workload_pool = "acme-prod.svc.id.goog"
  }
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for cluster in gke::clusters(deployment) {
        if !cluster.autopilot && cluster.workload_identity.is_none() {
            deployment.report(hits, cluster.resource, None, "the cluster has no workload_identity_config");
        }
    }
}
