use crate::compose::ComposeService;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DC001",
        name: "compose-privileged",
        title: "Compose service runs privileged",
        severity: Severity::High,
        domain: Domain::Compose,
        checklist: &["run.no-privileged"],
        aliases: &[],
        rationale: "A privileged container has every capability and the host's devices; breaking out of \
                    the application means owning the Docker host.",
        remediation: "Remove `privileged: true`; add only the capabilities the service needs with `cap_add`.",
        bad_example: "services:\n  web:\n    image: nginx:1.27\n    privileged: true\n",
        good_example: "services:\n  web:\n    image: nginx:1.27\n",
    },
    check: Check::ComposeService(check),
};

fn check(service: &ComposeService, hits: &mut Hits) {
    if let Some(flag) = service.get("privileged").filter(|v| v.as_bool() == Some(true)) {
        hits.push(flag.span, format!("{} sets privileged: true", service.label()));
    }
}
