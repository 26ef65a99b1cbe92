use crate::cloud::google::compute;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "GCL054",
        name: "compute-disk-no-customer-key",
        title: "Persistent disk is not encrypted with a customer-managed key",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Google),
        checklist: &["env.misconfig", "env.iac-terraform"],
        aliases: &["AVD-GCP-0034", "google-compute-disk-encryption-customer-key", "CKV_GCP_37"],
        rationale: "Disks are encrypted with Google-managed keys by default. A Cloud KMS key of your own lets you control its rotation, audit its use and make the data unreadable by disabling it.",
        remediation: "Add `disk_encryption_key { kms_key_self_link = ... }` to the `google_compute_disk`.",
        bad_example: r#"resource "google_compute_disk" "data" {
  name = "data"
  zone = "europe-west1-b"
  size = 100
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
    for disk in compute::disks(deployment) {
        match disk.encryption_key {
            None => deployment.report(
                hits,
                disk.resource,
                None,
                "the disk names no customer-managed encryption key",
            ),
            Some(block) if !block.is_unknown() && !compute::has_customer_key(block) => deployment.report(
                hits,
                disk.resource,
                Some(block),
                "disk_encryption_key names no KMS or customer-supplied key",
            ),
            Some(_) => {}
        }
    }
}
