use crate::dockerfile::commands::runs;
use crate::dockerfile::DockerfileView;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity, Span};
use std::collections::BTreeMap;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DF049",
        name: "curl-and-wget",
        title: "One stage downloads with both curl and wget",
        severity: Severity::Low,
        domain: Domain::Dockerfile,
        checklist: &["img.minimal-base", "img.lint"],
        aliases: &["DL4001", "DS-0014"],
        rationale: "curl and wget do the same job. Using both in one image means both have to be installed, \
                    kept patched and carried around, for no gain.",
        remediation: "Pick one download tool per stage and use it everywhere.",
        bad_example: "FROM debian:12.5\nRUN curl -fsSLo /tmp/a.tar.gz https://x.example/a-1.0.tar.gz\nRUN wget -q -O /tmp/b.tar.gz https://x.example/b-1.0.tar.gz\n",
        good_example: "FROM debian:12.5\nRUN curl -fsSLo /tmp/a.tar.gz https://x.example/a-1.0.tar.gz\nRUN curl -fsSLo /tmp/b.tar.gz https://x.example/b-1.0.tar.gz\n",
    },
    check: Check::Dockerfile(check),
};

/// The first RUN in a stage that uses a tool: its span.
#[derive(Default)]
struct FirstUse {
    curl: Option<Span>,
    wget: Option<Span>,
}

fn check(view: &DockerfileView, hits: &mut Hits) {
    let mut stages: BTreeMap<usize, FirstUse> = BTreeMap::new();
    for run in runs(view) {
        let Some(stage) = run.instruction.stage else { continue };
        let first = stages.entry(stage).or_default();
        let span = run.instruction.span;
        for cmd in &run.commands {
            match cmd.program.as_str() {
                "curl" if first.curl.is_none() => {
                    first.curl = Some(span);
                    if let Some(wget) = first.wget {
                        hits.push(
                            span,
                            format!("uses curl, while line {} of this stage uses wget", wget.start_line),
                        );
                    }
                }
                "wget" if first.wget.is_none() => {
                    first.wget = Some(span);
                    if let Some(curl) = first.curl {
                        hits.push(
                            span,
                            format!("uses wget, while line {} of this stage uses curl", curl.start_line),
                        );
                    }
                }
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    #[test]
    fn one_finding_at_the_second_tool() {
        let found = run_on_example(&RULE, RULE.meta.bad_example);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].location.start_line, 3);
        assert_eq!(found[0].message, "uses wget, while line 2 of this stage uses curl");
    }

    #[test]
    fn stages_are_separate_and_installing_is_not_using() {
        let text = "FROM alpine:3.20 AS fetch\nRUN wget -q https://x.example/a\nFROM debian:12\nRUN apt-get install -y wget && curl -fsSLO https://x.example/b\n";
        assert!(run_on_example(&RULE, text).is_empty());
    }
}
