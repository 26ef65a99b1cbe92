use crate::dockerfile::{from_sources, DockerfileView};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DF023",
        name: "copy-from-unknown-stage",
        title: "COPY --from names a stage that does not exist",
        severity: Severity::Medium,
        domain: Domain::Dockerfile,
        checklist: &["img.fixed-tags", "img.lint"],
        aliases: &["DL3022"],
        rationale: "When `--from` (of COPY, or `from=` of a RUN mount) matches no stage name, BuildKit takes it \
                    for an image and pulls it from Docker Hub: a typo in a stage name turns into files copied \
                    from whatever image of that name exists, at its moving `latest` tag. A stage index past \
                    the last stage fails the build. Values with `:`, `/` or `@` are clearly image references \
                    and are left to the image rules.",
        remediation: "Fix the name to match a `FROM ... AS <name>` of this Dockerfile, or name the image in full \
                      with a tag, e.g. `--from=docker.io/library/nginx:1.27`.",
        bad_example: "FROM golang:1.22 AS builder\nRUN go build -o /out/app .\nFROM alpine:3.20\nCOPY --from=buidler /out/app /usr/local/bin/app\n",
        good_example: "FROM golang:1.22 AS builder\nRUN go build -o /out/app .\nFROM alpine:3.20\nCOPY --from=builder /out/app /usr/local/bin/app\n",
    },
    check: Check::Dockerfile(check),
};

fn check(view: &DockerfileView, hits: &mut Hits) {
    let stages = view.file.stages.len();
    for instruction in &view.file.instructions {
        for source in from_sources(instruction) {
            let source = view.expand_at(instruction, source);
            if source.is_empty()
                || source.contains(['$', ':', '/', '@'])
                || view.file.stage_by_ref(&source).is_some()
            {
                continue;
            }
            let message = if source.bytes().all(|b| b.is_ascii_digit()) {
                format!(
                    "--from={source} refers to stage number {source}, but the stages are numbered 0 to {}",
                    stages - 1
                )
            } else {
                format!(
                    "--from={source} matches no stage of this Dockerfile, so the image \"{source}:latest\" is pulled instead"
                )
            };
            hits.push(instruction.span, message);
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
    fn names_indices_and_mounts() {
        let text = "FROM alpine:3.20 AS Base\nFROM alpine:3.20\nCOPY --from=base /a /a\nCOPY --from=0 /a /a\n\
                    COPY --from=2 /a /a\nRUN --mount=type=cache,from=cache,target=/c true\n\
                    COPY --from=nginx:1.27 /etc/nginx /etc/nginx\nARG STAGE=base\nCOPY --from=${STAGE} /a /a\n";
        assert_eq!(
            messages(text),
            vec![
                "--from=2 refers to stage number 2, but the stages are numbered 0 to 1",
                "--from=cache matches no stage of this Dockerfile, so the image \"cache:latest\" is pulled instead",
            ]
        );
    }

    #[test]
    fn later_stages_count() {
        // BuildKit resolves stage names across the whole file.
        assert!(
            messages("FROM alpine:3.20\nCOPY --from=assets /a /a\nFROM alpine:3.20 AS assets\n").is_empty()
        );
    }
}
