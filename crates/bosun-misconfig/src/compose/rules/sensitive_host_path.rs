use crate::compose::ComposeService;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DC020",
        name: "compose-sensitive-host-path",
        title: "Compose service mounts a sensitive host path",
        severity: Severity::High,
        domain: Domain::Compose,
        checklist: &["run.no-privileged", "run.read-only-fs"],
        aliases: &[],
        rationale: "Mounting the host's root, system directories, root's home or the container runtime's \
                    state gives the container what isolation was supposed to keep from it: writing to \
                    `/etc` or `/root` plants users, keys and cron jobs on the host, `/proc` and `/sys` reach \
                    kernel settings, and `/var/lib/docker` holds every other container's filesystem. \
                    Read-only mounts still leak password hashes, keys and other tenants' data. Single files \
                    that are commonly shared, such as `/etc/localtime`, are not reported.",
        remediation: "Mount only the specific files or directories the service needs, read-only; for host \
                      monitoring agents, suppress the finding with a reason.",
        bad_example: "services:\n  agent:\n    image: agent:1.0\n    volumes:\n      - /:/host\n",
        good_example: "services:\n  agent:\n    image: agent:1.0\n    volumes:\n      - /etc/localtime:/etc/localtime:ro\n      - ./data:/data\n",
    },
    check: Check::ComposeService(check),
};

/// Paths that are sensitive in themselves, and (`true`) those where everything
/// below them is too. `/sys` and `/dev` only as a whole: mounting one cgroup or
/// one device node is a different, narrower decision.
const SENSITIVE: &[(&str, bool, &str)] = &[
    ("/", false, "the host's entire filesystem"),
    ("/etc", false, "the host's configuration and credentials"),
    ("/etc/shadow", true, "the host's password hashes"),
    ("/etc/gshadow", true, "the host's group password hashes"),
    ("/etc/sudoers", true, "the host's sudo rules"),
    ("/etc/sudoers.d", true, "the host's sudo rules"),
    ("/etc/ssh", true, "the host's SSH keys and configuration"),
    ("/etc/docker", true, "the Docker daemon's configuration and TLS keys"),
    ("/etc/kubernetes", true, "Kubernetes credentials and manifests"),
    ("/root", true, "root's home directory"),
    ("/home", false, "every user's home directory"),
    ("/proc", true, "the host's process and kernel interface"),
    ("/sys", false, "the host's kernel and device settings"),
    ("/dev", false, "every host device"),
    ("/boot", true, "the host's kernel and boot loader"),
    ("/usr", false, "the host's system programs"),
    ("/bin", false, "the host's system programs"),
    ("/sbin", false, "the host's system programs"),
    ("/lib", false, "the host's system libraries"),
    ("/lib64", false, "the host's system libraries"),
    ("/var", false, "the host's variable data, including runtime state"),
    ("/var/lib", false, "the state of every host service, including the container runtime"),
    ("/var/lib/docker", true, "Docker's storage, with every container's filesystem"),
    ("/var/lib/containerd", true, "containerd's storage, with every container's filesystem"),
    ("/var/lib/kubelet", true, "the kubelet's state and pod secrets"),
    ("/var/lib/etcd", true, "the etcd database of a Kubernetes cluster"),
];

fn check(service: &ComposeService, hits: &mut Hits) {
    for mount in service.host_mounts() {
        let path = mount.host_path.as_str();
        let found = SENSITIVE.iter().find(|(sensitive, below, _)| {
            path == *sensitive
                || (*below && path.strip_prefix(sensitive).is_some_and(|rest| rest.starts_with('/')))
        });
        if let Some((_, _, what)) = found {
            let mode = if mount.read_only { "read-only" } else { "writable" };
            hits.push(mount.node.span, format!("{} mounts {path} ({what}), {mode}", service.label()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    fn messages(volumes: &str) -> Vec<String> {
        let text = format!("services:\n  agent:\n    image: agent:1.0\n    volumes:\n{volumes}");
        run_on_example(&RULE, &text).into_iter().map(|f| f.message).collect()
    }

    #[test]
    fn finds_system_paths_and_what_lies_below_the_worst() {
        let found = messages(
            "      - /proc:/host/proc:ro\n      - /etc/:/host/etc\n      - /root/.ssh:/keys:ro\n\
             \x20     - type: bind\n        source: /var/lib/docker/volumes\n        target: /v\n",
        );
        assert_eq!(found.len(), 4, "{found:?}");
        assert!(found[0].ends_with("read-only"), "{}", found[0]);
        assert!(found[1].contains("mounts /etc (the host's configuration"), "{}", found[1]);
    }

    #[test]
    fn common_single_files_and_project_paths_are_fine() {
        let found = messages(
            "      - /etc/localtime:/etc/localtime:ro\n      - /etc/timezone:/etc/timezone:ro\n\
             \x20     - /sys/fs/cgroup:/sys/fs/cgroup:ro\n      - /home/deploy/app:/app\n      - /srv/data:/data\n\
             \x20     - /rootfs:/x\n      - ./etc:/etc/app\n",
        );
        assert!(found.is_empty(), "{found:?}");
    }
}
