use crate::cloud::google::compute;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "GCL040",
        name: "compute-firewall-ssh-open",
        title: "Firewall rule opens SSH (port 22) to the internet",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Google),
        checklist: &["env.misconfig", "env.iac-terraform", "env.least-access", "run.network-segregation"],
        aliases: &["AVD-GCP-0071", "CKV_GCP_2"],
        rationale: "SSH open to every address invites constant password guessing and exploitation of any SSH vulnerability. Reach instances through Identity-Aware Proxy TCP forwarding, a bastion or a VPN instead.",
        remediation: "Limit `source_ranges` of the `google_compute_firewall` to known networks (or use Identity-Aware Proxy ranges) for SSH (port 22).",
        bad_example: r#"resource "google_compute_firewall" "admin" {
  name          = "allow-admin"
  network       = "default"
  source_ranges = ["0.0.0.0/0"]

  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
}
"#,
        good_example: r#"resource "google_compute_firewall" "admin" {
  name          = "allow-admin"
  network       = "default"
  source_ranges = ["10.10.0.0/16"]

  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    const PORTS: &[u16] = &[22];
    for firewall in compute::firewalls(deployment) {
        if !firewall.is_active_ingress() {
            continue;
        }
        let Some(source) = firewall.open_source() else { continue };
        for &port in PORTS {
            for allow in firewall.allows_tcp_port(port) {
                let at = source.attr().or(Some(allow));
                deployment.report(
                    hits,
                    firewall.resource,
                    at,
                    format!("the rule allows {} to port {port}", source.describe()),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::registry::run_on_example;

    #[test]
    fn port_ranges_and_missing_sources_count() {
        let text = "resource \"google_compute_firewall\" \"r\" {\n  name = \"r\"\n  network = \"n\"\n  allow {\n    protocol = \"tcp\"\n    ports = [\"20-25\"]\n  }\n}\n";
        assert_eq!(run_on_example(&RULE, text).len(), 1);
        let text = "resource \"google_compute_firewall\" \"r\" {\n  name = \"r\"\n  network = \"n\"\n  source_ranges = [\"0.0.0.0/0\"]\n  allow {\n    protocol = \"tcp\"\n    ports = [\"80\", \"443\"]\n  }\n}\n";
        assert!(run_on_example(&RULE, text).is_empty());
    }
}
