use crate::dockerfile::DockerfileView;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};
use bosun_syntax::dockerfile::Keyword;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DF018",
        name: "missing-healthcheck",
        title: "Image defines no HEALTHCHECK",
        severity: Severity::Low,
        domain: Domain::Dockerfile,
        checklist: &["run.monitor"],
        aliases: &["DS-0026", "CKV_DOCKER_2", "DL3057"],
        rationale: "Without a HEALTHCHECK, Docker and Compose only know whether the main process is alive, not \
                    whether it still does its job: a deadlocked server stays \"up\", restart policies never fire \
                    and `depends_on: condition: service_healthy` cannot be used. The rule looks at images that \
                    say how they run (CMD, ENTRYPOINT or EXPOSE in the final stage or the stages it builds \
                    on); `HEALTHCHECK NONE` counts as a deliberate choice. Kubernetes ignores HEALTHCHECK and \
                    uses probes instead, so images that only run there can suppress this rule.",
        remediation: "Add a cheap check of the service itself, e.g. `HEALTHCHECK --interval=30s --timeout=3s CMD \
                      wget -qO- http://localhost:8080/healthz || exit 1`, or `HEALTHCHECK NONE` to opt out.",
        bad_example: "FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nEXPOSE 3000\nCMD [\"node\", \"server.js\"]\n",
        good_example: "FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nEXPOSE 3000\nHEALTHCHECK --interval=30s --timeout=3s CMD wget -qO- http://localhost:3000/healthz || exit 1\nCMD [\"node\", \"server.js\"]\n",
    },
    check: Check::Dockerfile(check),
};

fn check(view: &DockerfileView, hits: &mut Hits) {
    let Some(stage) = view.final_stage() else { return };
    let instructions: Vec<_> =
        view.lineage(stage.index).iter().flat_map(|s| view.file.stage_instructions(s)).collect();
    let has = |keyword: Keyword| instructions.iter().any(|i| i.keyword == keyword);
    let runs_something = has(Keyword::Cmd) || has(Keyword::Entrypoint) || has(Keyword::Expose);
    if runs_something && !has(Keyword::Healthcheck) {
        hits.push(
            stage.span,
            "the final image defines no HEALTHCHECK, so a hung container still counts as running",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    fn count(text: &str) -> usize {
        run_on_example(&RULE, text).len()
    }

    #[test]
    fn inherited_opted_out_and_build_only_images() {
        assert_eq!(count("FROM alpine:3.20 AS base\nHEALTHCHECK CMD true\nFROM base\nCMD [\"app\"]\n"), 0);
        assert_eq!(count("FROM alpine:3.20\nHEALTHCHECK NONE\nCMD [\"app\"]\n"), 0);
        assert_eq!(count("FROM alpine:3.20\nRUN apk add --no-cache git\n"), 0);
        assert_eq!(
            count("FROM alpine:3.20 AS build\nHEALTHCHECK CMD true\nFROM alpine:3.20\nEXPOSE 80\n"),
            1
        );
    }
}
