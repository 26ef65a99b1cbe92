use crate::kubernetes::Workload;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "K8S023",
        name: "restricted-volume-type",
        title: "Pod uses a volume type outside the restricted set",
        severity: Severity::Low,
        domain: Domain::Kubernetes,
        checklist: &["env.least-access"],
        aliases: &["KSV-0028"],
        rationale: "Volume types such as nfs, iscsi, rbd, gitRepo or flexVolume are mounted by the node with \
                    the node's credentials and drivers, often as root, and some have had escapes (gitRepo \
                    runs git on the host). The restricted Pod Security Standard allows only the core types; \
                    other storage should come through a PersistentVolumeClaim, where an administrator \
                    controls it.",
        remediation: "Mount the storage through a PersistentVolumeClaim (or a CSI ephemeral volume); clone git repositories in an init container.",
        bad_example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n    - name: app\n      image: app:1.0\n  volumes:\n    - name: shared\n      nfs:\n        server: nfs.example.com\n        path: /exports/app\n",
        good_example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n    - name: app\n      image: app:1.0\n  volumes:\n    - name: shared\n      persistentVolumeClaim:\n        claimName: app-shared\n    - name: tmp\n      emptyDir: {}\n    - name: token\n      projected:\n        sources:\n          - serviceAccountToken:\n              path: token\n",
    },
    check: Check::Workload(check),
};

const ALLOWED: &[&str] = &[
    "configMap",
    "csi",
    "downwardAPI",
    "emptyDir",
    "ephemeral",
    "persistentVolumeClaim",
    "projected",
    "secret",
];

fn check(workload: &Workload, hits: &mut Hits) {
    for volume in workload.volumes() {
        let name = volume.get("name").and_then(|n| n.scalar_text()).unwrap_or_else(|| "<unnamed>".into());
        for (key, value) in volume.string_entries() {
            // hostPath is a baseline violation with rules of its own.
            if key == "name" || key == "hostPath" || value.is_null() || ALLOWED.contains(&key.as_str()) {
                continue;
            }
            let span = volume.key_node(&key).map_or(value.span, |k| k.span);
            hits.push(span, format!("volume \"{name}\" is of type {key}, outside the restricted set"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    #[test]
    fn names_the_volume_and_type() {
        let findings = run_on_example(&RULE, RULE.meta.bad_example);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].message, "volume \"shared\" is of type nfs, outside the restricted set");
        assert_eq!(findings[0].location.start_line, 11);
    }
}
