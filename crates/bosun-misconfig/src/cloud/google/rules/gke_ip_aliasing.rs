use crate::cloud::google::gke;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "GCL031",
        name: "gke-ip-aliasing-disabled",
        title: "GKE cluster uses routes instead of VPC-native alias IPs",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Google),
        checklist: &["env.misconfig", "env.iac-terraform", "run.network-segregation"],
        aliases: &["AVD-GCP-0049", "google-gke-enable-ip-aliasing", "CKV_GCP_23"],
        rationale: "Routes-based clusters give pods addresses that the VPC does not know as theirs, so firewall rules, flow logs and private access cannot tell pods apart. VPC-native clusters use alias IP ranges the network understands, and are required for private clusters.",
        remediation: "Remove `networking_mode = \"ROUTES\"` (new clusters are VPC-native) and give the cluster an `ip_allocation_policy`.",
        bad_example: r#"resource "google_container_cluster" "main" {
  name               = "main"
  location           = "europe-west1"
  initial_node_count = 1
  networking_mode = "ROUTES"
}
"#,
        good_example: r#"resource "google_container_cluster" "main" {
  name               = "main"
  location           = "europe-west1"
  initial_node_count = 1
  networking_mode = "VPC_NATIVE"

  ip_allocation_policy {
    cluster_secondary_range_name  = "pods"
    services_secondary_range_name = "services"
  }
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for cluster in gke::clusters(deployment) {
        if let Some(mode) =
            cluster.networking_mode.filter(|m| m.as_str().is_some_and(|m| m.eq_ignore_ascii_case("ROUTES")))
        {
            deployment.report(
                hits,
                cluster.resource,
                Some(mode),
                "networking_mode is ROUTES, so pods get no alias IPs",
            );
        }
    }
}
