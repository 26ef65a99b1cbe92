use crate::cloud::google::compute;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "GCL044",
        name: "compute-instance-public-ip",
        title: "Compute instance has an external IP address",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Google),
        checklist: &["env.misconfig", "env.iac-terraform", "env.least-access"],
        aliases: &["AVD-GCP-0031", "google-compute-no-public-ip", "CKV_GCP_40"],
        rationale: "An external IP address puts the instance directly on the internet, where only firewall rules stand between its services and attackers. Instances without one reach out through Cloud NAT and are reached through load balancers or Identity-Aware Proxy.",
        remediation: "Remove the `access_config` block from the instance's `network_interface`.",
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

    access_config {}
  }

  service_account {
    email  = google_service_account.app.email
    scopes = ["cloud-platform"]
  }
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
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for instance in compute::instances(deployment) {
        for interface in &instance.network_interfaces {
            for config in interface.blocks("access_config") {
                deployment.report(
                    hits,
                    instance.resource,
                    Some(config),
                    "a network interface has an access_config, which gives it an external IP address",
                );
            }
        }
    }
}
