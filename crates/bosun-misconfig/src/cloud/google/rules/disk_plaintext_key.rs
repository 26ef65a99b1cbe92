use crate::cloud::google::compute;
use crate::cloud::Attr;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "GCL056",
        name: "compute-disk-key-in-plaintext",
        title: "Disk encryption key is written in plain text in the code",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Google),
        checklist: &["env.misconfig", "env.iac-terraform"],
        aliases: &["AVD-GCP-0037"],
        rationale: "A customer-supplied encryption key written into Terraform code ends up in version control and in the state file, readable by anyone with access to either, which defeats the point of supplying your own key.",
        remediation: "Use a Cloud KMS key (`kms_key_self_link`) instead of `raw_key`/`disk_encryption_key_raw`, or pass the key from a secret store.",
        bad_example: r#"resource "google_compute_disk" "data" {
  name = "data"
  zone = "europe-west1-b"
  size = 100

  disk_encryption_key {
    raw_key = "SGVsbG8gZnJvbSBHb29nbGUgQ2xvdWQgUGxhdGZvcm0="
  }
}
"#,
        good_example: r#"resource "google_compute_disk" "data" {
  name = "data"
  zone = "europe-west1-b"
  size = 100

  disk_encryption_key {
    kms_key_self_link = google_kms_crypto_key.disks.id
  }
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    let literal = |attr: &&Attr| attr.as_str().is_some_and(|s| !s.is_empty());
    for disk in compute::disks(deployment) {
        let Some(block) = disk.encryption_key else { continue };
        for key in ["raw_key", "rsa_encrypted_key"] {
            if let Some(value) = block.get(key).filter(literal) {
                deployment.report(
                    hits,
                    disk.resource,
                    Some(value),
                    format!("disk_encryption_key.{key} is a literal key"),
                );
            }
        }
    }
    for instance in compute::instances(deployment) {
        for (label, disk) in instance.disks() {
            for key in ["disk_encryption_key_raw", "disk_encryption_key_rsa"] {
                if let Some(value) = disk.get(key).filter(literal) {
                    deployment.report(
                        hits,
                        instance.resource,
                        Some(value),
                        format!("the {label} sets {key} to a literal key"),
                    );
                }
            }
        }
    }
}
