use crate::cloud::google::gke;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "GCL016",
        name: "gke-node-metadata-exposed",
        title: "GKE node pool exposes the Compute Engine metadata server to pods",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Google),
        checklist: &["env.misconfig", "env.iac-terraform", "env.least-access"],
        aliases: &["AVD-GCP-0057", "google-gke-node-metadata-security", "CKV_GCP_69"],
        rationale: "With the workload metadata mode set to expose the node's metadata (`GCE_METADATA`, or the older `EXPOSE` and `UNSPECIFIED`), every pod can read the node's service account token and sensitive instance attributes such as the kubelet's bootstrap credentials.",
        remediation: "Set `node_config.workload_metadata_config.mode = \"GKE_METADATA\"` on the node pool.",
        bad_example: r#"resource "google_container_cluster" "main" {
  name               = "main"
  location           = "europe-west1"
  initial_node_count = 1
  remove_default_node_pool = true
}

resource "google_container_node_pool" "workers" {
  name       = "workers"
  cluster    = google_container_cluster.main.id
  node_count = 2

  node_config {
    workload_metadata_config {
      mode = "GCE_METADATA"
    }
  }
}
"#,
        good_example: r#"resource "google_container_cluster" "main" {
  name               = "main"
  location           = "europe-west1"
  initial_node_count = 1
  remove_default_node_pool = true
}

resource "google_container_node_pool" "workers" {
  name       = "workers"
  cluster    = google_container_cluster.main.id
  node_count = 2

  node_config {
    workload_metadata_config {
      mode = "GKE_METADATA"
    }
  }
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for pool in gke::node_pools(deployment) {
        let Some(mode) = pool.workload_metadata_mode() else { continue };
        if let Some(value) = mode.as_str().filter(|m| {
            ["GCE_METADATA", "EXPOSE", "UNSPECIFIED", "MODE_UNSPECIFIED"]
                .iter()
                .any(|bad| m.eq_ignore_ascii_case(bad))
        }) {
            deployment.report(
                hits,
                pool.resource,
                Some(mode),
                format!(
                    "the {} exposes the node metadata to pods (workload metadata mode {value})",
                    pool.label
                ),
            );
        }
    }
}
