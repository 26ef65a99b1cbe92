use crate::kubernetes::Workload;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "K8S009",
        name: "capabilities-not-dropped",
        title: "Container does not drop all capabilities",
        severity: Severity::Low,
        domain: Domain::Kubernetes,
        checklist: &["run.restrict-syscalls"],
        aliases: &["KSV-0003", "CKV_K8S_37", "insecureCapabilities"],
        rationale: "Even the runtime's default capabilities (CHOWN, DAC_OVERRIDE, SETUID, NET_RAW, ...) give a \
                    compromised process more than most applications need. Dropping ALL and adding back only \
                    what the application uses is the least-privilege form; the restricted Pod Security \
                    Standard requires the drop.",
        remediation: "Set `securityContext.capabilities.drop: [\"ALL\"]` and add back only what the container needs.",
        bad_example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        capabilities:\n          drop: [\"NET_RAW\"]\n",
        good_example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        capabilities:\n          drop: [\"ALL\"]\n          add: [\"NET_BIND_SERVICE\"]\n",
    },
    check: Check::Workload(check),
};

fn check(workload: &Workload, hits: &mut Hits) {
    // Capabilities are a Linux mechanism; the standard exempts Windows pods.
    if workload.is_windows() {
        return;
    }
    for container in workload.containers() {
        let dropped = container.capabilities("drop");
        if dropped.iter().any(|(name, _)| name == "ALL") {
            continue;
        }
        let list = container.security_context().and_then(|sc| sc.path(&["capabilities", "drop"]));
        match list.filter(|_| !dropped.is_empty()) {
            Some(list) => {
                let names: Vec<_> = dropped.iter().map(|(name, _)| name.as_str()).collect();
                hits.push(list.span, format!("{} drops {} but not ALL", container.label(), names.join(", ")));
            }
            None => {
                hits.push(container.span(), format!("{} does not drop ALL capabilities", container.label()))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    #[test]
    fn lower_case_all_counts() {
        let text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: c:1\n      securityContext:\n        capabilities:\n          drop: [all]\n";
        assert!(run_on_example(&RULE, text).is_empty());
    }

    #[test]
    fn missing_drop_points_at_the_container() {
        let text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: c:1\n";
        let findings = run_on_example(&RULE, text);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].location.start_line, 7);
        assert_eq!(findings[0].message, "container \"c\" does not drop ALL capabilities");
    }
}
