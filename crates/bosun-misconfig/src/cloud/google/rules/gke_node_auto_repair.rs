use crate::cloud::google::gke;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "GCL022",
        name: "gke-node-auto-repair-disabled",
        title: "GKE node pool turns off automatic repair",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Google),
        checklist: &["env.misconfig", "env.iac-terraform"],
        aliases: &["AVD-GCP-0063", "google-gke-enable-auto-repair", "CKV_GCP_9"],
        rationale: "Auto-repair recreates nodes that fail health checks. Without it, broken nodes stay in the pool until someone notices, reducing capacity and leaving nodes in unknown states.",
        remediation: "Set `management.auto_repair = true` on the node pool.",
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

  management {
    auto_repair  = false
    auto_upgrade = true
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

  management {
    auto_repair  = true
    auto_upgrade = true
  }
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for pool in gke::node_pools(deployment) {
        if let Some(flag) = pool.auto_repair().filter(|f| f.is_false()) {
            deployment.report(
                hits,
                pool.resource,
                Some(flag),
                format!("the {} turns auto-repair off", pool.label),
            );
        }
    }
}
