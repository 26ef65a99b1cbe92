use super::multiple_cmd::report_replaced;
use crate::dockerfile::DockerfileView;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};
use bosun_syntax::dockerfile::Keyword;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DF019",
        name: "multiple-healthcheck",
        title: "Stage has more than one HEALTHCHECK",
        severity: Severity::Low,
        domain: Domain::Dockerfile,
        checklist: &["img.lint", "run.monitor"],
        aliases: &["DL3012", "DS-0023"],
        rationale: "Only the last HEALTHCHECK of a stage takes effect. The earlier ones look like checks the \
                    container has, but Docker never runs them, so a health signal someone relies on may not \
                    exist.",
        remediation: "Keep one HEALTHCHECK per stage and make it test everything the container needs.",
        bad_example: "FROM nginx:1.27\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1\nHEALTHCHECK CMD curl -f http://localhost/healthz || exit 1\n",
        good_example: "FROM nginx:1.27\nHEALTHCHECK CMD curl -f http://localhost/healthz || exit 1\n",
    },
    check: Check::Dockerfile(check),
};

fn check(view: &DockerfileView, hits: &mut Hits) {
    report_replaced(view, hits, Keyword::Healthcheck, "HEALTHCHECK");
}
