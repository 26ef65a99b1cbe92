use crate::compose::{report_missing_limit, ComposeService};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DC015",
        name: "compose-no-memory-limit",
        title: "Compose service has no memory limit",
        severity: Severity::Medium,
        domain: Domain::Compose,
        checklist: &["run.resource-limits"],
        aliases: &[],
        rationale: "Without a memory limit a leak, a load spike or an attacker's payload can take all of the \
                    host's memory. The kernel's OOM killer then picks victims across the whole host, \
                    including other services and the Docker daemon itself, so one faulty container becomes \
                    an outage of everything on the machine.",
        remediation: "Set `mem_limit: 512m` (or `deploy.resources.limits.memory: 512M`) to what the service \
                      needs plus headroom.",
        bad_example: "services:\n  app:\n    image: app:2.0\n",
        good_example: "services:\n  app:\n    image: app:2.0\n    deploy:\n      resources:\n        limits:\n          memory: 512M\n",
    },
    check: Check::ComposeService(check),
};

fn check(service: &ComposeService, hits: &mut Hits) {
    report_missing_limit(
        service,
        "memory",
        &[&["mem_limit"], &["deploy", "resources", "limits", "memory"]],
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
    fn either_spelling_sets_a_limit() {
        assert_eq!(count("    mem_limit: 268435456\n"), 0);
        assert_eq!(count("    mem_limit: ${APP_MEMORY}\n"), 0);
        assert_eq!(count("    mem_limit: 1g\n    deploy:\n      resources: {}\n"), 0);
    }

    #[test]
    fn zero_and_null_are_no_limit() {
        assert_eq!(count("    mem_limit: 0\n"), 1);
        assert_eq!(count("    deploy:\n      resources:\n        limits:\n          memory:\n"), 1);
        assert_eq!(count("    mem_limit: ${MEM:-0}\n"), 1);
    }

    #[test]
    fn limits_come_through_merge_keys_and_extends() {
        let text = "x-limits: &limits\n  mem_limit: 256m\nservices:\n  a:\n    <<: *limits\n    image: a:1\n\
                    \x20 b:\n    extends: a\n";
        assert!(run_on_example(&RULE, text).is_empty());
    }

    #[test]
    fn override_fragments_are_not_judged_but_their_explicit_zero_is() {
        let fragment = "services:\n  web:\n    ports:\n      - \"127.0.0.1:8080:8080\"\n";
        assert!(run_on_example(&RULE, fragment).is_empty());
        let full = "services:\n  web:\n    image: web:1.0\n    ports:\n      - \"127.0.0.1:8080:8080\"\n";
        assert_eq!(run_on_example(&RULE, full).len(), 1);
        let zero = "services:\n  web:\n    mem_limit: 0\n";
        assert_eq!(run_on_example(&RULE, zero).len(), 1);
    }
}
