use crate::cloud::google::iam;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "GCL071",
        name: "iam-service-account-privileged-role",
        title: "Service account granted an owner, editor or admin role",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Google),
        checklist: &["env.misconfig", "env.iac-terraform", "env.least-access"],
        aliases: &["AVD-GCP-0007", "google-iam-no-privileged-service-accounts", "CKV_GCP_42"],
        rationale: "Service account credentials live in workloads, CI systems and key files, where they leak more easily than a person's. Giving a service account an owner, editor or administrator role turns any such leak into control of the project, folder or organization.",
        remediation: "Grant service accounts (`serviceAccount:` members) only the narrow roles their workload needs.",
        bad_example: r#"resource "google_project_iam_member" "grant" {
  project = "acme-prod"
  role    = "roles/owner"
  member  = "serviceAccount:deployer@acme-prod.iam.gserviceaccount.com"
}
"#,
        good_example: r#"resource "google_project_iam_member" "grant" {
  project = "acme-prod"
  role    = "roles/storage.objectCreator"
  member  = "serviceAccount:deployer@acme-prod.iam.gserviceaccount.com"
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for grant in iam::grants(deployment, iam::HIERARCHY) {
        let Some(role) = grant.role() else { continue };
        let privileged = iam::is_basic_role(role) || role.to_ascii_lowercase().contains("admin");
        if !privileged {
            continue;
        }
        for member in grant.members_where(iam::is_service_account) {
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
