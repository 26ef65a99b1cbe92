use crate::cloud::google::iam;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "GCL076",
        name: "iam-role-granted-to-public",
        title: "Role granted to allUsers or allAuthenticatedUsers",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Google),
        checklist: &["env.misconfig", "env.iac-terraform", "env.least-access"],
        aliases: &["CKV_GCP_98", "CKV_GCP_99", "CKV_GCP_100", "CKV_GCP_101", "CKV_GCP_102", "CKV_GCP_107"],
        rationale: "`allUsers` is anyone on the internet and `allAuthenticatedUsers` any Google account. A role granted to them, on a project or on a single topic, table, repository, service or function, is granted to the whole world.",
        remediation: "Grant the role to named users, groups or service accounts instead of `allUsers`/`allAuthenticatedUsers`.",
        bad_example: r#"resource "google_pubsub_topic_iam_member" "publisher" {
  topic  = google_pubsub_topic.events.name
  role   = "roles/pubsub.publisher"
  member = "allAuthenticatedUsers"
}
"#,
        good_example: r#"resource "google_pubsub_topic_iam_member" "publisher" {
  topic  = google_pubsub_topic.events.name
  role   = "roles/pubsub.publisher"
  member = "serviceAccount:events@acme-prod.iam.gserviceaccount.com"
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    // Buckets, KMS keys and BigQuery datasets have rules of their own.
    const COVERED: &[&str] = &["google_storage_bucket_iam", "google_kms_", "google_bigquery_dataset_iam"];
    for grant in iam::all_grants(deployment) {
        if COVERED.iter().any(|prefix| grant.resource.kind.starts_with(prefix)) {
            continue;
        }
        let role = grant.role().unwrap_or("a role");
        for member in grant.members_where(iam::is_public_member) {
            let who = member.as_str().unwrap_or_default();
            deployment.report(hits, grant.resource, Some(member), format!("{role} is granted to {who}"));
        }
    }
}
