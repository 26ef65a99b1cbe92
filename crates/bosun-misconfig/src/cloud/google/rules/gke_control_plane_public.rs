use crate::cloud::google::{compute, gke};
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "GCL012",
        name: "gke-control-plane-open-to-internet",
        title: "GKE master authorized networks include every address",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Google),
        checklist: &["env.misconfig", "env.iac-terraform", "env.least-access"],
        aliases: &["AVD-GCP-0053", "google-gke-no-public-control-plane", "CKV_GCP_18"],
        rationale: "An authorized network of `0.0.0.0/0` turns the control plane allow list into a formality: the Kubernetes API is reachable from anywhere on the internet.",
        remediation: "List only the ranges that administer the cluster in `master_authorized_networks_config.cidr_blocks`.",
        bad_example: r#"resource "google_container_cluster" "main" {
  name               = "main"
  location           = "europe-west1"
  initial_node_count = 1

  master_authorized_networks_config {
    cidr_blocks {
      cidr_block = "0.0.0.0/0"
    }
  }
}
"#,
        good_example: r#"resource "google_container_cluster" "main" {
  name               = "main"
  location           = "europe-west1"
  initial_node_count = 1

  master_authorized_networks_config {
    cidr_blocks {
      cidr_block   = "10.20.0.0/16"
      display_name = "office"
    }
  }
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for cluster in gke::clusters(deployment) {
        for cidr in cluster.authorized_cidrs() {
            if let Some(range) = cidr.as_str().filter(|r| compute::is_any_address(r)) {
                deployment.report(
                    hits,
                    cluster.resource,
                    Some(cidr),
                    format!("master authorized networks include {range}"),
                );
            }
        }
    }
}
