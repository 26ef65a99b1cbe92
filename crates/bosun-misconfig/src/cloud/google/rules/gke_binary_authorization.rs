use crate::cloud::google::gke;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "GCL030",
        name: "gke-binary-authorization-disabled",
        title: "GKE cluster does not enforce Binary Authorization",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Google),
        checklist: &["env.misconfig", "env.iac-terraform"],
        aliases: &["CKV_GCP_66"],
        rationale: "Binary Authorization admits only container images that satisfy a policy, such as being built by your CI and signed. Without it, anyone able to create pods can run any image, including a malicious one.",
        remediation: "Add `binary_authorization { evaluation_mode = \"PROJECT_SINGLETON_POLICY_ENFORCE\" }` to the `google_container_cluster`.",
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

  binary_authorization {
    evaluation_mode = "PROJECT_SINGLETON_POLICY_ENFORCE"
  }
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for cluster in gke::clusters(deployment) {
        if cluster.binary_authorization_flag.is_some_and(|f| f.is_true() || f.is_unknown()) {
            continue;
        }
        let Some(block) = cluster.binary_authorization else {
            deployment.report(
                hits,
                cluster.resource,
                None,
                "the cluster does not enable Binary Authorization",
            );
            continue;
        };
        if let Some(mode) = block.get("evaluation_mode") {
            if mode.as_str().is_some_and(|m| m.eq_ignore_ascii_case("DISABLED")) {
                deployment.report(
                    hits,
                    cluster.resource,
                    Some(mode),
                    "Binary Authorization evaluation_mode is DISABLED",
                );
            }
        } else if let Some(enabled) = block.get("enabled").filter(|e| e.is_false()) {
            deployment.report(hits, cluster.resource, Some(enabled), "Binary Authorization is disabled");
        }
    }
}
