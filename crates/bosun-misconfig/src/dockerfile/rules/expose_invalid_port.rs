use crate::dockerfile::DockerfileView;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};
use bosun_syntax::dockerfile::{Instruction, Keyword};
use std::ops::RangeInclusive;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DF010",
        name: "expose-invalid-port",
        title: "EXPOSE names a port that is not valid",
        severity: Severity::Low,
        domain: Domain::Dockerfile,
        checklist: &["img.lint", "img.minimal-ports"],
        aliases: &["DL3011", "DS-0008"],
        rationale: "EXPOSE takes `port`, `port/protocol` or a range `start-end`, with ports from 0 to 65535 and \
                    the protocols tcp, udp and sctp. Anything else makes the build fail, or records a port \
                    nobody serves, which misleads whoever publishes the image's ports. EXPOSE never publishes \
                    anything, so a host mapping such as `8080:80` does not belong there. Values that come from \
                    build arguments without a default are not checked.",
        remediation: "Write the container port the application listens on, e.g. `EXPOSE 8080/tcp`; publish \
                      ports at run time (`docker run -p`, Compose `ports:`).",
        bad_example: "FROM nginx:1.27\nEXPOSE 80800\n",
        good_example: "FROM nginx:1.27\nEXPOSE 8080/tcp 9000-9002/udp\n",
    },
    check: Check::Dockerfile(check),
};

/// The ports of one EXPOSE word (`80`, `80/tcp`, `8000-8010/udp`); the
/// error says what is wrong with it.
pub(crate) fn parse_port(word: &str) -> Result<RangeInclusive<u32>, String> {
    let (ports, protocol) = match word.split_once('/') {
        Some((ports, protocol)) => (ports, protocol.to_ascii_lowercase()),
        None => (word, "tcp".to_string()),
    };
    if ports.contains(':') {
        return Err("maps a host port, which EXPOSE cannot do".into());
    }
    if !matches!(protocol.as_str(), "tcp" | "udp" | "sctp") {
        return Err(format!("has protocol \"{protocol}\"; only tcp, udp and sctp exist"));
    }
    let number = |text: &str| -> Result<u32, String> {
        if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!("is not a port number (\"{text}\")"));
        }
        text.parse::<u32>()
            .ok()
            .filter(|port| *port <= 65_535)
            .ok_or_else(|| format!("is out of the port range 0-65535 ({text})"))
    };
    let (start, end) = match ports.split_once('-') {
        Some((start, end)) => (number(start)?, number(end)?),
        None => {
            let port = number(ports)?;
            (port, port)
        }
    };
    if start > end {
        return Err(format!("is a range that ends before it starts ({start}-{end})"));
    }
    Ok(start..=end)
}

/// The EXPOSE words of an instruction with variables the file sets
/// substituted; words still holding a variable are left out.
pub(crate) fn expose_words(view: &DockerfileView, expose: &Instruction) -> Vec<String> {
    expose
        .words()
        .iter()
        .map(|word| view.expand_at(expose, word))
        .filter(|word| !word.contains('$'))
        .collect()
}

fn check(view: &DockerfileView, hits: &mut Hits) {
    for expose in view.all(Keyword::Expose) {
        // A variable may expand to several ports at once.
        for word in expose_words(view, expose).iter().flat_map(|w| w.split_whitespace()) {
            if let Err(problem) = parse_port(word) {
                hits.push(expose.span, format!("EXPOSE {word} {problem}"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    fn messages(ports: &str) -> Vec<String> {
        let text = format!("FROM alpine:3.20\nARG PORT=70000\nEXPOSE {ports}\n");
        run_on_example(&RULE, &text).into_iter().map(|f| f.message).collect()
    }

    #[test]
    fn valid_forms() {
        assert!(messages("0 80 443/tcp 53/udp 53/UDP 3868/sctp 8000-8010 65535").is_empty());
        let from_build_arg = "FROM alpine:3.20\nARG PORT\nEXPOSE $PORT\n";
        assert!(run_on_example(&RULE, from_build_arg).is_empty());
    }

    #[test]
    fn each_problem_is_named() {
        assert_eq!(
            messages("65536 80/http 8080:80 9000-8000 abc $PORT"),
            vec![
                "EXPOSE 65536 is out of the port range 0-65535 (65536)",
                "EXPOSE 80/http has protocol \"http\"; only tcp, udp and sctp exist",
                "EXPOSE 8080:80 maps a host port, which EXPOSE cannot do",
                "EXPOSE 9000-8000 is a range that ends before it starts (9000-8000)",
                "EXPOSE abc is not a port number (\"abc\")",
                "EXPOSE 70000 is out of the port range 0-65535 (70000)",
            ]
        );
    }
}
