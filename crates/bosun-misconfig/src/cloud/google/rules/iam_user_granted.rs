use crate::cloud::google::iam;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "GCL072",
        name: "iam-role-granted-to-user",
        title: "Role granted directly to a user account",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Google),
        checklist: &["env.misconfig", "env.iac-terraform", "env.least-access"],
        aliases: &["AVD-GCP-0003", "google-iam-no-user-granted-permissions"],
        rationale: "Roles granted person by person on projects, folders or organizations pile up and outlive people's jobs. Granting them to groups keeps access reviewable and removes it when someone leaves the group.",
        remediation: "Grant the role to a `group:` member and manage who belongs to the group instead of naming `user:` accounts.",
        bad_example: r#"resource "google_project_iam_member" "grant" {
  project = "acme-prod"
  role    = "roles/viewer"
  member  = "user:alice@example.com"
}
"#,
        good_example: r#"resource "google_project_iam_member" "grant" {
  project = "acme-prod"
  role    = "roles/viewer"
  member  = "group:platform@example.com"
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for grant in iam::grants(deployment, iam::HIERARCHY) {
        let role = grant.role().unwrap_or("a role");
        for member in grant.members_where(iam::is_user) {
            let who = member.as_str().unwrap_or_default();
            deployment.report(
                hits,
                grant.resource,
                Some(member),
                format!("the {} grants {role} to {who}", grant.scope()),
            );
        }
    }
}
