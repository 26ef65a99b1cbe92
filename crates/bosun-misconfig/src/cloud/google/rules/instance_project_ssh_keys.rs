use crate::cloud::google::compute;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "GCL051",
        name: "compute-project-ssh-keys-allowed",
        title: "Compute instance accepts project-wide SSH keys",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Google),
        checklist: &["env.misconfig", "env.iac-terraform", "env.least-access"],
        aliases: &["AVD-GCP-0030", "google-compute-no-project-wide-ssh-keys", "CKV_GCP_32"],
        rationale: "SSH keys stored in the project metadata open every instance of the project. Blocking them per instance means one leaked project key does not give access to machines it was never meant for.",
        remediation: "Set `block-project-ssh-keys = \"TRUE\"` in the instance `metadata`, or enable OS Login.",
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
    block-project-ssh-keys = "FALSE"
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
    block-project-ssh-keys = "TRUE"
  }
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for instance in compute::instances(deployment) {
        if instance.metadata_unknown() {
            continue;
        }
        let os_login =
            instance.metadata("enable-oslogin").is_some_and(|v| compute::metadata_flag(v) != Some(false));
        if os_login {
            continue;
        }
        match instance.metadata("block-project-ssh-keys") {
            Some(value) if compute::metadata_flag(value) == Some(false) => deployment.report(
                hits,
                instance.resource,
                Some(value),
                "metadata block-project-ssh-keys is off",
            ),
            None if !instance.from_template => deployment.report(
                hits,
                instance.resource,
                None,
                "the instance does not set block-project-ssh-keys, so project-wide SSH keys open it",
            ),
            _ => {}
        }
    }
}
