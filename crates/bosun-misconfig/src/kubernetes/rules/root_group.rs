use crate::kubernetes::Workload;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "K8S035",
        name: "root-group",
        title: "Pod or container runs with the root group",
        severity: Severity::Low,
        domain: Domain::Kubernetes,
        checklist: &["img.non-root-user"],
        aliases: &["KSV-0029", "KSV-0116"],
        rationale: "GID 0 is the root group. Many files of images and of the host are group-writable or \
                    group-readable by it, so a non-root process with GID 0 still reaches them; combined with \
                    an escape or a shared volume it is close to root.",
        remediation: "Use a non-zero `runAsGroup`, `fsGroup` and `supplementalGroups`.",
        bad_example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  securityContext:\n    runAsUser: 10001\n    runAsGroup: 0\n    fsGroup: 0\n  containers:\n    - name: web\n      image: nginx:1.27\n",
        good_example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  securityContext:\n    runAsUser: 10001\n    runAsGroup: 10001\n    fsGroup: 10001\n    supplementalGroups: [10002]\n  containers:\n    - name: web\n      image: nginx:1.27\n",
    },
    check: Check::Workload(check),
};

fn check(workload: &Workload, hits: &mut Hits) {
    for (label, context) in workload.security_contexts() {
        for key in ["runAsGroup", "fsGroup"] {
            if let Some(node) = context.get(key).filter(|v| v.as_i64() == Some(0)) {
                hits.push(node.span, format!("{label} securityContext sets {key}: 0 (root group)"));
            }
        }
        let supplemental = context.get("supplementalGroups").map(|g| g.as_seq()).unwrap_or_default();
        for group in supplemental.iter().filter(|g| g.as_i64() == Some(0)) {
            hits.push(group.span, format!("{label} securityContext adds supplemental group 0 (root group)"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    #[test]
    fn every_root_group_setting_is_reported() {
        let findings = run_on_example(&RULE, RULE.meta.bad_example);
        assert_eq!(findings.len(), 2);
        let text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  securityContext:\n    supplementalGroups: [10001, 0]\n  containers:\n    - name: a\n      image: a:1\n      securityContext:\n        runAsGroup: 0\n";
        let messages: Vec<_> = run_on_example(&RULE, text).into_iter().map(|f| f.message).collect();
        assert_eq!(
            messages,
            vec![
                "pod securityContext adds supplemental group 0 (root group)",
                "container \"a\" securityContext sets runAsGroup: 0 (root group)",
            ]
        );
    }
}
