use crate::kubernetes::Workload;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "K8S020",
        name: "seccomp-unconfined",
        title: "Seccomp filtering is turned off",
        severity: Severity::Medium,
        domain: Domain::Kubernetes,
        checklist: &["run.restrict-syscalls"],
        aliases: &["KSV-0104"],
        rationale: "A seccomp profile blocks the system calls containers never need (kexec, module loading, \
                    new mount APIs, ...), which is where many kernel exploits start. `Unconfined` explicitly \
                    runs the container with every system call available. The baseline Pod Security Standard \
                    forbids it.",
        remediation: "Set `securityContext.seccompProfile.type: RuntimeDefault` (or a `Localhost` profile) instead of `Unconfined`.",
        bad_example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  securityContext:\n    seccompProfile:\n      type: Unconfined\n  containers:\n    - name: web\n      image: nginx:1.27\n",
        good_example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  securityContext:\n    seccompProfile:\n      type: RuntimeDefault\n  containers:\n    - name: web\n      image: nginx:1.27\n",
    },
    check: Check::Workload(check),
};

/// The annotations Kubernetes used for seccomp before the field existed.
pub const POD_ANNOTATION: &str = "seccomp.security.alpha.kubernetes.io/pod";
pub const CONTAINER_ANNOTATION_PREFIX: &str = "container.seccomp.security.alpha.kubernetes.io/";

fn check(workload: &Workload, hits: &mut Hits) {
    for (label, context) in workload.security_contexts() {
        let Some(kind) = context.path(&["seccompProfile", "type"]) else { continue };
        if kind.as_str() == Some("Unconfined") {
            hits.push(kind.span, format!("{label} securityContext sets seccompProfile type Unconfined"));
        }
    }
    let annotations = workload.pod_annotations();
    for (key, value) in annotations.map(|a| a.string_entries().collect::<Vec<_>>()).unwrap_or_default() {
        let subject = if key == POD_ANNOTATION {
            "the pod".to_string()
        } else if let Some(container) = key.strip_prefix(CONTAINER_ANNOTATION_PREFIX) {
            format!("container \"{container}\"")
        } else {
            continue;
        };
        if value.as_str() == Some("unconfined") {
            hits.push(value.span, format!("annotation {key} turns seccomp off for {subject}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    #[test]
    fn legacy_annotations_count() {
        let text = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n    metadata:\n      annotations:\n        seccomp.security.alpha.kubernetes.io/pod: unconfined\n        container.seccomp.security.alpha.kubernetes.io/app: runtime/default\n    spec:\n      containers:\n        - name: app\n          image: app:1\n          securityContext:\n            seccompProfile:\n              type: Unconfined\n";
        let lines: Vec<_> = run_on_example(&RULE, text).iter().map(|f| f.location.start_line).collect();
        assert_eq!(lines, vec![17, 9]);
    }
}
