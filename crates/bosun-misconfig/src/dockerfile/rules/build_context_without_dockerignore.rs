use crate::dockerfile::{copy_paths, DockerfileView};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DF014",
        name: "build-context-without-dockerignore",
        title: "Whole build context copied without a .dockerignore",
        severity: Severity::Medium,
        domain: Domain::Dockerfile,
        checklist: &["img.build-context", "img.no-secrets"],
        aliases: &[],
        rationale: "`COPY . .` takes everything in the build context. Without a .dockerignore next to the \
                    Dockerfile that includes the `.git` directory (with the whole history, secrets once \
                    committed and removed included), local `.env` files, credentials, editor and test \
                    artefacts and build output: a bigger image, a cache that breaks on every unrelated change, \
                    and secrets shipped by accident. The rule runs only when bosun knows the Dockerfile's \
                    directory (not for stdin).",
        remediation: "Add a .dockerignore (at least `.git`, `.env*`, `*.pem`, `*.key`, `node_modules`, build \
                      output), or copy only what the image needs by name.",
        bad_example: "FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nCMD [\"node\", \"server.js\"]\n",
        good_example: "FROM node:20-alpine\nWORKDIR /app\nCOPY package.json package-lock.json server.js ./\nCMD [\"node\", \"server.js\"]\n",
    },
    check: Check::Dockerfile(check),
};

fn check(view: &DockerfileView, hits: &mut Hits) {
    if view.has_dockerignore != Some(false) {
        return;
    }
    for instruction in &view.file.instructions {
        if instruction.flag("from").is_some() {
            continue;
        }
        let Some((sources, destination)) = copy_paths(instruction) else { continue };
        if let Some(whole) = sources.iter().find(|s| matches!(s.as_str(), "." | "./" | "*" | "./*" | "/")) {
            hits.push(
                instruction.span,
                format!(
                    "{} {whole} {destination} copies the whole build context, and there is no .dockerignore",
                    instruction.keyword_raw.to_ascii_uppercase()
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::{analyze_file, FileContext, InputKind};
    use crate::rule::RuleSet;
    use bosun_core::config::Config;

    fn scan(has_dockerignore: Option<bool>, text: &str) -> Vec<String> {
        let context = FileContext { has_dockerignore, ..Default::default() };
        analyze_file(
            "Dockerfile",
            text,
            InputKind::Dockerfile,
            context,
            &RuleSet::only(&RULE),
            &Config::default(),
        )
        .findings
        .into_iter()
        .map(|f| f.message)
        .collect()
    }

    #[test]
    fn reported_only_when_the_dockerignore_is_known_to_be_missing() {
        let text = RULE.meta.bad_example;
        assert_eq!(
            scan(Some(false), text),
            vec!["COPY . . copies the whole build context, and there is no .dockerignore"]
        );
        assert!(scan(Some(true), text).is_empty());
        assert!(scan(None, text).is_empty());
    }

    #[test]
    fn named_paths_and_copies_from_stages_are_fine() {
        let text = "FROM golang:1.22 AS build\nWORKDIR /src\nCOPY go.mod go.sum ./\nADD ./ /src/\n\
                    FROM alpine:3.20\nCOPY --from=build / /\nCOPY cmd/ /app/cmd/\n";
        assert_eq!(
            scan(Some(false), text),
            vec!["ADD ./ /src/ copies the whole build context, and there is no .dockerignore"]
        );
    }
}
