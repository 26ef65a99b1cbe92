use crate::cloud::google::{gke, iam};
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "GCL027",
        name: "gke-node-default-service-account",
        title: "GKE nodes run as the Compute Engine default service account",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Google),
        checklist: &["env.misconfig", "env.iac-terraform", "env.least-access"],
        aliases: &["AVD-GCP-0050", "google-gke-use-service-account"],
        rationale: "Nodes without a service account of their own use the Compute Engine default account, which usually holds the Editor role on the project. Anything that obtains the node's token, such as a pod reaching the metadata server, then acts with that broad access.",
        remediation: "Create a minimal service account and set `node_config.service_account` to its email on every node pool.",
        bad_example: r#"resource "google_container_cluster" "main" {
  name               = "main"
  location           = "europe-west1"
  initial_node_count = 1
  remove_default_node_pool = true
}

resource "google_container_node_pool" "workers" {
  name       = "workers"
  cluster    = google_container_cluster.main.id
  node_count = 2

  node_config {
    machine_type = "e2-standard-4"
  }
}
"#,
        good_example: r#"resource "google_container_cluster" "main" {
  name               = "main"
  location           = "europe-west1"
  initial_node_count = 1
  remove_default_node_pool = true
}

resource "google_container_node_pool" "workers" {
  name       = "workers"
  cluster    = google_container_cluster.main.id
  node_count = 2

  node_config {
    machine_type    = "e2-standard-4"
    service_account = google_service_account.nodes.email
  }
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for pool in gke::node_pools(deployment) {
        if pool.config_unknown() {
            continue;
        }
        match pool.service_account() {
            None => deployment.report(
                hits,
                pool.resource,
                None,
                format!("the {} names no service account, so it uses the default one", pool.label),
            ),
            Some(account) if account.as_str().is_some_and(iam::is_default_service_account) => deployment
                .report(
                    hits,
                    pool.resource,
                    Some(account),
                    format!("the {} runs as the Compute Engine default service account", pool.label),
                ),
            Some(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::registry::run_on_example;

    #[test]
    fn clusters_that_remove_the_default_pool_are_not_reported() {
        let text = "resource \"google_container_cluster\" \"c\" {\n  name = \"c\"\n  remove_default_node_pool = true\n}\n";
        assert!(run_on_example(&RULE, text).is_empty());
        let text = "resource \"google_container_cluster\" \"c\" {\n  name = \"c\"\n}\n";
        assert_eq!(run_on_example(&RULE, text).len(), 1);
    }
}
