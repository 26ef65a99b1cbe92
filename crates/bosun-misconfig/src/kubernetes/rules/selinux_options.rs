use crate::kubernetes::Workload;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "K8S018",
        name: "custom-selinux-options",
        title: "Pod or container sets a custom SELinux context",
        severity: Severity::Medium,
        domain: Domain::Kubernetes,
        checklist: &["run.restrict-syscalls"],
        aliases: &["KSV-0025"],
        rationale: "On SELinux nodes the runtime labels each container `container_t` with its own categories, \
                    which keeps it out of host files and other containers. Choosing another type (such as \
                    `spc_t`, unconfined) or an SELinux user or role escapes that confinement. The baseline Pod \
                    Security Standard allows only the container types and no user or role.",
        remediation: "Remove `seLinuxOptions.type` (or use container_t), `seLinuxOptions.user` and `seLinuxOptions.role`; keep only `level` if needed.",
        bad_example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: agent\nspec:\n  securityContext:\n    seLinuxOptions:\n      type: spc_t\n  containers:\n    - name: agent\n      image: agent:1.0\n      securityContext:\n        seLinuxOptions:\n          user: system_u\n          role: system_r\n",
        good_example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: agent\nspec:\n  securityContext:\n    seLinuxOptions:\n      level: \"s0:c123,c456\"\n  containers:\n    - name: agent\n      image: agent:1.0\n      securityContext:\n        seLinuxOptions:\n          type: container_t\n",
    },
    check: Check::Workload(check),
};

/// The types the standard allows (`container_engine_t` since Kubernetes 1.31).
const ALLOWED_TYPES: &[&str] = &["container_t", "container_init_t", "container_kvm_t", "container_engine_t"];

fn check(workload: &Workload, hits: &mut Hits) {
    for (label, context) in workload.security_contexts() {
        let Some(options) = context.get("seLinuxOptions") else { continue };
        if let Some(kind) = options.get("type") {
            let text = kind.scalar_text().unwrap_or_default();
            if !text.is_empty() && !ALLOWED_TYPES.contains(&text.as_str()) {
                hits.push(kind.span, format!("{label} securityContext sets SELinux type {text}"));
            }
        }
        for field in ["user", "role"] {
            let Some(node) = options.get(field) else { continue };
            let text = node.scalar_text().unwrap_or_default();
            if !text.is_empty() {
                hits.push(node.span, format!("{label} securityContext sets SELinux {field} {text}"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    #[test]
    fn every_forbidden_field_is_named() {
        let messages: Vec<_> =
            run_on_example(&RULE, RULE.meta.bad_example).into_iter().map(|f| f.message).collect();
        assert_eq!(
            messages,
            vec![
                "pod securityContext sets SELinux type spc_t",
                "container \"agent\" securityContext sets SELinux user system_u",
                "container \"agent\" securityContext sets SELinux role system_r",
            ]
        );
    }
}
