use crate::cloud::google::storage;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "GCL005",
        name: "gcs-access-logging-disabled",
        title: "Cloud Storage bucket does not record usage logs",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Google),
        checklist: &["env.misconfig", "env.iac-terraform", "env.audit-logging"],
        aliases: &["AVD-GCP-0077", "CKV_GCP_62"],
        rationale: "Usage logs record every request made to a bucket's objects. Without them, or Data Access audit logs, there is no record of who read or changed data when a leak or a misuse has to be investigated.",
        remediation: "Add a `logging { log_bucket = ... }` block to the `google_storage_bucket` pointing at a separate log bucket.",
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

  logging {
    log_bucket = "acme-access-logs"
  }
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for bucket in storage::buckets(deployment) {
        // A log bucket logging its own use would log forever; as on AWS, it is exempt.
        if bucket.logging.is_none() && !bucket.receives_logs {
            deployment.report(
                hits,
                bucket.resource,
                None,
                "the bucket has no logging block, so no usage logs are kept",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    #[test]
    fn the_bucket_that_receives_the_logs_is_exempt() {
        let text = "resource \"google_storage_bucket\" \"logs\" {\n  name     = \"acme-logs\"\n  location = \"EU\"\n}\n\nresource \"google_storage_bucket\" \"data\" {\n  name     = \"acme-data\"\n  location = \"EU\"\n  logging {\n    log_bucket = google_storage_bucket.logs.name\n  }\n}\n";
        assert!(run_on_example(&RULE, text).is_empty());
    }
}
