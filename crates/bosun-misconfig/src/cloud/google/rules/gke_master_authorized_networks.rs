use crate::cloud::google::gke;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "GCL011",
        name: "gke-master-authorized-networks-missing",
        title: "GKE control plane accepts connections from any address",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Google),
        checklist: &["env.misconfig", "env.iac-terraform", "env.least-access"],
        aliases: &["AVD-GCP-0061", "google-gke-enable-master-networks", "CKV_GCP_20"],
        rationale: "Without master authorized networks, the cluster's public API endpoint can be reached from the whole internet, where any credential leak or API server vulnerability is immediately exploitable.",
        remediation: "Add a `master_authorized_networks_config` block with the `cidr_blocks` allowed to reach the control plane (or make the endpoint private with `private_cluster_config.enable_private_endpoint`).",
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
        let private_endpoint = cluster
            .resource
            .path(&["private_cluster_config", "enable_private_endpoint"])
            .is_some_and(|p| p.is_true());
        if cluster.master_authorized_networks.is_none() && !private_endpoint {
            deployment.report(
                hits,
                cluster.resource,
                None,
                "the cluster has no master_authorized_networks_config, so its API endpoint is open to any address",
            );
        }
    }
}
