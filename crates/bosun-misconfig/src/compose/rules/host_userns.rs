use crate::compose::interpolate::interpolate;
use crate::compose::ComposeService;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DC006",
        name: "compose-host-userns",
        title: "Compose service opts out of user namespace remapping",
        severity: Severity::Medium,
        domain: Domain::Compose,
        checklist: &["run.no-privileged"],
        aliases: &[],
        rationale: "On a Docker daemon configured with `userns-remap`, root in a container maps to an \
                    unprivileged user on the host, so a breakout lands without privileges. \
                    `userns_mode: host` turns that off for the service: its root is the host's root again. \
                    On a daemon without remapping the setting changes nothing today, but it silently \
                    defeats the protection once remapping is enabled.",
        remediation:
            "Remove `userns_mode: host`; fix file ownership of the service's volumes for the remapped \
                      user instead.",
        bad_example: "services:\n  app:\n    image: app:1.4\n    userns_mode: host\n",
        good_example: "services:\n  app:\n    image: app:1.4\n",
    },
    check: Check::ComposeService(check),
};

fn check(service: &ComposeService, hits: &mut Hits) {
    let mode = service.get("userns_mode");
    if let Some(mode) = mode.filter(|m| m.scalar_text().is_some_and(|m| interpolate(&m) == "host")) {
        hits.push(mode.span, format!("{} uses the host user namespace (userns_mode: host)", service.label()));
    }
}
