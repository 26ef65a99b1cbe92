use crate::cloud::google::gke;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "GCL023",
        name: "gke-node-auto-upgrade-disabled",
        title: "GKE node pool turns off automatic upgrades",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Google),
        checklist: &["env.misconfig", "env.iac-terraform", "env.patch"],
        aliases: &["AVD-GCP-0058", "google-gke-enable-auto-upgrade", "CKV_GCP_10"],
        rationale: "Auto-upgrade keeps node versions in step with the control plane and brings security patches to the nodes. Without it, nodes fall behind and keep running known vulnerabilities.",
        remediation: "Set `management.auto_upgrade = true` on the node pool.",
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
    auto_repair  = true
    auto_upgrade = false
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
        if let Some(flag) = pool.auto_upgrade().filter(|f| f.is_false()) {
            deployment.report(
                hits,
                pool.resource,
                Some(flag),
                format!("the {} turns auto-upgrade off", pool.label),
            );
        }
    }
}
