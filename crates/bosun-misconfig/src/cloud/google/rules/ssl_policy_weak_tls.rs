use crate::cloud::google::compute;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "GCL057",
        name: "compute-ssl-policy-weak-tls",
        title: "SSL policy accepts TLS versions older than 1.2",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Google),
        checklist: &["env.misconfig", "env.iac-terraform"],
        aliases: &["AVD-GCP-0039", "google-compute-use-secure-tls-policy"],
        rationale: "TLS 1.0 and 1.1 are deprecated and have known weaknesses. A load balancer that still accepts them lets clients, or an attacker downgrading them, use protocols that no longer protect the traffic properly.",
        remediation: "Set `min_tls_version = \"TLS_1_2\"` on the `google_compute_ssl_policy`.",
        bad_example: r#"resource "google_compute_ssl_policy" "web" {
  name            = "web"
  profile         = "MODERN"
  min_tls_version = "TLS_1_0"
}
"#,
        good_example: r#"resource "google_compute_ssl_policy" "web" {
  name            = "web"
  profile         = "MODERN"
  min_tls_version = "TLS_1_2"
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for policy in compute::ssl_policies(deployment) {
        match policy.min_tls_version {
            None => deployment.report(
                hits,
                policy.resource,
                None,
                "the policy does not set min_tls_version, so TLS 1.0 is accepted",
            ),
            Some(version) => {
                if let Some(value) = version
                    .as_str()
                    .filter(|v| v.eq_ignore_ascii_case("TLS_1_0") || v.eq_ignore_ascii_case("TLS_1_1"))
                {
                    deployment.report(
                        hits,
                        policy.resource,
                        Some(version),
                        format!("min_tls_version is {value}"),
                    );
                }
            }
        }
    }
}
