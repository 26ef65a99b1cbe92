use crate::cloud::google::compute;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "GCL062",
        name: "project-default-network-created",
        title: "Project is created with the default network",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Google),
        checklist: &["env.misconfig", "env.iac-terraform", "run.network-segregation"],
        aliases: &["AVD-GCP-0010", "CKV_GCP_27"],
        rationale: "The default network has a subnet in every region and firewall rules that allow SSH, RDP and ICMP from anywhere and all traffic inside the network. Projects should start empty and get networks designed for them.",
        remediation: "Set `auto_create_network = false` on the `google_project`.",
        bad_example: r#"resource "google_project" "app" {
  name       = "app"
  project_id = "acme-app"
  org_id     = "1234567"
}
"#,
        good_example: r#"resource "google_project" "app" {
  name       = "app"
  project_id = "acme-app"
  org_id     = "1234567"
  auto_create_network = false
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for project in compute::projects(deployment) {
        match project.auto_create_network {
            None => deployment.report(
                hits,
                project.resource,
                None,
                "the project does not set auto_create_network = false, so the default network is created",
            ),
            Some(flag) if flag.is_true() => {
                deployment.report(hits, project.resource, Some(flag), "auto_create_network is true")
            }
            Some(_) => {}
        }
    }
}
