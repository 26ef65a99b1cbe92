use crate::cloud::google::storage;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "GCL003",
        name: "gcs-bucket-no-cmek",
        title: "Cloud Storage bucket is not encrypted with a customer-managed key",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Google),
        checklist: &["env.misconfig", "env.iac-terraform"],
        aliases: &["AVD-GCP-0066", "google-storage-bucket-encryption-customer-key"],
        rationale: "Objects are always encrypted at rest, but with Google-managed keys by default. A customer-managed Cloud KMS key lets you control rotation, audit every use of the key and cut off access to the data by disabling it.",
        remediation: "Add an `encryption { default_kms_key_name = ... }` block to the `google_storage_bucket`.",
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

  encryption {
    default_kms_key_name = google_kms_crypto_key.data.id
  }
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for bucket in storage::buckets(deployment) {
        if bucket.kms_key.is_none_or(|key| !key.is_set()) {
            deployment.report(hits, bucket.resource, None, "the bucket names no default Cloud KMS key");
        }
    }
}
