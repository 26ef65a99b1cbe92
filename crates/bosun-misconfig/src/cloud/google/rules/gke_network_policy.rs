use crate::cloud::google::gke;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "GCL014",
        name: "gke-network-policy-disabled",
        title: "GKE cluster does not enforce network policies",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Google),
        checklist: &["env.misconfig", "env.iac-terraform", "run.network-segregation"],
        aliases: &["AVD-GCP-0056", "google-gke-enable-network-policy", "CKV_GCP_12"],
        rationale: "Kubernetes NetworkPolicy objects only take effect when the cluster runs an enforcement engine. Without one, every pod can reach every other pod, so one compromised workload can probe the whole cluster.",
        remediation: "Add `network_policy { enabled = true }` to the `google_container_cluster`, or use Dataplane V2 (`datapath_provider = \"ADVANCED_DATAPATH\"`), which enforces policies itself.",
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

  network_policy {
    enabled = true
  }
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for cluster in gke::clusters(deployment) {
        let dataplane_v2 = cluster.datapath_provider.is_some_and(|d| {
            d.is_unknown() || d.as_str().is_some_and(|d| d.eq_ignore_ascii_case("ADVANCED_DATAPATH"))
        });
        if cluster.autopilot || dataplane_v2 {
            continue;
        }
        match cluster.network_policy {
            None if cluster.resource.get("network_policy").is_none() => deployment.report(
                hits,
                cluster.resource,
                None,
                "the cluster enables neither network_policy nor Dataplane V2",
            ),
            Some(enabled) if enabled.is_false() => {
                deployment.report(hits, cluster.resource, Some(enabled), "network_policy is disabled")
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::registry::run_on_example;

    #[test]
    fn dataplane_v2_enforces_policies() {
        let text = "resource \"google_container_cluster\" \"c\" {\n  name = \"c\"\n  datapath_provider = \"ADVANCED_DATAPATH\"\n}\n";
        assert!(run_on_example(&RULE, text).is_empty());
    }
}
