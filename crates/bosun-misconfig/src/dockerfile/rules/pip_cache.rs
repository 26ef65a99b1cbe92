use crate::dockerfile::commands::{env_set, runs, scope_mentions, shipped_stages, Run};
use crate::dockerfile::packages::PipCall;
use crate::dockerfile::DockerfileView;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};
use bosun_syntax::dockerfile::shell;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DF042",
        name: "pip-cache-kept",
        title: "pip keeps its download cache in the image",
        severity: Severity::Low,
        domain: Domain::Dockerfile,
        checklist: &["img.minimal-base", "img.lint"],
        aliases: &["DL3042"],
        rationale: "pip stores every wheel it downloads or builds in ~/.cache/pip. In an image that cache is \
                    never reused, it only makes the layer larger, often by more than the installed \
                    packages themselves.",
        remediation: "Add `--no-cache-dir`, set `ENV PIP_NO_CACHE_DIR=1`, or mount a cache: \
                      `RUN --mount=type=cache,target=/root/.cache/pip pip install ...`.",
        bad_example: "FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n",
        good_example: "FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\n",
    },
    check: Check::Dockerfile(check),
};

const CACHE_DIRS: &[&str] =
    &["/root/.cache/pip", "/root/.cache", "~/.cache/pip", "~/.cache", "$HOME/.cache/pip", "$HOME/.cache"];

fn check(view: &DockerfileView, hits: &mut Hits) {
    let shipped = shipped_stages(view);
    for run in runs(view).into_iter().filter(|run| run.ships(&shipped)) {
        if cache_disabled(view, &run) {
            continue;
        }
        for (index, cmd) in run.commands.iter().enumerate() {
            let Some(pip) = PipCall::of(cmd) else { continue };
            if pip.uv || !pip.is_install() || pip.args.has(&["--no-cache-dir"]) || purged_later(&run, index) {
                continue;
            }
            hits.push(
                run.instruction.span,
                format!("`{}` keeps downloaded packages in ~/.cache/pip: add --no-cache-dir", pip.label),
            );
            break;
        }
    }
}

fn cache_disabled(view: &DockerfileView, run: &Run) -> bool {
    env_set(view, run.position, "PIP_NO_CACHE_DIR")
        || scope_mentions(view, run.position, "global.no-cache-dir")
        // `PIP_NO_CACHE_DIR=1 pip install` and `export PIP_NO_CACHE_DIR=1`.
        || shell::commands(&run.instruction.script()).iter().any(|command| {
            let exported = command.words.iter().any(|word| word == "export" || word == "env")
                && command.words.iter().any(|word| word.starts_with("PIP_NO_CACHE_DIR="));
            exported || command.assignments.iter().any(|(name, _)| name == "PIP_NO_CACHE_DIR")
        })
        || run.discarded_dirs().iter().any(|dir| dir.ends_with("/.cache") || dir.ends_with("/.cache/pip"))
}

fn purged_later(run: &Run, index: usize) -> bool {
    run.removes_later(index, CACHE_DIRS)
        || run.commands[index + 1..]
            .iter()
            .filter_map(PipCall::of)
            .any(|pip| pip.args.subcommand() == Some("cache") && pip.args.rest().first() == Some(&"purge"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    fn count(text: &str) -> usize {
        run_on_example(&RULE, text).len()
    }

    #[test]
    fn other_ways_to_disable_the_cache() {
        for text in [
            "FROM python:3.12\nENV PIP_NO_CACHE_DIR=1\nRUN pip install flask==3.0.3\n",
            "FROM python:3.12 AS base\nENV PIP_NO_CACHE_DIR=off\nFROM base\nRUN pip install flask==3.0.3\n",
            "FROM python:3.12\nRUN PIP_NO_CACHE_DIR=1 pip install flask==3.0.3\n",
            "FROM python:3.12\nRUN export PIP_NO_CACHE_DIR=1 && pip install flask==3.0.3\n",
            "FROM python:3.12\nRUN env PIP_NO_CACHE_DIR=1 pip install flask==3.0.3 2>&1\n",
            "FROM python:3.12\nRUN pip config set global.no-cache-dir false\nRUN pip install flask==3.0.3\n",
            "FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask==3.0.3\n",
            "FROM python:3.12\nRUN --mount=type=cache,target=/home/app/.cache pip install flask==3.0.3\n",
            "FROM python:3.12\nRUN pip install flask==3.0.3 && pip cache purge\n",
            "FROM python:3.12\nRUN pip install flask==3.0.3 && rm -rf /root/.cache\n",
            "FROM python:3.12 AS build\nRUN pip install flask==3.0.3\nFROM python:3.12-slim\nCOPY --from=build /usr/local /usr/local\n",
        ] {
            assert_eq!(count(text), 0, "{text}");
        }
    }

    #[test]
    fn one_finding_per_run() {
        let text =
            "FROM python:3.12\nRUN pip install a==1 && python -m pip install b==2\nRUN pip3 install c==3\n";
        assert_eq!(count(text), 2);
    }
}
