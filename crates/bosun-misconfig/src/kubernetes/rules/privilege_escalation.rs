use crate::kubernetes::Workload;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "K8S005",
        name: "privilege-escalation-allowed",
        title: "Container may gain more privileges than its parent process",
        severity: Severity::Medium,
        domain: Domain::Kubernetes,
        checklist: &["run.no-privileged"],
        aliases: &["KSV-0001", "CKV_K8S_20", "privilege-escalation-container", "privilegeEscalationAllowed"],
        rationale: "Unless `allowPrivilegeEscalation` is false, the kernel's no_new_privs flag stays off and a \
                    process can gain privileges through setuid binaries or file capabilities, turning a \
                    foothold as an unprivileged user into root inside the container. Kubernetes defaults it \
                    to true, so it must be set explicitly; the restricted Pod Security Standard requires it.",
        remediation: "Set `securityContext.allowPrivilegeEscalation: false` on every container.",
        bad_example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n",
        good_example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        allowPrivilegeEscalation: false\n",
    },
    check: Check::Workload(check),
};

fn check(workload: &Workload, hits: &mut Hits) {
    // no_new_privs is a Linux mechanism; the standard exempts Windows pods.
    if workload.is_windows() {
        return;
    }
    for container in workload.containers() {
        let value = container.own("allowPrivilegeEscalation");
        match value {
            Some(v) if v.as_bool() == Some(false) => {}
            Some(v) => hits.push(
                v.span,
                format!(
                    "{} sets allowPrivilegeEscalation: {}",
                    container.label(),
                    v.scalar_text().unwrap_or_default()
                ),
            ),
            None => hits.push(
                container.span(),
                format!(
                    "{} does not set allowPrivilegeEscalation: false (Kubernetes defaults it to true)",
                    container.label()
                ),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    #[test]
    fn checks_init_containers_and_points_at_an_explicit_true() {
        let text = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n    spec:\n      initContainers:\n        - name: init\n          image: busybox:1.36\n          securityContext:\n            allowPrivilegeEscalation: true\n      containers:\n        - name: app\n          image: app:1.0\n          securityContext:\n            allowPrivilegeEscalation: false\n";
        let findings = run_on_example(&RULE, text);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].location.start_line, 12);
        assert!(findings[0].message.contains("init container \"init\""));
    }

    #[test]
    fn windows_pods_are_exempt() {
        let text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: w\nspec:\n  os:\n    name: windows\n  containers:\n    - name: iis\n      image: mcr.microsoft.com/windows/servercore/iis:ltsc2022\n";
        assert!(run_on_example(&RULE, text).is_empty());
    }
}
