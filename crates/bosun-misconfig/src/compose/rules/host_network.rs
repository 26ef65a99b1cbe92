use crate::compose::interpolate::interpolate;
use crate::compose::ComposeService;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DC003",
        name: "compose-host-network",
        title: "Compose service shares the host's network namespace",
        severity: Severity::High,
        domain: Domain::Compose,
        checklist: &["run.network-segregation"],
        aliases: &[],
        rationale:
            "With `network_mode: host` the container uses the host's interfaces directly: it can bind \
                    any host port, reach services listening only on the host's loopback (including local \
                    admin APIs), and sees all host traffic it has the capabilities to sniff. Compose \
                    networks, published-port rules and network isolation between projects no longer apply.",
        remediation:
            "Remove `network_mode: host`; attach the service to a Compose network and publish only the \
                      ports it serves.",
        bad_example: "services:\n  web:\n    image: nginx:1.27\n    network_mode: host\n",
        good_example: "services:\n  web:\n    image: nginx:1.27\n    ports:\n      - \"8080:80\"\n",
    },
    check: Check::ComposeService(check),
};

fn check(service: &ComposeService, hits: &mut Hits) {
    // `net` is the Compose file format 1 spelling of `network_mode`.
    for key in ["network_mode", "net"] {
        let Some(mode) = service.get(key) else { continue };
        if mode.scalar_text().is_some_and(|m| interpolate(&m) == "host") {
            hits.push(
                mode.span,
                format!("{} uses the host network namespace ({key}: host)", service.label()),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    #[test]
    fn reads_the_old_spelling_and_ignores_other_modes() {
        let old = "services:\n  web:\n    image: nginx:1.27\n    net: \"host\"\n";
        assert_eq!(run_on_example(&RULE, old).len(), 1);
        let shared = "services:\n  web:\n    image: nginx:1.27\n    network_mode: \"service:vpn\"\n  vpn:\n    image: vpn:1\n";
        assert!(run_on_example(&RULE, shared).is_empty());
    }
}
