use crate::cloud::google::kms;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "GCL093",
        name: "kms-key-rotation-too-long",
        title: "Cloud KMS key is not rotated at least every 90 days",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Google),
        checklist: &["env.misconfig", "env.iac-terraform"],
        aliases: &["AVD-GCP-0065", "google-kms-rotate-kms-keys", "CKV_GCP_43"],
        rationale: "A key version that stays in use for years protects a growing amount of data, all exposed at once if it leaks. Rotating at least every 90 days limits how much any one key version encrypts.",
        remediation: "Set `rotation_period` on the `google_kms_crypto_key` to `\"7776000s\"` (90 days) or less.",
        bad_example: r#"resource "google_kms_crypto_key" "data" {
  name     = "data"
  key_ring = google_kms_key_ring.main.id
  rotation_period = "31536000s"
}
"#,
        good_example: r#"resource "google_kms_crypto_key" "data" {
  name     = "data"
  key_ring = google_kms_key_ring.main.id
  rotation_period = "7776000s"
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    const NINETY_DAYS: f64 = 90.0 * 24.0 * 3600.0;
    for key in kms::crypto_keys(deployment) {
        if !key.supports_rotation() {
            continue;
        }
        match key.rotation_period {
            None => deployment.report(
                hits,
                key.resource,
                None,
                "the key has no rotation_period, so it is never rotated",
            ),
            Some(period) => {
                if let Some(seconds) = kms::duration_seconds(period).filter(|s| *s > NINETY_DAYS) {
                    let days = (seconds / 86400.0).round();
                    deployment.report(
                        hits,
                        key.resource,
                        Some(period),
                        format!("the key rotates every {days} days, more than 90"),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::registry::run_on_example;

    #[test]
    fn asymmetric_keys_cannot_rotate() {
        let text = "resource \"google_kms_crypto_key\" \"sign\" {\n  name = \"sign\"\n  key_ring = \"r\"\n  purpose = \"ASYMMETRIC_SIGN\"\n}\n";
        assert!(run_on_example(&RULE, text).is_empty());
    }
}
