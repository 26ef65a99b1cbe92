use crate::cloud::google::compute;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "GCL061",
        name: "vpc-subnet-private-google-access-disabled",
        title: "VPC subnetwork does not enable Private Google Access",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Google),
        checklist: &["env.misconfig", "env.iac-terraform", "run.network-segregation"],
        aliases: &["AVD-GCP-0075", "CKV_GCP_74"],
        rationale: "Without Private Google Access, instances that have only internal addresses cannot reach Google APIs, which pushes teams to give them external IP addresses just to call Cloud Storage or other services.",
        remediation: "Set `private_ip_google_access = true` on the `google_compute_subnetwork`.",
        bad_example: r#"resource "google_compute_subnetwork" "app" {
  name          = "app"
  region        = "europe-west1"
  network       = google_compute_network.main.id
  ip_cidr_range = "10.10.0.0/20"

  log_config {
    aggregation_interval = "INTERVAL_5_SEC"
    flow_sampling        = 0.5
  }
}
"#,
        good_example: r#"resource "google_compute_subnetwork" "app" {
  name          = "app"
  region        = "europe-west1"
  network       = google_compute_network.main.id
  ip_cidr_range = "10.10.0.0/20"
  private_ip_google_access = true

  log_config {
    aggregation_interval = "INTERVAL_5_SEC"
    flow_sampling        = 0.5
  }
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for subnet in compute::subnetworks(deployment) {
        if subnet.is_special_purpose() {
            continue;
        }
        match subnet.private_google_access {
            None => deployment.report(
                hits,
                subnet.resource,
                None,
                "the subnetwork does not enable private_ip_google_access",
            ),
            Some(flag) if flag.is_false() => {
                deployment.report(hits, subnet.resource, Some(flag), "private_ip_google_access is false")
            }
            Some(_) => {}
        }
    }
}
