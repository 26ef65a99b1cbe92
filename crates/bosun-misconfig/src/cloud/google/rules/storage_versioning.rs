use crate::cloud::google::storage;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "GCL004",
        name: "gcs-versioning-disabled",
        title: "Cloud Storage bucket does not keep object versions",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Google),
        checklist: &["env.misconfig", "env.iac-terraform"],
        aliases: &["AVD-GCP-0078", "CKV_GCP_78"],
        rationale: "Without versioning, an object that is overwritten or deleted, by mistake or by an attacker holding write access, is gone. Keeping noncurrent versions makes such changes recoverable.",
        remediation: "Add `versioning { enabled = true }` to the `google_storage_bucket` (with a lifecycle rule to expire old versions).",
        bad_example: r#"resource "google_storage_bucket" "data" {
  name                        = "acme-data"
  location                    = "EU"
  uniform_bucket_level_access = true
}
"#,
        good_example: r#"resource "google_storage_bucket" "data" {
  name                        = "acme-data"
  location                    = "EU"
  uniform_bucket_level_access = true

  versioning {
    enabled = true
  }
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for bucket in storage::buckets(deployment) {
        match bucket.versioning {
            None => deployment.report(hits, bucket.resource, None, "the bucket does not enable versioning"),
            Some(enabled) if enabled.is_false() => deployment.report(
                hits,
                bucket.resource,
                Some(enabled),
                "versioning is disabled on the bucket",
            ),
            Some(_) => {}
        }
    }
}
