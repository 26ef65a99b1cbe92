use crate::kubernetes::Workload;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "K8S007",
        name: "run-as-uid-zero",
        title: "Pod or container is set to run as UID 0",
        severity: Severity::Medium,
        domain: Domain::Kubernetes,
        checklist: &["img.non-root-user"],
        aliases: &["KSV-0105"],
        rationale: "`runAsUser: 0` asks for root explicitly, overriding a non-root USER the image may have. \
                    Root in a container owns every file of the container, can use every capability the \
                    container keeps, and is the first step of most container escapes. The restricted Pod \
                    Security Standard forbids the value anywhere in the pod.",
        remediation: "Set `runAsUser` to a non-zero UID (or leave it unset and use an image with a non-root USER).",
        bad_example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        runAsUser: 0\n",
        good_example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        runAsUser: 10001\n",
    },
    check: Check::Workload(check),
};

fn check(workload: &Workload, hits: &mut Hits) {
    // Forbidden wherever it is written: a pod-level 0 is rejected by the standard
    // even when every container overrides it.
    for (label, context) in workload.security_contexts() {
        if let Some(user) = context.get("runAsUser").filter(|u| u.as_i64() == Some(0)) {
            hits.push(user.span, format!("{label} securityContext sets runAsUser: 0 (root)"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    #[test]
    fn reports_pod_and_container_values_separately() {
        let text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  securityContext:\n    runAsUser: 0\n  initContainers:\n    - name: init\n      image: busybox:1.36\n      securityContext:\n        runAsUser: 0\n  containers:\n    - name: app\n      image: app:1\n      securityContext:\n        runAsUser: 1000\n";
        let findings = run_on_example(&RULE, text);
        let lines: Vec<_> = findings.iter().map(|f| f.location.start_line).collect();
        assert_eq!(lines, vec![7, 12]);
        assert!(findings[0].message.starts_with("pod securityContext"));
        assert!(findings[1].message.starts_with("init container \"init\""));
    }
}
