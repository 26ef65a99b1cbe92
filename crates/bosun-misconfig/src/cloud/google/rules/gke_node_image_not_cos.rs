use crate::cloud::google::gke;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "GCL028",
        name: "gke-node-image-not-cos",
        title: "GKE node pool does not use Container-Optimized OS",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Google),
        checklist: &["env.misconfig", "env.iac-terraform"],
        aliases: &["AVD-GCP-0054", "google-gke-node-pool-uses-cos", "CKV_GCP_22"],
        rationale: "Container-Optimized OS is a minimal, locked-down image with a read-only root filesystem and automatic updates, built for running containers. General-purpose images carry far more software to attack and patch.",
        remediation: "Set `node_config.image_type = \"COS_CONTAINERD\"` (or leave it to the default).",
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
    image_type = "UBUNTU_CONTAINERD"
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
    image_type = "COS_CONTAINERD"
  }
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for pool in gke::node_pools(deployment) {
        let Some(image) = pool.image_type() else { continue };
        if let Some(value) = image.as_str().filter(|i| !i.to_ascii_uppercase().starts_with("COS")) {
            deployment.report(
                hits,
                pool.resource,
                Some(image),
                format!("the {} uses the {value} image", pool.label),
            );
        }
    }
}
