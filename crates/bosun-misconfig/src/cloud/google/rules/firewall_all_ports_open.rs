use crate::cloud::google::compute;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "GCL043",
        name: "compute-firewall-all-ports-open",
        title: "Firewall rule opens every port to the internet",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Google),
        checklist: &["env.misconfig", "env.iac-terraform", "env.least-access", "run.network-segregation"],
        aliases: &["AVD-GCP-0072"],
        rationale: "A rule that admits every protocol or every port from any address exposes all services of the targeted instances, including the ones nobody meant to publish.",
        remediation: "Restrict the `allow` blocks of the `google_compute_firewall` to the protocols and `ports` needed, and `source_ranges` to known networks.",
        bad_example: r#"resource "google_compute_firewall" "admin" {
  name          = "allow-admin"
  network       = "default"
  source_ranges = ["0.0.0.0/0"]

  allow {
    protocol = "all"
  }
}
"#,
        good_example: r#"resource "google_compute_firewall" "admin" {
  name          = "allow-admin"
  network       = "default"
  source_ranges = ["0.0.0.0/0"]

  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for firewall in compute::firewalls(deployment) {
        if !firewall.is_active_ingress() {
            continue;
        }
        let Some(source) = firewall.open_source() else { continue };
        for allow in firewall.allows_every_port() {
            let protocol = allow.get("protocol").and_then(|p| p.as_str()).unwrap_or("any");
            deployment.report(
                hits,
                firewall.resource,
                Some(allow),
                format!("the rule allows {} to every {protocol} port", source.describe()),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::registry::run_on_example;

    #[test]
    fn egress_and_disabled_rules_are_ignored() {
        let text = "resource \"google_compute_firewall\" \"e\" {\n  name = \"e\"\n  network = \"n\"\n  direction = \"EGRESS\"\n  destination_ranges = [\"0.0.0.0/0\"]\n  allow {\n    protocol = \"all\"\n  }\n}\n";
        assert!(run_on_example(&RULE, text).is_empty());
        let text = "resource \"google_compute_firewall\" \"d\" {\n  name = \"d\"\n  network = \"n\"\n  disabled = true\n  source_ranges = [\"0.0.0.0/0\"]\n  allow {\n    protocol = \"tcp\"\n  }\n}\n";
        assert!(run_on_example(&RULE, text).is_empty());
    }

    #[test]
    fn tagged_sources_are_not_open() {
        let text = "resource \"google_compute_firewall\" \"t\" {\n  name = \"t\"\n  network = \"n\"\n  source_tags = [\"web\"]\n  allow {\n    protocol = \"tcp\"\n  }\n}\n";
        assert!(run_on_example(&RULE, text).is_empty());
    }
}
