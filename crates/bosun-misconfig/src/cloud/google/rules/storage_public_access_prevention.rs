use crate::cloud::google::storage;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "GCL006",
        name: "gcs-public-access-prevention-off",
        title: "Cloud Storage bucket does not enforce public access prevention",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Google),
        checklist: &["env.misconfig", "env.iac-terraform", "env.least-access"],
        aliases: &["CKV_GCP_114"],
        rationale: "Public access prevention makes Cloud Storage refuse any grant to `allUsers` or `allAuthenticatedUsers` on the bucket, whatever IAM bindings or ACLs say later. Left to `inherited`, the bucket is only protected if an organization policy happens to enforce it.",
        remediation: "Set `public_access_prevention = \"enforced\"` on the `google_storage_bucket`.",
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
  public_access_prevention    = "enforced"
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for bucket in storage::buckets(deployment) {
        match bucket.public_access_prevention {
            None => deployment.report(
                hits,
                bucket.resource,
                None,
                "the bucket does not set public_access_prevention to \"enforced\"",
            ),
            Some(setting) => {
                if let Some(value) = setting.as_str().filter(|v| !v.eq_ignore_ascii_case("enforced")) {
                    deployment.report(
                        hits,
                        bucket.resource,
                        Some(setting),
                        format!("public_access_prevention is \"{value}\", not \"enforced\""),
                    );
                }
            }
        }
    }
}
