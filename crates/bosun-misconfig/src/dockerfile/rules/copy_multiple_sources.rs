use crate::dockerfile::{copy_paths, DockerfileView};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DF029",
        name: "copy-multiple-sources-no-slash",
        title: "COPY or ADD of several sources into a destination without a trailing slash",
        severity: Severity::Low,
        domain: Domain::Dockerfile,
        checklist: &["img.lint"],
        aliases: &["DL3021", "DS-0011"],
        rationale: "With more than one source, the destination must be a directory and written with a trailing \
                    `/`; otherwise the build fails. Writing the slash also tells the reader the files keep their \
                    names, instead of one file being renamed.",
        remediation: "End the destination with `/`, e.g. `COPY package.json package-lock.json /app/`.",
        bad_example: "FROM node:20-alpine\nCOPY package.json package-lock.json /app\n",
        good_example: "FROM node:20-alpine\nCOPY package.json package-lock.json /app/\n",
    },
    check: Check::Dockerfile(check),
};

fn check(view: &DockerfileView, hits: &mut Hits) {
    for instruction in &view.file.instructions {
        let Some((sources, destination)) = copy_paths(instruction) else { continue };
        let destination = view.expand_at(instruction, &destination);
        let directory = destination.ends_with(['/', '\\']) || destination == "." || destination == "..";
        if sources.len() > 1 && !directory && !destination.contains('$') {
            hits.push(
                instruction.span,
                format!(
                    "{} copies {} sources into {destination}, which needs a trailing slash",
                    instruction.keyword_raw.to_ascii_uppercase(),
                    sources.len()
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    fn count(lines: &str) -> usize {
        run_on_example(&RULE, &format!("FROM alpine:3.20\nWORKDIR /app\n{lines}")).len()
    }

    #[test]
    fn directories_single_sources_and_variables() {
        assert_eq!(count("COPY a b ./\nCOPY a b .\nCOPY [\"a\", \"b\", \"/c/\"]\nCOPY *.json /app\nARG D\nCOPY a b $D\n"), 0);
        assert_eq!(count("COPY --from=build /a /b /out\nADD [\"a\", \"b\", \"/c\"]\n"), 2);
    }
}
