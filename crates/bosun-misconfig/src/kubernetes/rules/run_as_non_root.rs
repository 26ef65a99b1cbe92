use crate::kubernetes::Workload;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "K8S006",
        name: "run-as-non-root-not-required",
        title: "Container is not required to run as a non-root user",
        severity: Severity::Medium,
        domain: Domain::Kubernetes,
        checklist: &["img.non-root-user"],
        aliases: &["KSV-0012", "CKV_K8S_23", "run-as-non-root", "runAsRootAllowed"],
        rationale: "Without `runAsNonRoot: true` the kubelet starts the container as whatever user the image \
                    names, which is root for most images. Root in a container is one kernel bug or one \
                    mounted path away from root on the node. The flag makes the kubelet refuse to start a \
                    container that would run as UID 0; the restricted Pod Security Standard requires it, \
                    on the pod or on every container.",
        remediation: "Set `securityContext.runAsNonRoot: true` on the pod (and a non-zero `runAsUser` if the image has no non-root USER).",
        bad_example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n",
        good_example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  securityContext:\n    runAsNonRoot: true\n    runAsUser: 10001\n  containers:\n    - name: web\n      image: nginx:1.27\n",
    },
    check: Check::Workload(check),
};

fn check(workload: &Workload, hits: &mut Hits) {
    let mut pod_value_reported = false;
    for container in workload.containers() {
        let value = container.effective("runAsNonRoot");
        match value {
            Some(v) if v.as_bool() == Some(true) => {}
            Some(v) if container.inherits("runAsNonRoot") => {
                if !pod_value_reported {
                    pod_value_reported = true;
                    hits.push(v.span, "the pod sets runAsNonRoot: false and its containers inherit it");
                }
            }
            Some(v) => hits.push(v.span, format!("{} sets runAsNonRoot: false", container.label())),
            None => {
                let user = container.effective("runAsUser").and_then(|u| u.as_i64()).filter(|&u| u > 0);
                let message = match user {
                    Some(uid) => format!(
                        "{} does not set runAsNonRoot: true (runAsUser {uid} keeps it off root, but the \
                         restricted profile also requires the flag)",
                        container.label()
                    ),
                    None => format!(
                        "{} does not set runAsNonRoot: true, on itself or on the pod, so it runs as the image's user",
                        container.label()
                    ),
                };
                hits.push(container.span(), message);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    fn pod(security_context: &str, containers: &str) -> String {
        format!("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n{security_context}  containers:\n{containers}")
    }

    #[test]
    fn pod_level_true_covers_every_container() {
        let text = pod(
            "  securityContext:\n    runAsNonRoot: true\n",
            "    - name: a\n      image: a:1\n    - name: b\n      image: b:1\n",
        );
        assert!(run_on_example(&RULE, &text).is_empty());
    }

    #[test]
    fn container_false_overrides_pod_true() {
        let text = pod(
            "  securityContext:\n    runAsNonRoot: true\n",
            "    - name: a\n      image: a:1\n      securityContext:\n        runAsNonRoot: false\n",
        );
        let findings = run_on_example(&RULE, &text);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].location.start_line, 12);
    }

    #[test]
    fn inherited_false_is_reported_once_at_the_pod() {
        let text = pod(
            "  securityContext:\n    runAsNonRoot: false\n",
            "    - name: a\n      image: a:1\n    - name: b\n      image: b:1\n",
        );
        let findings = run_on_example(&RULE, &text);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].location.start_line, 7);
    }

    #[test]
    fn a_null_container_value_inherits_the_pod() {
        let text = pod(
            "  securityContext:\n    runAsNonRoot: true\n",
            "    - name: a\n      image: a:1\n      securityContext:\n        runAsNonRoot: ~\n",
        );
        assert!(run_on_example(&RULE, &text).is_empty());
    }

    #[test]
    fn container_true_without_pod_setting_passes() {
        let text =
            pod("", "    - name: a\n      image: a:1\n      securityContext:\n        runAsNonRoot: true\n");
        assert!(run_on_example(&RULE, &text).is_empty());
    }

    #[test]
    fn a_non_zero_uid_alone_is_named_in_the_message() {
        let text = pod("  securityContext:\n    runAsUser: 1000\n", "    - name: a\n      image: a:1\n");
        let findings = run_on_example(&RULE, &text);
        assert_eq!(findings.len(), 1);
        assert!(findings[0].message.contains("runAsUser 1000"));
    }
}
