use super::dangerous_capabilities;
use crate::kubernetes::Workload;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "K8S008",
        name: "non-default-capabilities",
        title: "Container adds a capability beyond the default set",
        severity: Severity::Medium,
        domain: Domain::Kubernetes,
        checklist: &["run.restrict-syscalls"],
        aliases: &["KSV-0022", "CKV_K8S_25"],
        rationale: "Container runtimes grant a small default set of capabilities; each one added on top widens \
                    what a compromised process may do to the kernel and the node. The baseline Pod Security \
                    Standard allows adding only capabilities of that default set. (The capabilities that \
                    lead straight to host compromise, such as SYS_ADMIN or NET_RAW, are reported by \
                    `dangerous-capabilities` instead.)",
        remediation: "Remove the capability from `securityContext.capabilities.add`, or justify it with a suppression.",
        bad_example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: db\nspec:\n  containers:\n    - name: db\n      image: postgres:17\n      securityContext:\n        capabilities:\n          add: [\"IPC_LOCK\"]\n",
        good_example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: db\nspec:\n  containers:\n    - name: db\n      image: postgres:17\n      securityContext:\n        capabilities:\n          drop: [\"ALL\"]\n          add: [\"CHOWN\", \"SETUID\", \"SETGID\"]\n",
    },
    check: Check::Workload(check),
};

/// The capabilities the baseline Pod Security Standard lets a container add:
/// the runtimes' default set (without NET_RAW).
pub const BASELINE: &[&str] = &[
    "AUDIT_WRITE",
    "CHOWN",
    "DAC_OVERRIDE",
    "FOWNER",
    "FSETID",
    "KILL",
    "MKNOD",
    "NET_BIND_SERVICE",
    "SETFCAP",
    "SETGID",
    "SETPCAP",
    "SETUID",
    "SYS_CHROOT",
];

fn check(workload: &Workload, hits: &mut Hits) {
    for container in workload.containers() {
        for (capability, node) in container.capabilities("add") {
            // The dangerous ones get their own, higher-severity finding.
            if BASELINE.contains(&capability.as_str()) || dangerous_capabilities::is_dangerous(&capability) {
                continue;
            }
            hits.push(
                node.span,
                format!("{} adds {capability}, which is outside the default set", container.label()),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    #[test]
    fn dangerous_capabilities_are_left_to_their_own_rule() {
        let text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: c:1\n      securityContext:\n        capabilities:\n          add: [\"SYS_ADMIN\", \"SYS_NICE\", \"CHOWN\"]\n";
        let findings = run_on_example(&RULE, text);
        assert_eq!(findings.len(), 1);
        assert!(findings[0].message.contains("SYS_NICE"));
    }
}
