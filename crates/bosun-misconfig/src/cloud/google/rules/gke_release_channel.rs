use crate::cloud::google::gke;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "GCL026",
        name: "gke-release-channel-missing",
        title: "GKE cluster is not enrolled in a release channel",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Google),
        checklist: &["env.misconfig", "env.iac-terraform", "env.patch"],
        aliases: &["CKV_GCP_70"],
        rationale: "A release channel has Google upgrade the cluster to tested versions on a predictable schedule, bringing security fixes with it. Clusters outside a channel depend on manual upgrades and tend to fall behind.",
        remediation: "Add `release_channel { channel = \"REGULAR\" }` (or `STABLE`, `RAPID`) to the `google_container_cluster`.",
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

  release_channel {
    channel = "REGULAR"
  }
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for cluster in gke::clusters(deployment) {
        match cluster.release_channel {
            None => deployment.report(hits, cluster.resource, None, "the cluster has no release_channel"),
            Some(channel) if channel.as_str().is_some_and(|c| c.eq_ignore_ascii_case("UNSPECIFIED")) => {
                deployment.report(hits, cluster.resource, Some(channel), "the release channel is UNSPECIFIED")
            }
            Some(_) => {}
        }
    }
}
