use crate::dockerfile::commands::runs;
use crate::dockerfile::DockerfileView;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DF051",
        name: "cd-instead-of-workdir",
        title: "RUN starts with cd instead of using WORKDIR",
        severity: Severity::Low,
        domain: Domain::Dockerfile,
        checklist: &["img.lint"],
        aliases: &["DL3003", "DS-0013"],
        rationale: "A `cd` at the start of a RUN only lasts for that RUN, so every later instruction has to \
                    repeat it, and a forgotten one silently runs in the wrong directory. WORKDIR sets the \
                    directory once for all later instructions and for the container.",
        remediation: "Replace the leading `cd DIR &&` with `WORKDIR DIR` on its own line.",
        bad_example: "FROM node:20.15-alpine\nCOPY . /app\nRUN cd /app && npm ci --omit=dev\n",
        good_example: "FROM node:20.15-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci --omit=dev\n",
    },
    check: Check::Dockerfile(check),
};

fn check(view: &DockerfileView, hits: &mut Hits) {
    for run in runs(view) {
        // `set -eux; cd /src && ...` starts with the cd as much as `cd /src && ...`.
        let first = run.commands.iter().find(|cmd| !cmd.is("set"));
        let Some(dir) =
            first.filter(|cmd| cmd.is("cd")).and_then(|cd| cd.args.iter().find(|a| !a.starts_with('-')))
        else {
            continue;
        };
        if dir != "-" {
            hits.push(
                run.instruction.span,
                format!("`cd {dir}` only applies to this RUN; use `WORKDIR {dir}`"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    fn count(script: &str) -> usize {
        run_on_example(&RULE, &format!("FROM debian:12\nRUN {script}\n")).len()
    }

    #[test]
    fn only_a_leading_cd() {
        assert_eq!(count("set -eux; cd /src && make"), 1);
        assert_eq!(count("cd /src"), 1);
        assert_eq!(
            count("curl -fsSLO https://x.example/a.tar.gz && tar xzf a.tar.gz && cd a && make install"),
            0
        );
        assert_eq!(count("echo cd /src"), 0);
        assert_eq!(count("cd"), 0);
    }
}
