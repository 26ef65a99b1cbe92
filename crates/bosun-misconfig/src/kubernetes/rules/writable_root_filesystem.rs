use crate::kubernetes::{ContainerKind, Workload};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "K8S025",
        name: "writable-root-filesystem",
        title: "Container's root file system is writable",
        severity: Severity::Medium,
        domain: Domain::Kubernetes,
        checklist: &["run.read-only-fs", "run.drift"],
        aliases: &["KSV-0014", "CKV_K8S_22", "no-read-only-root-fs", "notReadOnlyRootFilesystem"],
        rationale: "With a writable root file system an intruder can drop tools, replace binaries or persist \
                    changes for the life of the container, and the running container drifts from its image. \
                    A read-only root, with emptyDir volumes for the few paths the application writes, keeps \
                    the container identical to what was scanned and signed.",
        remediation: "Set `securityContext.readOnlyRootFilesystem: true`; mount an emptyDir where the application writes (/tmp, caches).",
        bad_example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n",
        good_example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        readOnlyRootFilesystem: true\n      volumeMounts:\n        - name: tmp\n          mountPath: /tmp\n  volumes:\n    - name: tmp\n      emptyDir: {}\n",
    },
    check: Check::Workload(check),
};

fn check(workload: &Workload, hits: &mut Hits) {
    // Windows containers cannot have a read-only root.
    if workload.is_windows() {
        return;
    }
    // Ephemeral containers are interactive debugging sessions, which need to write.
    for container in workload.containers().into_iter().filter(|c| c.kind != ContainerKind::Ephemeral) {
        match container.own("readOnlyRootFilesystem") {
            Some(v) if v.as_bool() == Some(true) => {}
            Some(v) => hits.push(
                v.span,
                format!(
                    "{} sets readOnlyRootFilesystem: {}",
                    container.label(),
                    v.scalar_text().unwrap_or_default()
                ),
            ),
            None => hits.push(
                container.span(),
                format!("{} does not set readOnlyRootFilesystem: true", container.label()),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    #[test]
    fn explicit_false_points_at_the_value_and_ephemeral_containers_are_skipped() {
        let text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: a:1\n      securityContext:\n        readOnlyRootFilesystem: false\n  ephemeralContainers:\n    - name: debug\n      image: busybox:1.36\n";
        let findings = run_on_example(&RULE, text);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].location.start_line, 10);
        assert_eq!(findings[0].message, "container \"a\" sets readOnlyRootFilesystem: false");
    }
}
