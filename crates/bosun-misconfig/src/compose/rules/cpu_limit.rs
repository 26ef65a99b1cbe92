use crate::compose::{report_missing_limit, ComposeService};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DC016",
        name: "compose-no-cpu-limit",
        title: "Compose service has no CPU limit",
        severity: Severity::Low,
        domain: Domain::Compose,
        checklist: &["run.resource-limits"],
        aliases: &[],
        rationale: "Without a CPU limit a busy loop, a runaway request or a cryptominer dropped into the \
                    container can use every core of the host and starve the other services. The kernel \
                    still shares CPU time, so the harm is slowness rather than crashes, but it is the \
                    cheapest denial of service there is.",
        remediation:
            "Set `cpus: \"1.0\"` (or `deploy.resources.limits.cpus: \"1.0\"`) to what the service needs.",
        bad_example: "services:\n  app:\n    image: app:2.0\n",
        good_example: "services:\n  app:\n    image: app:2.0\n    cpus: 0.5\n",
    },
    check: Check::ComposeService(check),
};

fn check(service: &ComposeService, hits: &mut Hits) {
    report_missing_limit(
        service,
        "CPU",
        &[&["cpus"], &["cpu_quota"], &["deploy", "resources", "limits", "cpus"]],
        hits,
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    fn count(settings: &str) -> usize {
        run_on_example(&RULE, &format!("services:\n  app:\n    image: app:2.0\n{settings}")).len()
    }

    #[test]
    fn any_spelling_counts_and_shares_do_not() {
        assert_eq!(count("    deploy:\n      resources:\n        limits:\n          cpus: '0.50'\n"), 0);
        assert_eq!(count("    cpu_quota: 50000\n"), 0);
        assert_eq!(count("    cpu_shares: 512\n"), 1);
        assert_eq!(count("    cpus: 0\n"), 1);
    }
}
