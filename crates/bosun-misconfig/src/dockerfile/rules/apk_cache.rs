use crate::dockerfile::commands::{runs, shipped_stages, Run};
use crate::dockerfile::packages::{Action, Manager, PackageCall};
use crate::dockerfile::DockerfileView;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DF037",
        name: "apk-add-without-no-cache",
        title: "apk leaves its package index in the image",
        severity: Severity::Low,
        domain: Domain::Dockerfile,
        checklist: &["img.minimal-base", "img.lint"],
        aliases: &["DL3019", "DS-0025"],
        rationale: "Without `--no-cache`, `apk add`, `apk upgrade` and `apk update` store the repository indexes under \
                    /var/cache/apk. They are useless at run time, grow the layer, and a later RUN that \
                    deletes them does not shrink it.",
        remediation:
            "Use `apk add --no-cache ...` (no separate `apk update` needed), or remove /var/cache/apk/* \
                      at the end of the same RUN.",
        bad_example: "FROM alpine:3.20\nRUN apk update && apk add curl=8.9.1-r2\n",
        good_example: "FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r2\n",
    },
    check: Check::Dockerfile(check),
};

const CACHE_DIRS: &[&str] = &["/var/cache/apk", "/etc/apk/cache"];

fn check(view: &DockerfileView, hits: &mut Hits) {
    let shipped = shipped_stages(view);
    for run in runs(view).into_iter().filter(|run| run.ships(&shipped)) {
        if CACHE_DIRS.iter().any(|dir| run.discards(dir)) {
            continue;
        }
        for (index, cmd) in run.commands.iter().enumerate() {
            let Some(call) = PackageCall::of(cmd) else { continue };
            let fetches = matches!(call.action, Action::Install | Action::IndexUpdate | Action::Upgrade);
            if call.manager != Manager::Apk || !fetches || call.args.has(&["--no-cache"]) {
                continue;
            }
            if !cleaned_later(&run, index) {
                hits.push(
                    run.instruction.span,
                    format!("`{}` without --no-cache leaves the package index in /var/cache/apk", call.label),
                );
                break;
            }
        }
    }
}

fn cleaned_later(run: &Run, index: usize) -> bool {
    run.removes_later(index, CACHE_DIRS)
        || run.commands[index + 1..].iter().any(|cmd| {
            PackageCall::of(cmd).is_some_and(|call| {
                call.manager == Manager::Apk
                    && call.action == Action::Clean
                    && call.operands.iter().any(|op| matches!(*op, "clean" | "purge"))
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    fn count(script: &str) -> usize {
        run_on_example(&RULE, &format!("FROM alpine:3.20\nRUN {script}\n")).len()
    }

    #[test]
    fn cleanup_in_the_same_run_counts() {
        assert_eq!(count("apk add --update curl && rm -rf /var/cache/apk/*"), 0);
        assert_eq!(count("apk add curl && apk cache clean"), 0);
        assert_eq!(count("apk --no-cache add curl"), 0);
        assert_eq!(count("--mount=type=cache,target=/var/cache/apk apk add curl"), 0);
        assert_eq!(count("apk add curl\nRUN rm -rf /var/cache/apk/*"), 1);
    }

    #[test]
    fn an_update_before_a_no_cache_add_still_leaves_the_index() {
        assert_eq!(count("apk update && apk add --no-cache curl"), 1);
        assert_eq!(count("apk del curl"), 0);
        assert_eq!(count("apk upgrade"), 1);
        assert_eq!(count("apk upgrade --no-cache"), 0);
    }
}
