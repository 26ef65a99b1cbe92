use crate::cloud::google::compute;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "GCL058",
        name: "compute-ssl-policy-weak-ciphers",
        title: "SSL policy allows weak cipher suites",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Google),
        checklist: &["env.misconfig", "env.iac-terraform"],
        aliases: &["CKV_GCP_4"],
        rationale: "The COMPATIBLE profile, the default, keeps cipher suites without forward secrecy and with 3DES or SHA-1 CBC constructions for old clients. Traffic protected by them is easier to break or to decrypt later.",
        remediation: "Set `profile = \"MODERN\"` or `\"RESTRICTED\"` on the `google_compute_ssl_policy`, or list only strong `custom_features`.",
        bad_example: r#"resource "google_compute_ssl_policy" "web" {
  name            = "web"
  profile         = "COMPATIBLE"
  min_tls_version = "TLS_1_2"
}
"#,
        good_example: r#"resource "google_compute_ssl_policy" "web" {
  name            = "web"
  profile         = "RESTRICTED"
  min_tls_version = "TLS_1_2"
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for policy in compute::ssl_policies(deployment) {
        let profile = policy.profile.and_then(|p| p.as_str()).map(str::to_ascii_uppercase);
        match (policy.profile, profile.as_deref()) {
            (None, _) => deployment.report(
                hits,
                policy.resource,
                None,
                "the policy does not set a profile, so the COMPATIBLE profile and its weak ciphers apply",
            ),
            (Some(at), Some("COMPATIBLE")) => deployment.report(
                hits,
                policy.resource,
                Some(at),
                "the COMPATIBLE profile allows weak cipher suites",
            ),
            (Some(_), Some("CUSTOM")) => {
                let Some(features) = policy.custom_features else { continue };
                for feature in features.items() {
                    let Some(name) = feature.as_str() else { continue };
                    let upper = name.to_ascii_uppercase();
                    let weak = upper.contains("3DES")
                        || upper.starts_with("TLS_RSA_")
                        || upper.ends_with("_CBC_SHA");
                    if weak {
                        deployment.report(
                            hits,
                            policy.resource,
                            Some(feature),
                            format!("custom_features allows the weak cipher suite {name}"),
                        );
                    }
                }
            }
            _ => {}
        }
    }
}
