use crate::cloud::google::compute;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "GCL041",
        name: "compute-firewall-rdp-open",
        title: "Firewall rule opens RDP (port 3389) to the internet",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Google),
        checklist: &["env.misconfig", "env.iac-terraform", "env.least-access", "run.network-segregation"],
        aliases: &["AVD-GCP-0070", "CKV_GCP_3"],
        rationale: "Remote Desktop exposed to the internet is one of the most attacked services: credential stuffing and RDP vulnerabilities give direct interactive access to the machine.",
        remediation: "Limit `source_ranges` of the `google_compute_firewall` to known networks (or use Identity-Aware Proxy ranges) for RDP (port 3389).",
        bad_example: r#"resource "google_compute_firewall" "admin" {
  name          = "allow-admin"
  network       = "default"
  source_ranges = ["0.0.0.0/0"]

  allow {
    protocol = "tcp"
    ports    = ["3389"]
  }
}
"#,
        good_example: r#"resource "google_compute_firewall" "admin" {
  name          = "allow-admin"
  network       = "default"
  source_ranges = ["10.10.0.0/16"]

  allow {
    protocol = "tcp"
    ports    = ["3389"]
  }
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    const PORTS: &[u16] = &[3389];
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
