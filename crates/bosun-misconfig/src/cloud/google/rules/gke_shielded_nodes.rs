use crate::cloud::google::gke;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "GCL019",
        name: "gke-shielded-nodes-disabled",
        title: "GKE cluster turns off Shielded GKE Nodes",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Google),
        checklist: &["env.misconfig", "env.iac-terraform"],
        aliases: &["AVD-GCP-0055", "google-gke-node-shielding-enabled", "CKV_GCP_71"],
        rationale: "Shielded GKE Nodes give each node a verifiable identity, so an attacker who steals a node's bootstrap credentials cannot impersonate it to the control plane. Turning the feature off removes that protection.",
        remediation: "Remove `enable_shielded_nodes = false` from the `google_container_cluster` (it is on by default) or set it to `true`.",
        bad_example: r#"resource "google_container_cluster" "main" {
  name               = "main"
  location           = "europe-west1"
  initial_node_count = 1
  enable_shielded_nodes = false
}
"#,
        good_example: r#"resource "google_container_cluster" "main" {
  name               = "main"
  location           = "europe-west1"
  initial_node_count = 1
  enable_shielded_nodes = true
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for cluster in gke::clusters(deployment) {
        if let Some(flag) = cluster.shielded_nodes.filter(|f| f.is_false()) {
            deployment.report(hits, cluster.resource, Some(flag), "enable_shielded_nodes is false");
        }
    }
}
