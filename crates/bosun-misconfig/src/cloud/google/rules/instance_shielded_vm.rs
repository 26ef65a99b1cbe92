use crate::cloud::google::compute;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "GCL052",
        name: "compute-shielded-vm-disabled",
        title: "Compute instance turns off the vTPM or integrity monitoring",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Google),
        checklist: &["env.misconfig", "env.iac-terraform"],
        aliases: &["AVD-GCP-0041", "AVD-GCP-0045", "google-compute-enable-shielded-vm-vtpm", "google-compute-enable-shielded-vm-im", "CKV_GCP_39"],
        rationale: "The virtual TPM measures the boot sequence and integrity monitoring compares it with a known-good baseline. Together they reveal boot-level malware; turning either off blinds that check.",
        remediation: "Set `enable_vtpm` and `enable_integrity_monitoring` to `true` in `shielded_instance_config` (their default).",
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
    enable_secure_boot          = true
    enable_vtpm                 = false
    enable_integrity_monitoring = false
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
        for key in ["enable_vtpm", "enable_integrity_monitoring"] {
            if let Some(flag) = instance.shielded_setting(key).filter(|f| f.is_false()) {
                deployment.report(
                    hits,
                    instance.resource,
                    Some(flag),
                    format!("shielded_instance_config sets {key} to false"),
                );
            }
        }
    }
}
