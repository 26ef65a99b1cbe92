use crate::dockerfile::commands::{effective_shell, runs, Cmd, Run};
use crate::dockerfile::DockerfileView;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};
use bosun_syntax::dockerfile::Arguments;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DF052",
        name: "pipe-without-pipefail",
        title: "RUN pipes a command without pipefail",
        severity: Severity::Low,
        domain: Domain::Dockerfile,
        checklist: &["img.lint"],
        aliases: &["DL4006", "DS-0032"],
        rationale: "A shell pipeline succeeds when its last command does. In `curl ... | tar x` a failed or \
                    truncated download still lets the step pass, and the image is built with missing or \
                    partial files. `pipefail` makes the pipeline fail when any part of it fails.",
        remediation: "Put `SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]` before the RUN (on Alpine \
                      `[\"/bin/ash\", \"-o\", \"pipefail\", \"-c\"]`), or start the script with `set -o pipefail &&` \
                      where /bin/sh supports it (busybox ash does, dash does not).",
        bad_example: "FROM debian:12.5\nRUN curl -fsSL https://x.example/tool-1.2.3.tar.gz | tar -xz -C /usr/local/bin\n",
        good_example: "FROM debian:12.5\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN curl -fsSL https://x.example/tool-1.2.3.tar.gz | tar -xz -C /usr/local/bin\n",
    },
    check: Check::Dockerfile(check),
};

/// Commands that cannot fail in a way worth catching; with pipefail, `yes`
/// even makes the pipeline fail when the reader stops early.
const CANNOT_FAIL: &[&str] = &["echo", "printf", "yes", "true"];

fn check(view: &DockerfileView, hits: &mut Hits) {
    for run in runs(view) {
        if shell_has_pipefail(view, &run) {
            continue;
        }
        let mut pipefail = false;
        for (index, cmd) in run.commands.iter().enumerate() {
            pipefail |= enables_pipefail(cmd);
            if pipefail || !cmd.pipes_into_next || CANNOT_FAIL.contains(&cmd.program.as_str()) {
                continue;
            }
            let reader = run.commands.get(index + 1).map_or("", |next| next.program.as_str());
            hits.push(
                run.instruction.span,
                format!("`{} | {reader}` ignores a failure of {} without pipefail", cmd.head(1), cmd.program),
            );
            break;
        }
    }
}

/// The SHELL in effect sets pipefail. An exec-form RUN does not use SHELL.
fn shell_has_pipefail(view: &DockerfileView, run: &Run) -> bool {
    if matches!(run.instruction.args, Arguments::Exec(_)) {
        return false;
    }
    effective_shell(view, run.position).is_some_and(|words| sets_pipefail(words.get(1..).unwrap_or_default()))
}

/// `set -o pipefail`, `set -euxo pipefail`, `bash -o pipefail -c ...`.
fn enables_pipefail(cmd: &Cmd) -> bool {
    let shell = matches!(cmd.program.as_str(), "set" | "bash" | "zsh" | "ash" | "ksh" | "sh" | "mksh");
    shell && sets_pipefail(&cmd.args)
}

fn sets_pipefail(args: &[String]) -> bool {
    args.windows(2).any(|pair| {
        let option = &pair[0];
        option.starts_with('-') && !option.starts_with("--") && option.ends_with('o') && pair[1] == "pipefail"
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    fn messages(text: &str) -> Vec<String> {
        run_on_example(&RULE, text).into_iter().map(|f| f.message).collect()
    }

    fn count(script: &str) -> usize {
        messages(&format!("FROM debian:12\nRUN {script}\n")).len()
    }

    #[test]
    fn pipefail_in_the_script() {
        assert_eq!(count("set -o pipefail && curl -fsSL https://x.example/a | tar -xz"), 0);
        assert_eq!(count("set -euxo pipefail; curl -fsSL https://x.example/a | tar -xz"), 0);
        assert_eq!(count("bash -o pipefail -c 'curl -fsSL https://x.example/a | tar -xz'"), 0);
        assert_eq!(count("curl -fsSL https://x.example/a | tar -xz; set -o pipefail"), 1);
    }

    #[test]
    fn harmless_sources_and_no_pipes() {
        assert_eq!(count("echo 'deb http://x stable main' | tee /etc/apt/sources.list.d/x.list"), 0);
        assert_eq!(count("yes | apt-get install curl"), 0);
        assert_eq!(count("make || true"), 0);
    }

    #[test]
    fn shells_carry_over_stages_but_not_into_exec_form() {
        let inherited = "FROM debian:12 AS base\nSHELL [\"/bin/bash\", \"-eo\", \"pipefail\", \"-c\"]\nFROM base\nRUN curl -fsSL https://x.example/a | tar -xz\n";
        assert!(messages(inherited).is_empty());
        let reset = "FROM debian:12\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nFROM debian:12\nRUN curl -fsSL https://x.example/a | tar -xz\n";
        assert_eq!(messages(reset).len(), 1);
        let exec = "FROM debian:12\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN [\"sh\", \"-c\", \"curl -fsSL https://x.example/a | tar -xz\"]\n";
        assert_eq!(messages(exec), ["`curl -fsSL | tar` ignores a failure of curl without pipefail"]);
        let powershell = "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL [\"powershell\", \"-Command\"]\nRUN Get-Content x | Out-File y\n";
        assert!(messages(powershell).is_empty());
    }
}
