use crate::dockerfile::DockerfileView;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DF025",
        name: "duplicate-stage-name",
        title: "Two build stages have the same name",
        severity: Severity::Low,
        domain: Domain::Dockerfile,
        checklist: &["img.lint"],
        aliases: &["DL3024", "DS-0012", "CKV_DOCKER_11"],
        rationale: "Stage names are case-insensitive and meant to be unique. With two stages of one name, \
                    `COPY --from`, `FROM <stage>` and `--target` can only refer to one of them, so files may \
                    come from a stage other than the one the author meant.",
        remediation: "Give every stage its own name.",
        bad_example: "FROM node:20-alpine AS build\nRUN npm ci\nFROM golang:1.22 AS build\nRUN go build ./...\n",
        good_example: "FROM node:20-alpine AS web-build\nRUN npm ci\nFROM golang:1.22 AS api-build\nRUN go build ./...\n",
    },
    check: Check::Dockerfile(check),
};

fn check(view: &DockerfileView, hits: &mut Hits) {
    let stages = &view.file.stages;
    for (position, stage) in stages.iter().enumerate() {
        let Some(name) = &stage.name else { continue };
        let first = stages[..position].iter().find(|earlier| earlier.name.as_ref() == Some(name));
        if let Some(first) = first {
            hits.push(
                stage.span,
                format!(
                    "stage name \"{name}\" is already used by the stage on line {}",
                    first.span.start_line
                ),
            );
        }
    }
}
