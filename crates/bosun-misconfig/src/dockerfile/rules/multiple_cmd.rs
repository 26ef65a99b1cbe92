use crate::dockerfile::DockerfileView;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};
use bosun_syntax::dockerfile::Keyword;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DF015",
        name: "multiple-cmd",
        title: "Stage has more than one CMD",
        severity: Severity::Low,
        domain: Domain::Dockerfile,
        checklist: &["img.lint"],
        aliases: &["DL4003", "DS-0016"],
        rationale: "Only the last CMD of a stage takes effect; the earlier ones are dead lines that mislead \
                    whoever reads the Dockerfile about what the container runs. Often they are leftovers of \
                    an attempt to start two processes, which needs a real entrypoint script or two containers.",
        remediation: "Keep one CMD per stage; start several processes from an entrypoint script or split them \
                      into separate containers.",
        bad_example: "FROM python:3.12-slim\nCMD [\"python\", \"worker.py\"]\nCMD [\"python\", \"web.py\"]\n",
        good_example: "FROM python:3.12-slim\nCMD [\"python\", \"web.py\"]\n",
    },
    check: Check::Dockerfile(check),
};

fn check(view: &DockerfileView, hits: &mut Hits) {
    report_replaced(view, hits, Keyword::Cmd, "CMD");
}

/// Points at every `keyword` instruction that a later one in the same stage replaces.
pub(crate) fn report_replaced(view: &DockerfileView, hits: &mut Hits, keyword: Keyword, name: &str) {
    for stage in &view.file.stages {
        let found: Vec<_> =
            view.file.stage_instructions(stage).iter().filter(|i| i.keyword == keyword).collect();
        let Some((last, replaced)) = found.split_last() else { continue };
        for instruction in replaced {
            hits.push(
                instruction.span,
                format!("this {name} has no effect: the {name} on line {} replaces it", last.span.start_line),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    #[test]
    fn each_stage_may_have_its_own() {
        let text = "FROM alpine:3.20 AS a\nCMD [\"a\"]\nFROM a\nCMD [\"b\"]\nONBUILD CMD [\"c\"]\n";
        assert!(run_on_example(&RULE, text).is_empty());
    }

    #[test]
    fn every_replaced_one_is_reported() {
        let text = "FROM alpine:3.20\nCMD a\nCMD b\nCMD [\"c\"]\n";
        let found: Vec<_> =
            run_on_example(&RULE, text).into_iter().map(|f| (f.location.start_line, f.message)).collect();
        assert_eq!(
            found,
            vec![
                (2, "this CMD has no effect: the CMD on line 4 replaces it".to_string()),
                (3, "this CMD has no effect: the CMD on line 4 replaces it".to_string()),
            ]
        );
    }
}
