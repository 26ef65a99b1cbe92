use crate::cloud::google::compute;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "GCL055",
        name: "compute-boot-disk-no-customer-key",
        title: "Compute instance boot disk is not encrypted with a customer-managed key",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Google),
        checklist: &["env.misconfig", "env.iac-terraform"],
        aliases: &["AVD-GCP-0033", "google-compute-vm-disk-encryption-customer-key", "CKV_GCP_38"],
        rationale: "A boot disk created with the instance uses a Google-managed key unless told otherwise. A Cloud KMS key of your own lets you control its rotation, audit its use and make the disk unreadable by disabling it.",
        remediation: "Set `boot_disk.kms_key_self_link` on the `google_compute_instance`.",
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
}
"#,
        good_example: r#"resource "google_compute_instance" "app" {
  name         = "app"
  machine_type = "e2-medium"
  zone         = "europe-west1-b"

  boot_disk {
    kms_key_self_link = google_kms_crypto_key.disks.id

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
        if instance.resource.kind != "google_compute_instance" {
            continue;
        }
        let Some(boot) = instance.boot_disk else { continue };
        // A boot disk made elsewhere (`source`) is checked as a disk.
        if boot.is_unknown() || boot.get("source").is_some() {
            continue;
        }
        if !compute::instance_disk_has_customer_key(boot) {
            deployment.report(
                hits,
                instance.resource,
                Some(boot),
                "the boot disk names no customer-managed encryption key",
            );
        }
    }
}
