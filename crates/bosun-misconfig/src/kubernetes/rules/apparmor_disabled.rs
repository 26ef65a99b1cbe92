use crate::kubernetes::Workload;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "K8S017",
        name: "apparmor-disabled",
        title: "AppArmor confinement is turned off",
        severity: Severity::Medium,
        domain: Domain::Kubernetes,
        checklist: &["run.restrict-syscalls"],
        aliases: &["KSV-0002"],
        rationale: "On nodes with AppArmor the runtime confines every container with a default profile that \
                    blocks writes to sensitive /proc and /sys files and mounting. An `Unconfined` profile \
                    lifts that safety net. The baseline Pod Security Standard allows only the runtime \
                    default or a profile loaded on the node (`localhost/...`).",
        remediation: "Remove the `Unconfined` AppArmor setting, or use `RuntimeDefault` / a `Localhost` profile.",
        bad_example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  annotations:\n    container.apparmor.security.beta.kubernetes.io/web: unconfined\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        appArmorProfile:\n          type: Unconfined\n",
        good_example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  annotations:\n    container.apparmor.security.beta.kubernetes.io/web: runtime/default\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        appArmorProfile:\n          type: Localhost\n          localhostProfile: k8s-web\n",
    },
    check: Check::Workload(check),
};

const ANNOTATION_PREFIX: &str = "container.apparmor.security.beta.kubernetes.io/";

fn check(workload: &Workload, hits: &mut Hits) {
    let annotations = workload.pod_annotations();
    for (key, value) in annotations.map(|a| a.string_entries().collect::<Vec<_>>()).unwrap_or_default() {
        let Some(container) = key.strip_prefix(ANNOTATION_PREFIX) else { continue };
        let profile = value.scalar_text().unwrap_or_default();
        if profile != "runtime/default" && !profile.starts_with("localhost/") {
            hits.push(
                value.span,
                format!("annotation sets AppArmor profile \"{profile}\" for container \"{container}\""),
            );
        }
    }
    for (label, context) in workload.security_contexts() {
        let Some(kind) = context.path(&["appArmorProfile", "type"]) else { continue };
        let kind_text = kind.scalar_text().unwrap_or_default();
        if kind_text != "RuntimeDefault" && kind_text != "Localhost" {
            hits.push(kind.span, format!("{label} securityContext sets appArmorProfile type {kind_text}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    #[test]
    fn reads_template_annotations_and_pod_level_profiles() {
        let text = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n  annotations:\n    container.apparmor.security.beta.kubernetes.io/app: unconfined\nspec:\n  template:\n    metadata:\n      annotations:\n        container.apparmor.security.beta.kubernetes.io/app: unconfined\n    spec:\n      securityContext:\n        appArmorProfile:\n          type: Unconfined\n      containers:\n        - name: app\n          image: app:1\n";
        let lines: Vec<_> = run_on_example(&RULE, text).iter().map(|f| f.location.start_line).collect();
        // The Deployment's own annotation never reaches the pods.
        assert_eq!(lines, vec![11, 15]);
    }
}
