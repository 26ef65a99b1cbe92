use super::expose_invalid_port::{expose_words, parse_port};
use crate::dockerfile::DockerfileView;
use crate::ports::ADMIN_PORTS;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};
use bosun_syntax::dockerfile::Keyword;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DF009",
        name: "expose-admin-port",
        title: "Image exposes a remote administration port",
        severity: Severity::Medium,
        domain: Domain::Dockerfile,
        checklist: &["img.minimal-ports"],
        aliases: &["DS-0004", "CKV_DOCKER_1"],
        rationale: "An image that exposes SSH, Telnet, RDP, VNC or the Docker API is built to run a remote \
                    login or control service next to the application: another daemon to patch, credentials \
                    to manage, and the first thing scanners probe once `docker run -P` or a Service publishes \
                    it. `docker exec` and `kubectl exec` reach a container without any of them, and an exposed \
                    Docker API (2375 without TLS) is a full host takeover. Only EXPOSE lines that reach the \
                    final image are checked, ranges included.",
        remediation: "Remove the port from EXPOSE and the daemon from the image; use `docker exec` / `kubectl \
                      exec` for access.",
        bad_example: "FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y --no-install-recommends openssh-server\nEXPOSE 22 8080\n",
        good_example: "FROM ubuntu:24.04\nEXPOSE 8080\n",
    },
    check: Check::Dockerfile(check),
};

fn check(view: &DockerfileView, hits: &mut Hits) {
    let Some(stage) = view.final_stage() else { return };
    for exposing_stage in view.lineage(stage.index).into_iter().rev() {
        let exposes =
            view.file.stage_instructions(exposing_stage).iter().filter(|i| i.keyword == Keyword::Expose);
        for expose in exposes {
            for word in expose_words(view, expose).iter().flat_map(|w| w.split_whitespace()) {
                let Ok(ports) = parse_port(word) else { continue };
                let services: Vec<String> = ADMIN_PORTS
                    .iter()
                    .filter(|(port, _)| ports.contains(&u32::from(*port)))
                    .map(|(port, service)| format!("{port} ({service})"))
                    .collect();
                if services.is_empty() {
                    continue;
                }
                let message = if ports.start() == ports.end() {
                    format!("EXPOSE {word} opens port {}", services.join(", "))
                } else {
                    format!("EXPOSE {word} includes port {}", services.join(", "))
                };
                hits.push(expose.span, message);
            }
        }
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
    fn ports_ranges_and_variables() {
        let found =
            messages("FROM alpine:3.20\nARG ADMIN=2375\nEXPOSE 22/tcp 80 20-25 ${ADMIN} 53/udp 3389/udp\n");
        assert_eq!(
            found,
            vec![
                "EXPOSE 22/tcp opens port 22 (SSH)",
                "EXPOSE 20-25 includes port 22 (SSH), 23 (Telnet)",
                "EXPOSE 2375 opens port 2375 (the unencrypted Docker API)",
                "EXPOSE 3389/udp opens port 3389 (RDP)",
            ]
        );
    }

    #[test]
    fn only_the_final_image_counts() {
        assert!(messages("FROM alpine:3.20 AS test\nEXPOSE 22\nFROM alpine:3.20\nEXPOSE 8080\n").is_empty());
        assert_eq!(messages("FROM alpine:3.20 AS base\nEXPOSE 3389\nFROM base\nEXPOSE 8080\n").len(), 1);
    }
}
