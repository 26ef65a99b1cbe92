use crate::cloud::google::compute;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "GCL048",
        name: "compute-default-service-account-full-access",
        title: "Compute instance runs as the default service account with full API access",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Google),
        checklist: &["env.misconfig", "env.iac-terraform", "env.least-access"],
        aliases: &["CKV_GCP_31"],
        rationale: "The `cloud-platform` scope with the default service account gives the instance every permission the account has, which is usually Editor on the whole project: one compromised instance can then change almost anything.",
        remediation: "Use a dedicated service account, or at least replace the `cloud-platform` scope with the specific scopes needed.",
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
    email  = "123456789-compute@developer.gserviceaccount.com"
    scopes = ["https://www.googleapis.com/auth/logging.write"]
  }
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for instance in compute::instances(deployment) {
        if instance.uses_default_service_account().is_none() {
            continue;
        }
        let Some(scopes) = instance.service_account.and_then(|sa| sa.get("scopes")) else { continue };
        for scope in scopes.items() {
            let full = scope.as_str().is_some_and(|s| {
                s == "cloud-platform" || s == "https://www.googleapis.com/auth/cloud-platform"
            });
            if full {
                deployment.report(
                    hits,
                    instance.resource,
                    Some(scope),
                    "the default service account is given the cloud-platform scope",
                );
            }
        }
    }
}
