use crate::compose::interpolate::interpolate;
use crate::compose::ComposeService;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DC005",
        name: "compose-host-ipc",
        title: "Compose service shares the host's IPC namespace",
        severity: Severity::High,
        domain: Domain::Compose,
        checklist: &["run.no-privileged"],
        aliases: &[],
        rationale: "With `ipc: host` the container shares System V IPC objects, POSIX message queues and \
                    `/dev/shm` with every host process. It can read and corrupt the shared memory of host \
                    programs and databases, and it escapes the isolation the IPC namespace is meant to give.",
        remediation:
            "Remove `ipc: host`; to share memory with one other service, use `ipc: \"service:<name>\"` \
                      or `ipc: shareable` on that service.",
        bad_example: "services:\n  worker:\n    image: worker:3.2\n    ipc: host\n",
        good_example: "services:\n  worker:\n    image: worker:3.2\n    ipc: private\n",
    },
    check: Check::ComposeService(check),
};

fn check(service: &ComposeService, hits: &mut Hits) {
    if let Some(ipc) =
        service.get("ipc").filter(|i| i.scalar_text().is_some_and(|i| interpolate(&i) == "host"))
    {
        hits.push(ipc.span, format!("{} uses the host IPC namespace (ipc: host)", service.label()));
    }
}
