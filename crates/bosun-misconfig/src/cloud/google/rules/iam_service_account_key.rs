use crate::cloud::google::iam;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "GCL075",
        name: "iam-service-account-key-created",
        title: "User-managed service account key is created",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Google),
        checklist: &["env.misconfig", "env.iac-terraform", "env.least-access"],
        aliases: &[],
        rationale: "A service account key is a long-lived credential that works from anywhere until it is deleted; created by Terraform it also lands in the state file. Workload Identity, attached service accounts and impersonation give the same access with short-lived tokens.",
        remediation: "Remove the `google_service_account_key` and use Workload Identity Federation, an attached service account or impersonation.",
        bad_example: r#"resource "google_service_account_key" "ci" {
  service_account_id = google_service_account.ci.name
}
"#,
        good_example: r#"resource "google_service_account_iam_member" "ci" {
  service_account_id = google_service_account.ci.name
  role               = "roles/iam.workloadIdentityUser"
  member             = "principalSet://iam.googleapis.com/projects/123/locations/global/workloadIdentityPools/ci/attribute.repository/acme/app"
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for key in iam::service_account_keys(deployment) {
        deployment.report(hits, key, None, "a long-lived service account key is created");
    }
}
