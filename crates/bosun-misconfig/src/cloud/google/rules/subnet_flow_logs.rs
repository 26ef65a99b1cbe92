use crate::cloud::google::compute;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "GCL060",
        name: "vpc-subnet-flow-logs-disabled",
        title: "VPC subnetwork does not record flow logs",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Google),
        checklist: &["env.misconfig", "env.iac-terraform", "env.audit-logging"],
        aliases: &["AVD-GCP-0029", "AVD-GCP-0076", "google-compute-enable-vpc-flow-logs", "CKV_GCP_26"],
        rationale: "Flow logs record the connections made to and from instances in the subnet. Without them there is no trace of lateral movement or data exfiltration to investigate afterwards.",
        remediation: "Add a `log_config` block to the `google_compute_subnetwork`.",
        bad_example: r#"resource "google_compute_subnetwork" "app" {
  name          = "app"
  region        = "europe-west1"
  network       = google_compute_network.main.id
  ip_cidr_range = "10.10.0.0/20"
  private_ip_google_access = true
}
"#,
        good_example: r#"resource "google_compute_subnetwork" "app" {
  name          = "app"
  region        = "europe-west1"
  network       = google_compute_network.main.id
  ip_cidr_range = "10.10.0.0/20"
  private_ip_google_access = true

  log_config {
    aggregation_interval = "INTERVAL_5_SEC"
    flow_sampling        = 0.5
  }
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for subnet in compute::subnetworks(deployment) {
        if subnet.log_config.is_none() && !subnet.is_special_purpose() {
            deployment.report(
                hits,
                subnet.resource,
                None,
                "the subnetwork has no log_config, so no flow logs are kept",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::registry::run_on_example;

    #[test]
    fn proxy_only_subnets_are_skipped() {
        let text = "resource \"google_compute_subnetwork\" \"p\" {\n  name = \"p\"\n  ip_cidr_range = \"10.0.0.0/24\"\n  network = \"n\"\n  purpose = \"REGIONAL_MANAGED_PROXY\"\n  role = \"ACTIVE\"\n}\n";
        assert!(run_on_example(&RULE, text).is_empty());
    }
}
