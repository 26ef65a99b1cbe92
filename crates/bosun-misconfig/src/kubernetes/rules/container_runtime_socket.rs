use super::sensitive_host_path::{host_paths, normalize};
use crate::kubernetes::Workload;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "K8S014",
        name: "container-runtime-socket",
        title: "Pod mounts the container runtime's socket",
        severity: Severity::High,
        domain: Domain::Kubernetes,
        checklist: &["run.no-docker-socket"],
        aliases: &["KSV-0006", "CKV_K8S_27", "docker-sock"],
        rationale: "Whoever can talk to the Docker, containerd or CRI-O socket can start a privileged container \
                    with the host's root file system mounted: the socket is root on the node, and it bypasses \
                    every admission control of the cluster.",
        remediation: "Remove the hostPath volume of the socket; build images with a rootless builder (BuildKit rootless, kaniko) instead.",
        bad_example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: builder\nspec:\n  containers:\n    - name: builder\n      image: docker:27\n      volumeMounts:\n        - name: docker\n          mountPath: /var/run/docker.sock\n  volumes:\n    - name: docker\n      hostPath:\n        path: /var/run/docker.sock\n        type: Socket\n",
        good_example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: builder\nspec:\n  containers:\n    - name: builder\n      image: moby/buildkit:v0.16.0-rootless\n      volumeMounts:\n        - name: cache\n          mountPath: /home/user/.local/share/buildkit\n  volumes:\n    - name: cache\n      emptyDir: {}\n",
    },
    check: Check::Workload(check),
};

/// Socket file names of the runtimes a kubelet may drive.
const SOCKETS: &[&str] =
    &["docker.sock", "containerd.sock", "crio.sock", "cri-dockerd.sock", "dockershim.sock", "podman.sock"];

/// Directories that hold nothing but a runtime's sockets and state.
const SOCKET_DIRS: &[&str] = &[
    "/run/containerd",
    "/var/run/containerd",
    "/run/crio",
    "/var/run/crio",
    "/run/podman",
    "/var/run/podman",
    "/run/docker",
    "/var/run/docker",
];

/// Is this host path a container runtime socket, or the directory holding one?
pub fn is_runtime_socket(path: &str) -> bool {
    let path = normalize(path);
    let file = path.rsplit('/').next().unwrap_or_default();
    SOCKETS.contains(&file) || SOCKET_DIRS.contains(&path.as_str())
}

fn check(workload: &Workload, hits: &mut Hits) {
    for (name, path) in host_paths(workload) {
        let Some(text) = path.scalar_text() else { continue };
        if is_runtime_socket(&text) {
            hits.push(
                path.span,
                format!("volume \"{name}\" mounts the container runtime socket {}", normalize(&text)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_paths() {
        for path in [
            "/var/run/docker.sock",
            "/run/containerd/containerd.sock",
            "/run/k3s/containerd/containerd.sock",
            "/var/run/crio/",
            "/run/containerd",
        ] {
            assert!(is_runtime_socket(path), "{path}");
        }
        for path in ["/var/run", "/var/lib/docker", "/data/docker.socket"] {
            assert!(!is_runtime_socket(path), "{path}");
        }
    }
}
