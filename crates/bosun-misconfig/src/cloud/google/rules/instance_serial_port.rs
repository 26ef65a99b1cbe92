use crate::cloud::google::compute;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "GCL045",
        name: "compute-serial-port-enabled",
        title: "Compute instance allows interactive serial console access",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Google),
        checklist: &["env.misconfig", "env.iac-terraform", "env.least-access"],
        aliases: &["AVD-GCP-0032", "google-compute-no-serial-port", "CKV_GCP_35"],
        rationale: "The interactive serial console can be reached from any address and is not filtered by firewall rules, giving another way in to anyone holding the right credentials or SSH key.",
        remediation: "Remove `serial-port-enable` from the instance `metadata` or set it to `\"false\"`.",
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

  metadata = {
    serial-port-enable = "true"
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

  metadata = {
    serial-port-enable = "false"
  }
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for instance in compute::instances(deployment) {
        if let Some(value) =
            instance.metadata("serial-port-enable").filter(|v| compute::metadata_flag(v) == Some(true))
        {
            deployment.report(hits, instance.resource, Some(value), "metadata serial-port-enable is on");
        }
    }
}
