use crate::cloud::google::gke;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "GCL021",
        name: "gke-node-integrity-monitoring-disabled",
        title: "GKE node pool turns off integrity monitoring",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Google),
        checklist: &["env.misconfig", "env.iac-terraform"],
        aliases: &["CKV_GCP_72"],
        rationale: "Integrity monitoring compares each node's boot measurements with a known-good baseline and reports any difference, revealing tampering with the boot chain. It is on by default; turning it off hides such changes.",
        remediation: "Remove `enable_integrity_monitoring = false` from `node_config.shielded_instance_config`, or set it to `true`.",
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
    service_account = google_service_account.nodes.email

    shielded_instance_config {
      enable_secure_boot          = true
      enable_integrity_monitoring = false
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
    service_account = google_service_account.nodes.email

    shielded_instance_config {
      enable_secure_boot          = true
      enable_integrity_monitoring = true
    }
  }
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for pool in gke::node_pools(deployment) {
        if let Some(flag) = pool.integrity_monitoring().filter(|f| f.is_false()) {
            deployment.report(
                hits,
                pool.resource,
                Some(flag),
                format!("the {} turns integrity monitoring off", pool.label),
            );
        }
    }
}
