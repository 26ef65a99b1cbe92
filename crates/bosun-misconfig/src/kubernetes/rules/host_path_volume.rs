use super::container_runtime_socket::is_runtime_socket;
use super::sensitive_host_path::{host_paths, is_sensitive, normalize};
use crate::kubernetes::Workload;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "K8S013",
        name: "host-path-volume",
        title: "Pod mounts a directory of the node",
        severity: Severity::Medium,
        domain: Domain::Kubernetes,
        checklist: &["run.no-privileged", "run.read-only-fs"],
        aliases: &["KSV-0023"],
        rationale: "A hostPath volume ties the pod to one node's file system and opens a path out of the \
                    container: writable, it lets a compromised container plant files the node or other pods \
                    will read; read-only, it may still expose data of other workloads. The baseline Pod \
                    Security Standard forbids hostPath volumes. (Runtime sockets and system directories are \
                    reported by `container-runtime-socket` and `sensitive-host-path`.)",
        remediation: "Use an emptyDir, a PersistentVolumeClaim or a ConfigMap instead of the hostPath volume.",
        bad_example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n    - name: app\n      image: app:1.0\n      volumeMounts:\n        - name: data\n          mountPath: /data\n  volumes:\n    - name: data\n      hostPath:\n        path: /srv/app-data\n",
        good_example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n    - name: app\n      image: app:1.0\n      volumeMounts:\n        - name: data\n          mountPath: /data\n  volumes:\n    - name: data\n      persistentVolumeClaim:\n        claimName: app-data\n",
    },
    check: Check::Workload(check),
};

fn check(workload: &Workload, hits: &mut Hits) {
    let containers = workload.containers();
    for (name, path) in host_paths(workload) {
        let text = path.scalar_text().unwrap_or_default();
        // Each hostPath gets one finding: the more specific rules report their paths.
        if is_runtime_socket(&text) || is_sensitive(&text) {
            continue;
        }
        let writable: Vec<_> = containers
            .iter()
            .filter(|c| {
                c.get("volumeMounts").map(|m| m.as_seq()).unwrap_or_default().iter().any(|mount| {
                    mount.get("name").and_then(|n| n.scalar_text()).as_deref() == Some(name.as_str())
                        && mount.get("readOnly").and_then(|r| r.as_bool()) != Some(true)
                })
            })
            .map(|c| c.label())
            .collect();
        let mut message = format!("volume \"{name}\" mounts host path {}", normalize(&text));
        if !writable.is_empty() {
            message.push_str(&format!(", writable by {}", writable.join(" and ")));
        }
        hits.push(path.span, message);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    #[test]
    fn names_writable_mounts_and_skips_specific_paths() {
        let text = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: logs\nspec:\n  template:\n    spec:\n      containers:\n        - name: shipper\n          image: shipper:1.0\n          volumeMounts:\n            - name: logs\n              mountPath: /var/log\n              readOnly: true\n            - name: state\n              mountPath: /state\n      volumes:\n        - name: logs\n          hostPath:\n            path: /var/log\n        - name: state\n          hostPath:\n            path: /var/lib/shipper\n        - name: sock\n          hostPath:\n            path: /run/containerd/containerd.sock\n        - name: etc\n          hostPath:\n            path: /etc\n";
        let findings = run_on_example(&RULE, text);
        let messages: Vec<_> = findings.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(
            messages,
            vec![
                "volume \"logs\" mounts host path /var/log",
                "volume \"state\" mounts host path /var/lib/shipper, writable by container \"shipper\"",
            ]
        );
    }
}
