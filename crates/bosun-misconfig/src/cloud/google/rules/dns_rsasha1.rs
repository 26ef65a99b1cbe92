use crate::cloud::google::dns;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "GCL098",
        name: "dns-dnssec-rsasha1",
        title: "Cloud DNS zone signs with the RSASHA1 algorithm",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Google),
        checklist: &["env.misconfig", "env.iac-terraform"],
        aliases: &["AVD-GCP-0012", "google-dns-no-rsa-sha1", "CKV_GCP_17"],
        rationale: "RSASHA1 relies on SHA-1, for which practical collisions exist. Signatures made with it give weaker assurance, and some resolvers no longer accept them as valid.",
        remediation: "Use `rsasha256`, `rsasha512`, `ecdsap256sha256` or `ecdsap384sha384` in every `dnssec_config.default_key_specs.algorithm`.",
        bad_example: r#"resource "google_dns_managed_zone" "public" {
  name     = "public"
  dns_name = "example.com."

  dnssec_config {
    state = "on"

    default_key_specs {
      algorithm  = "rsasha1"
      key_length = 2048
      key_type   = "keySigning"
    }

    default_key_specs {
      algorithm  = "rsasha1"
      key_length = 1024
      key_type   = "zoneSigning"
    }
  }
}
"#,
        good_example: r#"resource "google_dns_managed_zone" "public" {
  name     = "public"
  dns_name = "example.com."

  dnssec_config {
    state = "on"

    default_key_specs {
      algorithm  = "rsasha256"
      key_length = 2048
      key_type   = "keySigning"
    }

    default_key_specs {
      algorithm  = "rsasha256"
      key_length = 1024
      key_type   = "zoneSigning"
    }
  }
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for zone in dns::managed_zones(deployment) {
        for spec in &zone.key_specs {
            let Some(algorithm) = spec.get("algorithm") else { continue };
            if algorithm.as_str().is_some_and(|a| a.eq_ignore_ascii_case("rsasha1")) {
                let key_type = spec.get("key_type").and_then(|k| k.as_str()).unwrap_or("a");
                deployment.report(
                    hits,
                    zone.resource,
                    Some(algorithm),
                    format!("the {key_type} key uses RSASHA1"),
                );
            }
        }
    }
}
