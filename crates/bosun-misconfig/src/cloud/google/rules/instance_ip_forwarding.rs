use crate::cloud::google::compute;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "GCL046",
        name: "compute-ip-forwarding-enabled",
        title: "Compute instance can forward packets for other addresses",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Google),
        checklist: &["env.misconfig", "env.iac-terraform", "run.network-segregation"],
        aliases: &["AVD-GCP-0043", "google-compute-no-ip-forwarding", "CKV_GCP_36"],
        rationale: "IP forwarding lets the instance send and receive traffic for addresses that are not its own, so it can act as a router and bypass the network's intended paths. Only NAT or routing appliances need it.",
        remediation: "Remove `can_ip_forward = true` from the instance unless it is a routing appliance.",
        bad_example: r#"resource "google_compute_instance" "app" {
  name         = "app"
  machine_type = "e2-medium"
  zone         = "europe-west1-b"

  boot_disk {
    initialize_params {
      image = "debian-cloud/debian-12"
    }
  }

  network_interface {
    subnetwork = "app"
  }

  service_account {
    email  = google_service_account.app.email
    scopes = ["cloud-platform"]
  }

  can_ip_forward = true
}
"#,
        good_example: r#"resource "google_compute_instance" "app" {
  name         = "app"
  machine_type = "e2-medium"
  zone         = "europe-west1-b"

  boot_disk {
    initialize_params {
      image = "debian-cloud/debian-12"
    }
  }

  network_interface {
    subnetwork = "app"
  }

  service_account {
    email  = google_service_account.app.email
    scopes = ["cloud-platform"]
  }

  can_ip_forward = false
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for instance in compute::instances(deployment) {
        if let Some(flag) = instance.can_ip_forward.filter(|f| f.is_true()) {
            deployment.report(hits, instance.resource, Some(flag), "can_ip_forward is true");
        }
    }
}
