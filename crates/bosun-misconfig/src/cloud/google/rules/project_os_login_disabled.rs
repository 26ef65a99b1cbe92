use crate::cloud::google::compute;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "GCL050",
        name: "compute-project-os-login-disabled",
        title: "Project metadata does not enable OS Login",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Google),
        checklist: &["env.misconfig", "env.iac-terraform", "env.least-access"],
        aliases: &["AVD-GCP-0042", "google-compute-project-level-oslogin", "CKV_GCP_33"],
        rationale: "Enabling OS Login in the project metadata makes every instance authorize SSH through IAM instead of metadata SSH keys, so access can be reviewed and revoked in one place and is recorded in audit logs.",
        remediation: "Set `enable-oslogin = \"TRUE\"` in `google_compute_project_metadata` (or a `google_compute_project_metadata_item`).",
        bad_example: r#"resource "google_compute_project_metadata" "default" {
  metadata = {
    enable-oslogin = "FALSE"
  }
}
"#,
        good_example: r#"resource "google_compute_project_metadata" "default" {
  metadata = {
    enable-oslogin = "TRUE"
  }
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for project in compute::project_metadata(deployment) {
        match project.value("enable-oslogin") {
            Some(value) if compute::metadata_flag(value) == Some(false) => deployment.report(
                hits,
                project.resource,
                Some(value),
                "enable-oslogin is off in the project metadata",
            ),
            None if project.metadata.is_some_and(|m| !m.is_unknown()) => deployment.report(
                hits,
                project.resource,
                None,
                "the project metadata does not set enable-oslogin",
            ),
            _ => {}
        }
    }
}
