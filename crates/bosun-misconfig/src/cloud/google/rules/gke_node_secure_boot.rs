use crate::cloud::google::gke;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "GCL020",
        name: "gke-node-secure-boot-disabled",
        title: "GKE node pool does not use Secure Boot",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Google),
        checklist: &["env.misconfig", "env.iac-terraform"],
        aliases: &["CKV_GCP_68"],
        rationale: "Secure Boot lets nodes start only boot components signed by trusted parties, so a rootkit or a tampered kernel cannot survive a reboot. It is off unless the node pool asks for it.",
        remediation: "Set `node_config.shielded_instance_config.enable_secure_boot = true` on the node pool.",
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
      enable_secure_boot          = false
      enable_integrity_monitoring = true
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
        if pool.config_unknown() {
            continue;
        }
        match pool.secure_boot() {
            Some(flag) if flag.is_false() => deployment.report(
                hits,
                pool.resource,
                Some(flag),
                format!("the {} turns Secure Boot off", pool.label),
            ),
            None if !pool
                .config
                .and_then(|c| c.get("shielded_instance_config"))
                .is_some_and(|b| b.is_unknown()) =>
            {
                deployment.report(
                    hits,
                    pool.resource,
                    None,
                    format!("the {} does not enable Secure Boot", pool.label),
                )
            }
            _ => {}
        }
    }
}
