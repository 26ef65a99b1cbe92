use super::container_runtime_socket;
use crate::kubernetes::Workload;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};
use bosun_syntax::yaml::Node;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "K8S015",
        name: "sensitive-host-path",
        title: "Pod mounts a sensitive host directory",
        severity: Severity::High,
        domain: Domain::Kubernetes,
        checklist: &["run.no-privileged"],
        aliases: &["KSV-0121", "sensitive-host-mounts"],
        rationale: "Some host paths hold the node itself: `/etc` and `/root` its configuration and keys, `/proc` \
                    and `/sys` its kernel interfaces, `/var/lib/kubelet` and `/etc/kubernetes` the \
                    credentials of every pod and of the kubelet, `/var/run` the container runtime's socket. A \
                    container that mounts one of them can read secrets of other workloads or take over the \
                    node, even read-only in many cases.",
        remediation: "Remove the hostPath volume; read what the workload needs through the Kubernetes API, a ConfigMap or a Secret.",
        bad_example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: agent\nspec:\n  containers:\n    - name: agent\n      image: agent:1.0\n      volumeMounts:\n        - name: host-etc\n          mountPath: /host/etc\n  volumes:\n    - name: host-etc\n      hostPath:\n        path: /etc\n",
        good_example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: agent\nspec:\n  containers:\n    - name: agent\n      image: agent:1.0\n      volumeMounts:\n        - name: config\n          mountPath: /etc/agent\n  volumes:\n    - name: config\n      configMap:\n        name: agent-config\n",
    },
    check: Check::Workload(check),
};

/// Host paths reported when mounted exactly: mounting something below them
/// (`/etc/localtime`, `/sys/fs/cgroup`, `/var/log/app`) is common and narrower.
const EXACT: &[&str] = &[
    "/", "/bin", "/boot", "/dev", "/etc", "/home", "/lib", "/lib64", "/proc", "/run", "/sbin", "/sys",
    "/usr", "/var", "/var/lib", "/var/run",
];

/// Host paths reported when mounted or when anything below them is.
const SUBTREES: &[&str] = &[
    "/root",
    "/etc/kubernetes",
    "/var/lib/kubelet",
    "/var/lib/etcd",
    "/var/lib/docker",
    "/var/lib/containerd",
    "/etc/ssh",
    "/home/kubernetes",
];

/// A host path as the kubelet resolves it: no trailing or doubled slashes.
pub fn normalize(path: &str) -> String {
    let parts: Vec<_> = path.split('/').filter(|p| !p.is_empty() && *p != ".").collect();
    format!("/{}", parts.join("/"))
}

/// Is this host path one this rule reports (rather than the generic hostPath rule)?
pub fn is_sensitive(path: &str) -> bool {
    let path = normalize(path);
    !container_runtime_socket::is_runtime_socket(&path)
        && (EXACT.contains(&path.as_str())
            || SUBTREES.iter().any(|tree| path == *tree || path.starts_with(&format!("{tree}/"))))
}

/// The hostPath volumes of a pod: the volume's name and its `hostPath.path` node.
pub fn host_paths<'a>(workload: &Workload<'a>) -> Vec<(String, &'a Node)> {
    workload
        .volumes()
        .iter()
        .filter_map(|volume| {
            let path = volume.path(&["hostPath", "path"])?;
            let name = volume.get("name").and_then(|n| n.scalar_text()).unwrap_or_else(|| "<unnamed>".into());
            Some((name, path))
        })
        .collect()
}

fn check(workload: &Workload, hits: &mut Hits) {
    for (name, path) in host_paths(workload) {
        let Some(text) = path.scalar_text() else { continue };
        if is_sensitive(&text) {
            hits.push(path.span, format!("volume \"{name}\" mounts the host's {}", normalize(&text)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    #[test]
    fn classifies_paths() {
        for path in
            ["/", "/etc/", "//proc", "/var/run", "/root/.ssh", "/var/lib/kubelet/pods", "/etc/kubernetes/pki"]
        {
            assert!(is_sensitive(path), "{path}");
        }
        for path in [
            "/etc/localtime",
            "/var/log",
            "/sys/fs/cgroup",
            "/data",
            "/var/run/docker.sock",
            "/run/containerd",
        ] {
            assert!(!is_sensitive(path), "{path}");
        }
    }

    #[test]
    fn message_names_volume_and_normalized_path() {
        let text = RULE.meta.bad_example.replace("path: /etc", "path: /etc/");
        let findings = run_on_example(&RULE, &text);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].message, "volume \"host-etc\" mounts the host's /etc");
        assert_eq!(findings[0].location.start_line, 15);
    }
}
