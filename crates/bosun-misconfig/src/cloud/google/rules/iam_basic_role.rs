use crate::cloud::google::iam;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "GCL070",
        name: "iam-basic-role-granted",
        title: "Owner or Editor basic role granted on a project, folder or organization",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Google),
        checklist: &["env.misconfig", "env.iac-terraform", "env.least-access"],
        aliases: &["CKV_GCP_115", "CKV_GCP_116", "CKV_GCP_117"],
        rationale: "The Owner and Editor basic roles carry thousands of permissions across every service. Granting them leaves members able to read and change far more than their work needs; predefined or custom roles can grant just that.",
        remediation: "Replace `roles/owner` and `roles/editor` in `google_project_iam_*` (and folder, organization) grants with predefined or custom roles.",
        bad_example: r#"resource "google_project_iam_member" "grant" {
  project = "acme-prod"
  role    = "roles/editor"
  member  = "user:alice@example.com"
}
"#,
        good_example: r#"resource "google_project_iam_member" "grant" {
  project = "acme-prod"
  role    = "roles/compute.instanceAdmin.v1"
  member  = "user:alice@example.com"
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for grant in iam::grants(deployment, iam::HIERARCHY) {
        let Some(role) = grant.role().filter(|r| iam::is_basic_role(r)) else { continue };
        if grant.members.is_empty() {
            continue;
        }
        deployment.report(
            hits,
            grant.resource,
            grant.role,
            format!("the {} grants the basic role {role}", grant.scope()),
        );
    }
}
