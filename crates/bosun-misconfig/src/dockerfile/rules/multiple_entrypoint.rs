use super::multiple_cmd::report_replaced;
use crate::dockerfile::DockerfileView;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};
use bosun_syntax::dockerfile::Keyword;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DF016",
        name: "multiple-entrypoint",
        title: "Stage has more than one ENTRYPOINT",
        severity: Severity::Low,
        domain: Domain::Dockerfile,
        checklist: &["img.lint"],
        aliases: &["DL4004", "DS-0007"],
        rationale: "Only the last ENTRYPOINT of a stage takes effect. An earlier one, often an init such as \
                    tini or an entrypoint script that drops privileges, silently stops running, and the reader \
                    of the Dockerfile believes it still does.",
        remediation: "Keep one ENTRYPOINT per stage; chain steps inside an entrypoint script.",
        bad_example: "FROM alpine:3.20\nENTRYPOINT [\"/sbin/tini\", \"--\"]\nENTRYPOINT [\"/docker-entrypoint.sh\"]\n",
        good_example: "FROM alpine:3.20\nENTRYPOINT [\"/sbin/tini\", \"--\", \"/docker-entrypoint.sh\"]\n",
    },
    check: Check::Dockerfile(check),
};

fn check(view: &DockerfileView, hits: &mut Hits) {
    report_replaced(view, hits, Keyword::Entrypoint, "ENTRYPOINT");
}
