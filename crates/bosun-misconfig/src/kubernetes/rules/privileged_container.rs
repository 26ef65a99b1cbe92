use crate::kubernetes::Workload;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "K8S001",
        name: "privileged-container",
        title: "Container runs privileged",
        severity: Severity::High,
        domain: Domain::Kubernetes,
        checklist: &["run.no-privileged"],
        aliases: &["KSV-0017", "CKV_K8S_16", "privileged-container"],
        rationale: "A privileged container gets every capability and the host's devices: a process that \
                    escapes the application owns the node. The Pod Security Standards forbid it at the \
                    baseline level.",
        remediation: "Remove `securityContext.privileged: true`; grant only the capabilities the container needs.",
        bad_example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        privileged: true\n",
        good_example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        privileged: false\n",
    },
    check: Check::Workload(check),
};

fn check(workload: &Workload, hits: &mut Hits) {
    for container in workload.containers() {
        if let Some(flag) = container.own("privileged").filter(|v| v.as_bool() == Some(true)) {
            hits.push(flag.span, format!("{} sets privileged: true", container.label()));
        }
    }
}
