use crate::cloud::google::iam;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "GCL074",
        name: "iam-default-service-account-granted",
        title: "Role granted to a default service account",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Google),
        checklist: &["env.misconfig", "env.iac-terraform", "env.least-access"],
        aliases: &["AVD-GCP-0006", "AVD-GCP-0004", "AVD-GCP-0008", "google-iam-no-project-level-default-service-account-assignment", "google-iam-no-folder-level-default-service-account-assignment", "google-iam-no-org-level-default-service-account-assignment", "CKV_GCP_46", "CKV_GCP_47", "CKV_GCP_48"],
        rationale: "The Compute Engine and App Engine default service accounts are used by every instance or app that does not choose another. Granting them more roles extends that access to all of those workloads at once.",
        remediation: "Create a dedicated service account for the workload and grant the role to it instead.",
        bad_example: r#"resource "google_project_iam_member" "grant" {
  project = "acme-prod"
  role    = "roles/storage.admin"
  member  = "serviceAccount:123456789-compute@developer.gserviceaccount.com"
}
"#,
        good_example: r#"resource "google_project_iam_member" "grant" {
  project = "acme-prod"
  role    = "roles/storage.admin"
  member  = "serviceAccount:backup@acme-prod.iam.gserviceaccount.com"
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for grant in iam::grants(deployment, iam::HIERARCHY) {
        let role = grant.role().unwrap_or("a role");
        for member in grant.members_where(iam::is_default_service_account) {
            let who = member.as_str().unwrap_or_default();
            deployment.report(
                hits,
                grant.resource,
                Some(member),
                format!("the {} grants {role} to the default service account {who}", grant.scope()),
            );
        }
    }
}
