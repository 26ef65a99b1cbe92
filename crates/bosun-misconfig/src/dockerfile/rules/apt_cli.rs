use crate::dockerfile::commands::runs;
use crate::dockerfile::DockerfileView;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DF034",
        name: "apt-instead-of-apt-get",
        title: "RUN uses apt, the interactive front end, instead of apt-get",
        severity: Severity::Low,
        domain: Domain::Dockerfile,
        checklist: &["img.lint"],
        aliases: &["DL3027", "CKV_DOCKER_9"],
        rationale: "`apt` is meant for people at a terminal: its output and behaviour may change between \
                    releases and it warns that it has no stable command-line interface. Scripts and \
                    Dockerfiles should use `apt-get` and `apt-cache`, whose interface is stable.",
        remediation: "Replace `apt` with `apt-get` (or `apt-cache` for search and show).",
        bad_example: "FROM ubuntu:24.04\nRUN apt update \\\n && apt install -y --no-install-recommends curl=8.5.0-2ubuntu10.6 \\\n && rm -rf /var/lib/apt/lists/*\n",
        good_example: "FROM ubuntu:24.04\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends curl=8.5.0-2ubuntu10.6 \\\n && rm -rf /var/lib/apt/lists/*\n",
    },
    check: Check::Dockerfile(check),
};

fn check(view: &DockerfileView, hits: &mut Hits) {
    for run in runs(view) {
        if let Some(apt) = run.commands.iter().find(|cmd| cmd.is("apt")) {
            hits.push(run.instruction.span, format!("`{}` uses apt; use apt-get in scripts", apt.head(1)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    #[test]
    fn one_finding_per_run_naming_the_first_apt_command() {
        let found = run_on_example(&RULE, RULE.meta.bad_example);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, "`apt update` uses apt; use apt-get in scripts");
        assert_eq!((found[0].location.start_line, found[0].location.end_line), (2, 4));
        let other_words = "FROM ubuntu:24.04\nRUN apt-cache policy curl && apt-key list && echo apt\n";
        assert!(run_on_example(&RULE, other_words).is_empty());
    }
}
