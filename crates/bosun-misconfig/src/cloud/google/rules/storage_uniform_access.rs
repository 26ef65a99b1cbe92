use crate::cloud::google::storage;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "GCL002",
        name: "gcs-uniform-access-disabled",
        title: "Cloud Storage bucket does not enforce uniform bucket-level access",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Google),
        checklist: &["env.misconfig", "env.iac-terraform", "env.least-access"],
        aliases: &["AVD-GCP-0002", "google-storage-enable-ubla", "CKV_GCP_29"],
        rationale: "Without uniform bucket-level access, object ACLs can grant access object by object, next to and outside the bucket's IAM policy. Access is then hard to review and a single object can be made public unnoticed.",
        remediation: "Set `uniform_bucket_level_access = true` on the `google_storage_bucket`.",
        bad_example: r#"resource "google_storage_bucket" "data" {
  name                        = "acme-data"
  location                    = "EU"
}
"#,
        good_example: r#"resource "google_storage_bucket" "data" {
  name                        = "acme-data"
  location                    = "EU"
  uniform_bucket_level_access = true
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for bucket in storage::buckets(deployment) {
        match bucket.uniform_access {
            None => deployment.report(
                hits,
                bucket.resource,
                None,
                "the bucket does not set uniform_bucket_level_access, so object ACLs stay in effect",
            ),
            Some(setting) if setting.is_false() => deployment.report(
                hits,
                bucket.resource,
                Some(setting),
                "uniform_bucket_level_access is false, so object ACLs stay in effect",
            ),
            Some(_) => {}
        }
    }
}
