use crate::cloud::google::compute;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "GCL053",
        name: "compute-secure-boot-disabled",
        title: "Compute instance does not use Secure Boot",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Google),
        checklist: &["env.misconfig", "env.iac-terraform"],
        aliases: &["AVD-GCP-0067", "google-compute-enable-shielded-vm-sb"],
        rationale: "Secure Boot lets the instance start only signed bootloaders and kernels, so rootkits and bootkits cannot persist across reboots. It is off unless asked for.",
        remediation: "Set `shielded_instance_config.enable_secure_boot = true` on the instance (with a Shielded VM image).",
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

  shielded_instance_config {
    enable_secure_boot          = false
    enable_vtpm                 = true
    enable_integrity_monitoring = true
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

  shielded_instance_config {
    enable_secure_boot          = true
    enable_vtpm                 = true
    enable_integrity_monitoring = true
  }
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for instance in compute::instances(deployment) {
        match instance.shielded_setting("enable_secure_boot") {
            Some(flag) if flag.is_false() => {
                deployment.report(hits, instance.resource, Some(flag), "enable_secure_boot is false")
            }
            None if !instance.from_template && !instance.shielded.is_some_and(|s| s.is_unknown()) => {
                deployment.report(hits, instance.resource, None, "the instance does not enable Secure Boot")
            }
            _ => {}
        }
    }
}
