use crate::kubernetes::Workload;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "K8S033",
        name: "low-run-as-user",
        title: "Container runs with a UID below 10000",
        severity: Severity::Low,
        domain: Domain::Kubernetes,
        checklist: &["img.no-fixed-uid"],
        aliases: &["KSV-0020", "CKV_K8S_40"],
        rationale: "UIDs below 10000 are the ones distributions hand to system accounts and people. If a \
                    container escapes, or shares a volume or hostPath with the node, it acts as that host \
                    user. A high UID that no host account uses leaves an escaped process owning nothing. \
                    (UID 0 is reported by `run-as-uid-zero`.)",
        remediation: "Set `runAsUser` to 10000 or above, or leave it unset and let the image's non-root USER apply.",
        bad_example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  securityContext:\n    runAsUser: 1000\n  containers:\n    - name: web\n      image: nginx:1.27\n",
        good_example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  securityContext:\n    runAsUser: 10001\n  containers:\n    - name: web\n      image: nginx:1.27\n",
    },
    check: Check::Workload(check),
};

/// Reports `key` (runAsUser, runAsGroup) values between 1 and 9999: once at
/// the pod when containers inherit it, else at each container's own value.
pub fn report_low_ids(workload: &Workload, key: &str, hits: &mut Hits) {
    // These are Linux identities; Windows uses runAsUserName.
    if workload.is_windows() {
        return;
    }
    let is_low = |id: i64| (1..10000).contains(&id);
    let mut pod_value_reported = false;
    for container in workload.containers() {
        let Some(node) = container.effective(key) else { continue };
        let Some(id) = node.as_i64().filter(|&id| is_low(id)) else { continue };
        if container.inherits(key) {
            if !pod_value_reported {
                pod_value_reported = true;
                hits.push(
                    node.span,
                    format!("the pod sets {key}: {id}, below 10000, and its containers inherit it"),
                );
            }
        } else {
            hits.push(node.span, format!("{} sets {key}: {id}, below 10000", container.label()));
        }
    }
}

fn check(workload: &Workload, hits: &mut Hits) {
    report_low_ids(workload, "runAsUser", hits);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    #[test]
    fn container_values_override_the_pod() {
        let text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  securityContext:\n    runAsUser: 1000\n  containers:\n    - name: a\n      image: a:1\n      securityContext:\n        runAsUser: 20000\n    - name: b\n      image: b:1\n      securityContext:\n        runAsUser: 33\n    - name: c\n      image: c:1\n    - name: d\n      image: d:1\n";
        let messages: Vec<_> = run_on_example(&RULE, text).into_iter().map(|f| f.message).collect();
        assert_eq!(
            messages,
            vec![
                "container \"b\" sets runAsUser: 33, below 10000",
                "the pod sets runAsUser: 1000, below 10000, and its containers inherit it",
            ]
        );
    }

    #[test]
    fn unset_and_root_are_left_to_other_rules() {
        let text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  securityContext:\n    runAsUser: 0\n  containers:\n    - name: a\n      image: a:1\n    - name: b\n      image: b:1\n      securityContext:\n        runAsNonRoot: true\n";
        assert!(run_on_example(&RULE, text).is_empty());
    }
}
