use crate::compose::ports::HostIp;
use crate::compose::ComposeService;
use crate::ports::ADMIN_PORTS;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DC012",
        name: "compose-admin-port-published",
        title: "Compose service publishes a remote administration port",
        severity: Severity::Medium,
        domain: Domain::Compose,
        checklist: &["img.minimal-ports"],
        aliases: &[],
        rationale: "SSH, Telnet, RDP, VNC, WinRM and the Docker daemon API are ways to take control of a \
                    machine, and they are the first thing scanners probe. A container rarely needs one: \
                    `docker compose exec` reaches it without a network listener. Published ports also \
                    bypass host firewalls such as ufw, because Docker writes its own iptables rules. An \
                    unauthenticated Docker API (2375) is a full host takeover. Ports bound to a loopback \
                    address are not reported.",
        remediation:
            "Stop publishing the port; if remote access is needed, bind it to 127.0.0.1 and reach it \
                      through an SSH tunnel or VPN.",
        bad_example: "services:\n  box:\n    image: sshd:9.6\n    ports:\n      - \"2222:22\"\n",
        good_example: "services:\n  box:\n    image: sshd:9.6\n    ports:\n      - \"127.0.0.1:2222:22\"\n",
    },
    check: Check::ComposeService(check),
};

fn check(service: &ComposeService, hits: &mut Hits) {
    for port in service.ports() {
        if matches!(port.host_ip, HostIp::Loopback | HostIp::Unknown) {
            continue;
        }
        if let Some((number, what)) = ADMIN_PORTS.iter().find(|(number, _)| port.targets(*number)) {
            hits.push(
                port.node.span,
                format!(
                    "{} publishes {what} (container port {number}) as {}",
                    service.label(),
                    port.describe_host_side()
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    fn messages(ports: &str) -> Vec<String> {
        let text = format!("services:\n  box:\n    image: box:1.0\n    ports:\n{ports}");
        run_on_example(&RULE, &text).into_iter().map(|f| f.message).collect()
    }

    #[test]
    fn reads_every_syntax() {
        let found = messages(
            "      - 22\n      - \"0.0.0.0:3389:3389\"\n      - target: 2375\n        published: 2375\n\
             \x20     - \"5900-5905:5900-5905\"\n      - \"10.1.2.3:23:23/tcp\"\n",
        );
        assert_eq!(found.len(), 5, "{found:?}");
        assert!(
            found[0].contains("SSH (container port 22) as a random host port on all interfaces"),
            "{}",
            found[0]
        );
        assert!(found[4].contains("on 10.1.2.3"), "{}", found[4]);
        let variable = messages("      - \"${SSH_PORT}:22\"\n");
        assert!(
            variable[0].ends_with("as a host port set by a variable on all interfaces"),
            "{}",
            variable[0]
        );
    }

    #[test]
    fn loopback_and_other_ports_are_fine() {
        let found = messages(
            "      - \"127.0.0.1:22:22\"\n      - \"[::1]:2375:2375\"\n      - target: 22\n        host_ip: 127.0.0.1\n\
             \x20     - \"22:8080\"\n      - \"${BIND_ADDR}:22:22\"\n",
        );
        assert!(found.is_empty(), "{found:?}");
    }
}
