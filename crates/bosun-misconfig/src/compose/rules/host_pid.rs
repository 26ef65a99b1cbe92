use crate::compose::interpolate::interpolate;
use crate::compose::ComposeService;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DC004",
        name: "compose-host-pid",
        title: "Compose service shares the host's PID namespace",
        severity: Severity::High,
        domain: Domain::Compose,
        checklist: &["run.no-privileged"],
        aliases: &[],
        rationale: "With `pid: host` the container sees every process on the host, with their command lines \
                    and environments (often holding credentials). A root process in it can signal or trace \
                    host processes and reach their filesystems through `/proc/<pid>/root`, which turns a \
                    container compromise into a host compromise.",
        remediation:
            "Remove `pid: host`; to share processes between two services, use `pid: \"service:<name>\"`.",
        bad_example: "services:\n  agent:\n    image: monitor:2.1\n    pid: host\n",
        good_example: "services:\n  agent:\n    image: monitor:2.1\n",
    },
    check: Check::ComposeService(check),
};

fn check(service: &ComposeService, hits: &mut Hits) {
    if let Some(pid) =
        service.get("pid").filter(|p| p.scalar_text().is_some_and(|p| interpolate(&p) == "host"))
    {
        hits.push(pid.span, format!("{} uses the host PID namespace (pid: host)", service.label()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    #[test]
    fn sharing_with_another_service_is_fine() {
        let text = "services:\n  debug:\n    image: busybox:1.36\n    pid: \"service:app\"\n  app:\n    image: app:1\n";
        assert!(run_on_example(&RULE, text).is_empty());
    }
}
