use crate::cloud::google::iam;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "GCL073",
        name: "iam-service-account-impersonation-granted",
        title: "Service Account User or Token Creator role granted on a whole project, folder or organization",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Google),
        checklist: &["env.misconfig", "env.iac-terraform", "env.least-access"],
        aliases: &["AVD-GCP-0011", "AVD-GCP-0005", "AVD-GCP-0009", "google-iam-no-project-level-service-account-impersonation", "google-iam-no-folder-level-service-account-impersonation", "google-iam-no-org-level-service-account-impersonation", "CKV_GCP_41", "CKV_GCP_44", "CKV_GCP_45", "CKV_GCP_49"],
        rationale: "The Service Account User and Token Creator roles let a member act as a service account. Granted at the project, folder or organization, they cover every service account there, including the most privileged ones, so the member inherits all their access.",
        remediation: "Grant `roles/iam.serviceAccountUser`/`serviceAccountTokenCreator` on the single service account needed (`google_service_account_iam_member`).",
        bad_example: r#"resource "google_project_iam_member" "grant" {
  project = "acme-prod"
  role    = "roles/iam.serviceAccountUser"
  member  = "group:deployers@example.com"
}
"#,
        good_example: r#"resource "google_service_account_iam_member" "grant" {
  service_account_id = google_service_account.deployer.name
  role               = "roles/iam.serviceAccountUser"
  member             = "group:deployers@example.com"
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for grant in iam::grants(deployment, iam::HIERARCHY) {
        let Some(role) = grant.role().filter(|r| iam::is_impersonation_role(r)) else { continue };
        if grant.members.is_empty() {
            continue;
        }
        deployment.report(
            hits,
            grant.resource,
            grant.role,
            format!("{role} is granted on the whole {}, covering every service account in it", grant.scope()),
        );
    }
}
