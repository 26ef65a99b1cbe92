use crate::cloud::google::{iam, kms};
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "GCL094",
        name: "kms-key-public",
        title: "Cloud KMS key or key ring is usable by anyone",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Google),
        checklist: &["env.misconfig", "env.iac-terraform", "env.least-access"],
        aliases: &["CKV_GCP_112"],
        rationale: "A role on a key or key ring granted to `allUsers` or `allAuthenticatedUsers` lets anyone use the key, and possibly decrypt the data it protects or manage the key itself.",
        remediation: "Grant roles on `google_kms_crypto_key_iam_*` and `google_kms_key_ring_iam_*` only to named identities.",
        bad_example: r#"resource "google_kms_crypto_key_iam_member" "decrypter" {
  crypto_key_id = google_kms_crypto_key.data.id
  role          = "roles/cloudkms.cryptoKeyDecrypter"
  member        = "allAuthenticatedUsers"
}
"#,
        good_example: r#"resource "google_kms_crypto_key_iam_member" "decrypter" {
  crypto_key_id = google_kms_crypto_key.data.id
  role          = "roles/cloudkms.cryptoKeyDecrypter"
  member        = "serviceAccount:app@acme-prod.iam.gserviceaccount.com"
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for grant in kms::key_grants(deployment) {
        let role = grant.role().unwrap_or("a role");
        for member in grant.members_where(iam::is_public_member) {
            let who = member.as_str().unwrap_or_default();
            deployment.report(
                hits,
                grant.resource,
                Some(member),
                format!("{role} on the key is granted to {who}"),
            );
        }
    }
}
