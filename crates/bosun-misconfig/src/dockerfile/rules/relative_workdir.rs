use crate::dockerfile::DockerfileView;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};
use bosun_syntax::dockerfile::Keyword;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DF017",
        name: "relative-workdir",
        title: "WORKDIR is a relative path",
        severity: Severity::Low,
        domain: Domain::Dockerfile,
        checklist: &["img.lint"],
        aliases: &["DL3000", "DS-0009", "CKV_DOCKER_10"],
        rationale: "A relative WORKDIR resolves against the previous one, which may come from the base image and \
                    change when the base does. Every COPY, RUN and the container's command then act in a \
                    directory nobody chose on purpose; with a base whose WORKDIR is `/`, files land in the root \
                    of the filesystem. Paths starting with a variable the file does not set are not reported.",
        remediation: "Use an absolute path, e.g. `WORKDIR /app`.",
        bad_example: "FROM node:20-alpine\nWORKDIR app\nCOPY . .\n",
        good_example: "FROM node:20-alpine\nWORKDIR /app\nCOPY . .\n",
    },
    check: Check::Dockerfile(check),
};

fn check(view: &DockerfileView, hits: &mut Hits) {
    for workdir in view.all(Keyword::Workdir) {
        let Some(path) = workdir.words().first().map(|w| view.expand_at(workdir, w)) else { continue };
        if !is_absolute(&path) && !path.starts_with('$') {
            hits.push(
                workdir.span,
                format!("WORKDIR {path} is relative, so where it lands depends on the WORKDIR before it"),
            );
        }
    }
}

/// Unix paths, and Windows ones (`C:\app`, `c:/app`) for Windows images.
fn is_absolute(path: &str) -> bool {
    let bytes = path.as_bytes();
    path.starts_with('/')
        || path.starts_with('\\')
        || (bytes.len() >= 3
            && bytes[0].is_ascii_alphabetic()
            && bytes[1] == b':'
            && matches!(bytes[2], b'\\' | b'/'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    fn count(lines: &str) -> usize {
        run_on_example(&RULE, &format!("FROM alpine:3.20\n{lines}")).len()
    }

    #[test]
    fn absolute_windows_and_variable_paths() {
        assert_eq!(count("WORKDIR /app\nWORKDIR C:\\\\app\nWORKDIR c:/app\nWORKDIR $HOME/app\n"), 0);
        assert_eq!(count("ARG DIR=/srv\nWORKDIR ${DIR}/app\n"), 0);
        assert_eq!(count("ARG DIR=srv\nWORKDIR ${DIR}/app\n"), 1);
        assert_eq!(count("WORKDIR ./build\nWORKDIR \"src\"\n"), 2);
    }
}
