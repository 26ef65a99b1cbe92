use crate::cloud::google::dns;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "GCL097",
        name: "dns-dnssec-disabled",
        title: "Public Cloud DNS zone is not signed with DNSSEC",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Google),
        checklist: &["env.misconfig", "env.iac-terraform"],
        aliases: &["AVD-GCP-0013", "google-dns-enable-dnssec", "CKV_GCP_16"],
        rationale: "Without DNSSEC, resolvers cannot verify that answers for the zone really come from it, so cache poisoning and spoofed answers can send users to an attacker's servers.",
        remediation: "Add `dnssec_config { state = \"on\" }` to the public `google_dns_managed_zone`.",
        bad_example: r#"resource "google_dns_managed_zone" "public" {
  name     = "public"
  dns_name = "example.com."
}
"#,
        good_example: r#"resource "google_dns_managed_zone" "public" {
  name     = "public"
  dns_name = "example.com."

  dnssec_config {
    state = "on"
  }
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for zone in dns::managed_zones(deployment) {
        if zone.is_private() {
            continue;
        }
        match (zone.dnssec, zone.dnssec_state) {
            (None, _) => deployment.report(hits, zone.resource, None, "the zone has no dnssec_config"),
            (Some(block), None) if !block.is_unknown() => {
                deployment.report(hits, zone.resource, Some(block), "dnssec_config does not turn DNSSEC on")
            }
            (Some(_), Some(state)) if state.as_str().is_some_and(|s| s.eq_ignore_ascii_case("off")) => {
                deployment.report(hits, zone.resource, Some(state), "DNSSEC state is off")
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
    fn private_zones_are_skipped() {
        let text = "resource \"google_dns_managed_zone\" \"p\" {\n  name = \"p\"\n  dns_name = \"corp.internal.\"\n  visibility = \"private\"\n}\n";
        assert!(run_on_example(&RULE, text).is_empty());
    }
}
