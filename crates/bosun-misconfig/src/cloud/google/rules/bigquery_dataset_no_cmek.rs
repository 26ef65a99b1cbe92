use crate::cloud::google::bigquery;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "GCL096",
        name: "bigquery-dataset-no-cmek",
        title: "BigQuery dataset is not encrypted with a customer-managed key by default",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Google),
        checklist: &["env.misconfig", "env.iac-terraform"],
        aliases: &["CKV_GCP_81"],
        rationale: "Tables are encrypted with Google-managed keys unless the dataset names a Cloud KMS key. Your own key lets you control rotation, audit its use and make the data unreadable by disabling it.",
        remediation: "Add `default_encryption_configuration { kms_key_name = ... }` to the `google_bigquery_dataset`.",
        bad_example: r#"resource "google_bigquery_dataset" "sales" {
  dataset_id = "sales"
  location   = "EU"
}
"#,
        good_example: r#"resource "google_bigquery_dataset" "sales" {
  dataset_id = "sales"
  location   = "EU"

  default_encryption_configuration {
    kms_key_name = google_kms_crypto_key.bigquery.id
  }
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for dataset in bigquery::datasets(deployment) {
        if dataset.kms_key.is_none_or(|key| !key.is_set()) {
            deployment.report(hits, dataset.resource, None, "the dataset names no default Cloud KMS key");
        }
    }
}
