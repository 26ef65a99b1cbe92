use crate::cloud::google::gke;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "GCL013",
        name: "gke-private-nodes-disabled",
        title: "GKE cluster nodes have public IP addresses",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Google),
        checklist: &["env.misconfig", "env.iac-terraform", "env.least-access"],
        aliases: &["AVD-GCP-0059", "google-gke-enable-private-cluster", "CKV_GCP_25", "CKV_GCP_64"],
        rationale: "Nodes of a cluster without private nodes get external IP addresses, so the kubelet and any exposed node port can be reached from the internet. Private nodes only have internal addresses and reach out through Cloud NAT.",
        remediation: "Add `private_cluster_config { enable_private_nodes = true }` to the `google_container_cluster`.",
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

  private_cluster_config {
    enable_private_nodes    = true
    enable_private_endpoint = false
    master_ipv4_cidr_block  = "172.16.0.0/28"
  }
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for cluster in gke::clusters(deployment) {
        match cluster.private_nodes {
            None if cluster.resource.get("private_cluster_config").is_none() => deployment.report(
                hits,
                cluster.resource,
                None,
                "the cluster has no private_cluster_config, so its nodes get public IP addresses",
            ),
            Some(private) if private.is_false() => deployment.report(
                hits,
                cluster.resource,
                Some(private),
                "enable_private_nodes is false, so the nodes get public IP addresses",
            ),
            _ => {}
        }
    }
}
