use crate::compose::{report_missing_limit, ComposeService};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DC017",
        name: "compose-no-pids-limit",
        title: "Compose service has no process limit",
        severity: Severity::Low,
        domain: Domain::Compose,
        checklist: &["run.resource-limits"],
        aliases: &[],
        rationale: "Process IDs are a host-wide resource. Without a pids limit, a fork bomb or a leak of \
                    threads in one container exhausts them, and then nothing on the host can start a \
                    process, including the tools needed to recover. A generous limit (a few hundred to a \
                    few thousand) costs nothing in normal operation.",
        remediation:
            "Set `pids_limit: 200` (or `deploy.resources.limits.pids: 200`) above the service's normal \
                      process and thread count.",
        bad_example: "services:\n  app:\n    image: app:2.0\n",
        good_example: "services:\n  app:\n    image: app:2.0\n    pids_limit: 200\n",
    },
    check: Check::ComposeService(check),
};

fn check(service: &ComposeService, hits: &mut Hits) {
    report_missing_limit(
        service,
        "pids",
        &[&["pids_limit"], &["deploy", "resources", "limits", "pids"]],
        hits,
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    #[test]
    fn minus_one_is_unlimited() {
        let text = "services:\n  app:\n    image: app:2.0\n    pids_limit: -1\n";
        let found = run_on_example(&RULE, text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].location.start_line, 4);
    }
}
