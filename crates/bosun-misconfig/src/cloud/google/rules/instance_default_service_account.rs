use crate::cloud::google::compute;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "GCL047",
        name: "compute-default-service-account",
        title: "Compute instance runs as the Compute Engine default service account",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Google),
        checklist: &["env.misconfig", "env.iac-terraform", "env.least-access"],
        aliases: &["AVD-GCP-0044", "google-compute-no-default-service-account", "CKV_GCP_30"],
        rationale: "The Compute Engine default service account is shared by every instance that does not choose another and usually holds the Editor role on the project. A compromised instance using it can reach far more than its workload needs.",
        remediation: "Create a dedicated, minimal service account and set it as `service_account.email` on the instance.",
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
    email  = "123456789-compute@developer.gserviceaccount.com"
    scopes = ["https://www.googleapis.com/auth/logging.write"]
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
        if let Some(at) = instance.uses_default_service_account() {
            deployment.report(
                hits,
                instance.resource,
                Some(at),
                "the instance uses the Compute Engine default service account",
            );
        }
    }
}
