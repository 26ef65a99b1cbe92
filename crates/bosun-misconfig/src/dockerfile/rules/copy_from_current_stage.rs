use crate::dockerfile::{from_sources, DockerfileView};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DF024",
        name: "copy-from-current-stage",
        title: "COPY --from names the stage it is in",
        severity: Severity::Medium,
        domain: Domain::Dockerfile,
        checklist: &["img.lint"],
        aliases: &["DL3023", "DS-0006"],
        rationale: "A stage cannot copy from itself: BuildKit stops with \"circular dependency detected\". It \
                    is nearly always a copy meant for an earlier stage, or a COPY placed under the wrong FROM \
                    after the file was reorganised.",
        remediation: "Point `--from` at the stage that produces the files, or move the COPY into the stage that \
                      needs them.",
        bad_example: "FROM golang:1.22 AS build\nRUN go build -o /out/app .\nCOPY --from=build /out/app /usr/local/bin/app\n",
        good_example: "FROM golang:1.22 AS build\nRUN go build -o /out/app .\nFROM alpine:3.20\nCOPY --from=build /out/app /usr/local/bin/app\n",
    },
    check: Check::Dockerfile(check),
};

fn check(view: &DockerfileView, hits: &mut Hits) {
    for instruction in &view.file.instructions {
        let Some(stage_index) = instruction.stage else { continue };
        for source in from_sources(instruction) {
            let source = view.expand_at(instruction, source);
            if view.file.stage_by_ref(&source).is_some_and(|stage| stage.index == stage_index) {
                hits.push(
                    instruction.span,
                    format!("--from={source} names the stage this instruction is in"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    #[test]
    fn by_name_any_case_by_index_and_in_mounts() {
        let text =
            "FROM alpine:3.20 AS Build\nCOPY --from=BUILD /a /b\nFROM alpine:3.20\nCOPY --from=1 /a /b\n\
                    RUN --mount=from=1,target=/x true\nCOPY --from=build /a /b\n";
        let lines: Vec<_> = run_on_example(&RULE, text).into_iter().map(|f| f.location.start_line).collect();
        assert_eq!(lines, vec![2, 4, 5]);
    }
}
