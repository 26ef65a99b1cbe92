use crate::cloud::google::compute;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "GCL049",
        name: "compute-os-login-disabled",
        title: "Compute instance turns OS Login off",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Google),
        checklist: &["env.misconfig", "env.iac-terraform", "env.least-access"],
        aliases: &["AVD-GCP-0036", "google-compute-no-oslogin-override", "CKV_GCP_34"],
        rationale: "OS Login ties SSH access to IAM identities, so access is granted and revoked centrally and logged. An instance that turns it off in its metadata falls back to SSH keys stored in metadata, which are hard to track and rotate.",
        remediation: "Remove `enable-oslogin = \"FALSE\"` from the instance `metadata` (or set it to `\"TRUE\"`).",
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
    enable-oslogin = "FALSE"
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
    enable-oslogin = "TRUE"
  }
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for instance in compute::instances(deployment) {
        if let Some(value) =
            instance.metadata("enable-oslogin").filter(|v| compute::metadata_flag(v) == Some(false))
        {
            deployment.report(hits, instance.resource, Some(value), "metadata enable-oslogin is off");
        }
    }
}
