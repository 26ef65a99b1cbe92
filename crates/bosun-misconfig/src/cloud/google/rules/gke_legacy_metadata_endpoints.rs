use crate::cloud::google::gke;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "GCL017",
        name: "gke-legacy-metadata-endpoints-enabled",
        title: "GKE nodes serve the legacy metadata endpoints",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Google),
        checklist: &["env.misconfig", "env.iac-terraform", "env.least-access"],
        aliases: &["AVD-GCP-0048", "google-gke-metadata-endpoints-disabled"],
        rationale: "The legacy v0.1 and v1beta1 metadata endpoints answer without the `Metadata-Flavor` header, so a server-side request forgery in any pod is enough to read the node's credentials from them.",
        remediation: "Remove `disable-legacy-endpoints = false` from `node_config.metadata`, or set it to `\"true\"`.",
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
    metadata = {
      disable-legacy-endpoints = "false"
    }
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
    metadata = {
      disable-legacy-endpoints = "true"
    }
  }
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for pool in gke::node_pools(deployment) {
        if let Some(value) = pool.legacy_endpoints_enabled() {
            deployment.report(
                hits,
                pool.resource,
                Some(value),
                format!("the {} sets disable-legacy-endpoints to false", pool.label),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::registry::run_on_example;

    #[test]
    fn default_pool_of_the_cluster_counts() {
        let text = "resource \"google_container_cluster\" \"c\" {\n  name = \"c\"\n  node_config {\n    metadata = {\n      \"disable-legacy-endpoints\" = false\n    }\n  }\n}\n";
        assert_eq!(run_on_example(&RULE, text).len(), 1);
    }
}
