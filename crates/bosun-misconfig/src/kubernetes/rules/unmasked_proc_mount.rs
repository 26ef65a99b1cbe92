use crate::kubernetes::Workload;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "K8S019",
        name: "unmasked-proc-mount",
        title: "Container mounts /proc unmasked",
        severity: Severity::Medium,
        domain: Domain::Kubernetes,
        checklist: &["run.restrict-syscalls"],
        aliases: &["KSV-0027", "unsafe-proc-mount"],
        rationale: "The runtime masks and makes read-only parts of /proc (kcore, sysrq-trigger, kernel \
                    tunables) that let a process read kernel memory or act on the whole node. \
                    `procMount: Unmasked` removes those masks. The baseline Pod Security Standard allows \
                    only the default.",
        remediation: "Remove `securityContext.procMount` or set it to `Default`.",
        bad_example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: builder\nspec:\n  hostUsers: false\n  containers:\n    - name: builder\n      image: buildah:1.37\n      securityContext:\n        procMount: Unmasked\n",
        good_example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: builder\nspec:\n  hostUsers: false\n  containers:\n    - name: builder\n      image: buildah:1.37\n      securityContext:\n        procMount: Default\n",
    },
    check: Check::Workload(check),
};

fn check(workload: &Workload, hits: &mut Hits) {
    for container in workload.containers() {
        let Some(mount) = container.own("procMount") else { continue };
        let text = mount.scalar_text().unwrap_or_default();
        if !text.is_empty() && text != "Default" {
            hits.push(mount.span, format!("{} sets procMount: {text}", container.label()));
        }
    }
}
