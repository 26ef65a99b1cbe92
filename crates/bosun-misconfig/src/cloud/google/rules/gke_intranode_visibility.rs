use crate::cloud::google::gke;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "GCL029",
        name: "gke-intranode-visibility-disabled",
        title: "GKE cluster does not enable intranode visibility",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Google),
        checklist: &["env.misconfig", "env.iac-terraform", "env.audit-logging"],
        aliases: &["CKV_GCP_61"],
        rationale: "Traffic between pods on the same node never leaves the node, so VPC flow logs and firewall rules do not see it. Intranode visibility routes it through the VPC network, where it can be logged and inspected.",
        remediation: "Set `enable_intranode_visibility = true` on the `google_container_cluster`.",
        bad_example: r#"resource "google_container_cluster" "main" {
  name               = "main"
  location           = "europe-west1"
  initial_node_count = 1
}
"#,
        good_example: r#"resource "google_container_cluster" "main" {
  name               = "main"
  location           = "europe-west1"
  initial_node_count = 1
  enable_intranode_visibility = true
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for cluster in gke::clusters(deployment) {
        match cluster.intranode_visibility {
            None => deployment.report(
                hits,
                cluster.resource,
                None,
                "the cluster does not enable intranode visibility",
            ),
            Some(flag) if flag.is_false() => {
                deployment.report(hits, cluster.resource, Some(flag), "enable_intranode_visibility is false")
            }
            Some(_) => {}
        }
    }
}
