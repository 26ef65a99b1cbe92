use crate::compose::ComposeService;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DC002",
        name: "compose-docker-socket",
        title: "Compose service mounts the container runtime socket",
        severity: Severity::High,
        domain: Domain::Compose,
        checklist: &["run.no-docker-socket"],
        aliases: &["yaml.docker-compose.security.exposing-docker-socket-volume.exposing-docker-socket-volume"],
        rationale: "Whoever can talk to the Docker, containerd, CRI-O or Podman socket can start a privileged \
                    container with the host's root filesystem mounted: access to the socket is root on the \
                    host. Mounting it read-only (`:ro`) changes nothing, because API calls are not writes to \
                    the socket file. Mounting the directory that holds it (`/var/run`, `/run`) exposes it \
                    just the same.",
        remediation: "Remove the socket mount; if the service really needs the API, put a filtering proxy in \
                      front of it that allows only the calls it makes.",
        bad_example: "services:\n  proxy:\n    image: traefik:v3.1\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock:ro\n",
        good_example: "services:\n  proxy:\n    image: traefik:v3.1\n    volumes:\n      - ./traefik.yml:/etc/traefik/traefik.yml:ro\n",
    },
    check: Check::ComposeService(check),
};

/// Socket file names of the runtimes, wherever they live (rootless daemons keep
/// theirs under `/run/user/<uid>/`).
const SOCKETS: &[&str] =
    &["docker.sock", "containerd.sock", "podman.sock", "crio.sock", "cri-dockerd.sock", "dockershim.sock"];

/// Directories that hold a runtime socket (`/var/run` is a link to `/run`).
const SOCKET_DIRS: &[&str] = &["/run", "/run/docker", "/run/containerd", "/run/podman", "/run/crio"];

fn check(service: &ComposeService, hits: &mut Hits) {
    for mount in service.host_mounts() {
        let path = mount
            .host_path
            .strip_prefix("/var")
            .filter(|p| p.starts_with("/run"))
            .unwrap_or(&mount.host_path);
        let file_name = path.rsplit('/').next().unwrap_or_default();
        let what = if SOCKETS.contains(&file_name) {
            "the container runtime socket"
        } else if SOCKET_DIRS.contains(&path) {
            "a directory holding the container runtime socket"
        } else {
            continue;
        };
        let read_only = if mount.read_only { " (read-only does not limit the API)" } else { "" };
        hits.push(
            mount.node.span,
            format!("{} mounts {what} {}{read_only}", service.label(), mount.host_path),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    fn messages(text: &str) -> Vec<String> {
        run_on_example(&RULE, text).into_iter().map(|f| f.message).collect()
    }

    #[test]
    fn finds_sockets_in_the_long_syntax_and_other_runtimes() {
        let found = messages(
            "services:\n  ci:\n    image: agent:1\n    volumes:\n      - type: bind\n        source: /run/containerd/containerd.sock\n\
             \x20       target: /run/containerd/containerd.sock\n      - /run/user/1000/podman/podman.sock:/run/podman.sock\n\
             \x20     - /var/run:/host-run\n",
        );
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(found[0].contains("/run/containerd/containerd.sock"));
        assert!(found[2].contains("a directory holding"));
    }

    #[test]
    fn follows_variable_defaults_and_named_volumes() {
        let found = messages(
            "services:\n  ci:\n    image: agent:1\n    volumes:\n      - ${DOCKER_SOCK:-/var/run/docker.sock}:/var/run/docker.sock\n\
             \x20     - sock:/sock\nvolumes:\n  sock:\n    driver_opts: {type: none, o: bind, device: /var/run/docker.sock}\n",
        );
        assert_eq!(found.len(), 2, "{found:?}");
    }

    #[test]
    fn ignores_other_run_paths_and_unknown_variables() {
        let found = messages(
            "services:\n  app:\n    image: app:1\n    volumes:\n      - /run/app/app.sock:/run/app.sock\n\
             \x20     - ${SOCK}:/var/run/docker.sock\n      - docker.sock:/data\n",
        );
        assert!(found.is_empty(), "{found:?}");
    }
}
