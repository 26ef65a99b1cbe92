use super::seccomp_unconfined::{CONTAINER_ANNOTATION_PREFIX, POD_ANNOTATION};
use crate::kubernetes::{Container, Workload};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "K8S021",
        name: "seccomp-profile-missing",
        title: "Container runs without a seccomp profile",
        severity: Severity::Low,
        domain: Domain::Kubernetes,
        checklist: &["run.restrict-syscalls"],
        aliases: &["KSV-0030", "CKV_K8S_31"],
        rationale: "Unless the kubelet is configured to default to it, a container without a seccomp profile \
                    runs unconfined: every system call is open to an attacker probing the kernel. The runtime's \
                    default profile blocks the rarely needed, often exploited ones at no cost for almost every \
                    application. The restricted Pod Security Standard requires RuntimeDefault or a Localhost \
                    profile, on the pod or on every container.",
        remediation: "Set `securityContext.seccompProfile.type: RuntimeDefault` on the pod.",
        bad_example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n",
        good_example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  securityContext:\n    seccompProfile:\n      type: RuntimeDefault\n  containers:\n    - name: web\n      image: nginx:1.27\n",
    },
    check: Check::Workload(check),
};

fn has_profile(profile_type: Option<&str>) -> bool {
    // `Unconfined` is set, just wrongly: `seccomp-unconfined` reports it.
    matches!(profile_type, Some("RuntimeDefault" | "Localhost" | "Unconfined"))
}

/// The pre-1.19 annotations still satisfy readers of old manifests.
fn annotated(workload: &Workload, container: &Container) -> bool {
    let Some(annotations) = workload.pod_annotations() else { return false };
    let confined = |key: &str| {
        annotations.get(key).and_then(|v| v.as_str()).is_some_and(|v| {
            v == "runtime/default"
                || v == "docker/default"
                || v == "unconfined"
                || v.starts_with("localhost/")
        })
    };
    confined(POD_ANNOTATION) || confined(&format!("{CONTAINER_ANNOTATION_PREFIX}{}", container.name))
}

fn check(workload: &Workload, hits: &mut Hits) {
    // Seccomp is Linux-only; the standard exempts Windows pods.
    if workload.is_windows() {
        return;
    }
    let pod_type = workload.security_context().and_then(|sc| sc.path(&["seccompProfile", "type"]));
    let containers = workload.containers();
    let missing: Vec<_> = containers
        .iter()
        .filter(|c| {
            let own = c.own("seccompProfile").and_then(|p| p.get("type")).filter(|t| !t.is_null());
            !has_profile(own.or(pod_type).and_then(|t| t.as_str())) && !annotated(workload, c)
        })
        .collect();
    // Nothing set anywhere is one omission of the pod, not one per container.
    if !missing.is_empty() && missing.len() == containers.len() {
        hits.push(workload.spec_span(), "neither the pod nor any of its containers sets a seccomp profile");
        return;
    }
    for container in missing {
        hits.push(
            container.span(),
            format!("{} has no seccomp profile, and the pod sets none", container.label()),
        );
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
    fn nothing_set_is_one_finding_for_the_pod() {
        let text = pod("", "    - name: a\n      image: a:1\n    - name: b\n      image: b:1\n");
        let findings = run_on_example(&RULE, &text);
        assert_eq!(findings.len(), 1);
        // The first line of the pod spec.
        assert_eq!(findings[0].location.start_line, 6);
    }

    #[test]
    fn containers_may_set_it_one_by_one() {
        let text = pod(
            "",
            "    - name: a\n      image: a:1\n      securityContext:\n        seccompProfile:\n          type: Localhost\n          localhostProfile: a.json\n    - name: b\n      image: b:1\n",
        );
        let findings = run_on_example(&RULE, &text);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].message, "container \"b\" has no seccomp profile, and the pod sets none");
    }

    #[test]
    fn legacy_pod_annotation_is_accepted_and_windows_is_exempt() {
        let annotated = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    seccomp.security.alpha.kubernetes.io/pod: runtime/default\nspec:\n  containers:\n    - name: a\n      image: a:1\n";
        assert!(run_on_example(&RULE, annotated).is_empty());
        let windows = pod("  os:\n    name: windows\n", "    - name: a\n      image: a:1\n");
        assert!(run_on_example(&RULE, &windows).is_empty());
    }
}
