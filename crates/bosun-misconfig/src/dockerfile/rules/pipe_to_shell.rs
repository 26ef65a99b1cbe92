use crate::dockerfile::commands::{basename, clip, runs, Cmd, Run};
use crate::dockerfile::DockerfileView;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DF046",
        name: "remote-script-piped-to-shell",
        title: "RUN executes a script straight from the network",
        severity: Severity::High,
        domain: Domain::Dockerfile,
        checklist: &["img.trusted-base", "img.lint"],
        aliases: &[],
        rationale: "`curl ... | sh`, `sh -c \"$(curl ...)\"` and `bash <(curl ...)` run whatever the server \
                    returns, as root, with nothing to check it against. A compromised or hijacked download \
                    host, a DNS or proxy attack, or a truncated transfer becomes code in the image.",
        remediation: "Download to a file, verify its checksum or signature (`sha256sum -c`, `gpg --verify`), then \
                      run it; or install the tool from a package repository or a pinned image instead.",
        bad_example: "FROM debian:12.5\nRUN curl -fsSL https://get.example.com/install.sh | sh\n",
        good_example: "FROM debian:12.5\nRUN curl -fsSLo /tmp/install.sh https://get.example.com/v1.2.3/install.sh \\\n && echo \"4f1a3a4c2b8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7081  /tmp/install.sh\" | sha256sum -c - \\\n && sh /tmp/install.sh \\\n && rm /tmp/install.sh\n",
    },
    check: Check::Dockerfile(check),
};

const SHELLS: &[&str] = &["sh", "bash", "dash", "ash", "zsh", "ksh", "mksh"];

/// Programs that run a script given in an argument or read from a file name.
const EVALUATORS: &[&str] = &["eval", "source", "."];

fn check(view: &DockerfileView, hits: &mut Hits) {
    for run in runs(view) {
        if let Some(message) = finding(&run) {
            hits.push(run.instruction.span, message);
        }
    }
}

fn finding(run: &Run) -> Option<String> {
    for (index, cmd) in run.commands.iter().enumerate() {
        if is_fetch(cmd) && cmd.pipes_into_next {
            let pipeline = run.commands[index + 1..].iter();
            let mut piped = Vec::new();
            for next in pipeline {
                piped.push(next);
                if !next.pipes_into_next {
                    break;
                }
            }
            if let Some(runner) = piped.into_iter().find(|next| reads_script_from_stdin(next)) {
                let source = cmd.url().map_or_else(|| cmd.head(1), clip);
                return Some(format!(
                    "`{}` output ({source}) is piped into `{}` and runs unverified",
                    cmd.program, runner.program
                ));
            }
        }
        let runs_code = SHELLS.contains(&cmd.program.as_str())
            || EVALUATORS.contains(&cmd.program.as_str())
            || is_interpreter(&cmd.program);
        if let Some(word) = cmd.args.iter().find(|arg| fetches_in_substitution(arg)).filter(|_| runs_code) {
            return Some(format!("`{} {}` runs a downloaded script unverified", cmd.program, clip(word)));
        }
    }
    None
}

fn is_fetch(cmd: &Cmd) -> bool {
    cmd.is("curl") || cmd.is("wget")
}

/// python, python3.12, perl, ruby, node, php.
fn is_interpreter(program: &str) -> bool {
    let base = program.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.');
    matches!(base, "python" | "perl" | "ruby" | "node" | "php")
}

/// A shell or interpreter that takes its program from standard input: no
/// `-c`/`-e` program argument and no script file before the script's own
/// arguments (`sh -s -- x`, `php -- --install-dir=x`), or `-` for one.
fn reads_script_from_stdin(cmd: &Cmd) -> bool {
    let shell = SHELLS.contains(&cmd.program.as_str());
    if !shell && !is_interpreter(&cmd.program) {
        return false;
    }
    // For shells `-e` is errexit; for interpreters `-e`, `-m`, `-r` name the program.
    let program_flags: &[char] = if shell { &['c'] } else { &['c', 'e', 'm', 'r'] };
    let mut words = cmd.args.iter();
    while let Some(word) = words.next() {
        if word == "--" {
            return true;
        }
        if shell && (word == "-o" || word == "+o") {
            words.next();
            continue;
        }
        if let Some(flags) = word.strip_prefix('-').filter(|f| !f.is_empty() && !f.starts_with('-')) {
            if flags.chars().any(|c| program_flags.contains(&c)) {
                return false;
            }
            if shell && flags.contains('s') {
                return true;
            }
            continue;
        }
        if !word.starts_with("--") {
            return word == "-";
        }
    }
    true
}

/// `$(curl ...)`, `` `wget ...` `` or `<(curl ...)` inside a word.
fn fetches_in_substitution(word: &str) -> bool {
    ["$(", "`", "<("].iter().any(|opener| {
        word.match_indices(opener).any(|(at, _)| {
            let inner = word[at + opener.len()..].trim_start();
            let program =
                inner.split(|c: char| c.is_whitespace() || c == ')' || c == '`').next().unwrap_or("");
            matches!(basename(program), "curl" | "wget")
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    fn messages(script: &str) -> Vec<String> {
        run_on_example(&RULE, &format!("FROM debian:12\nRUN {script}\n"))
            .into_iter()
            .map(|f| f.message)
            .collect()
    }

    #[test]
    fn pipes_into_shells_and_interpreters() {
        for script in [
            "curl -sSL https://x.example/i.sh | bash",
            "curl -fsSL https://x.example/i.sh | sudo -E bash -",
            "wget -qO- https://x.example/i.sh | sh -s -- --version 1.2",
            "curl -sSL https://install.python-poetry.org | python3 -",
            "curl -sS https://getcomposer.org/installer | php -- --install-dir=/usr/local/bin",
            "set -o pipefail && curl -L https://x.example/i.sh | tee /tmp/log | bash",
        ] {
            assert_eq!(messages(script).len(), 1, "{script}");
        }
        assert_eq!(
            messages("curl -fsSL https://get.example.com/install.sh | sh"),
            ["`curl` output (https://get.example.com/install.sh) is piped into `sh` and runs unverified"]
        );
    }

    #[test]
    fn substitutions() {
        for script in [
            "sh -c \"$(curl -fsSL https://x.example/i.sh)\"",
            "bash <(curl -s https://x.example/i.sh)",
            "eval \"$(wget -qO- https://x.example/env)\"",
            "/bin/bash -c \"`curl -s https://x.example/i.sh`\"",
        ] {
            assert_eq!(messages(script).len(), 1, "{script}");
        }
    }

    #[test]
    fn downloads_that_do_not_run_code() {
        for script in [
            "curl -fsSL https://x.example/a.tar.gz | tar -xz -C /opt",
            "curl -fsSL https://x.example/key.asc | gpg --dearmor -o /usr/share/keyrings/x.gpg",
            "curl -s https://x.example/data.json | python3 -m json.tool",
            "curl -s https://x.example/x | sh -c 'cat > /tmp/x'",
            "echo \"$(curl -s https://x.example/version)\"",
            "curl -o i.sh https://x.example/i.sh || bash fallback.sh",
        ] {
            assert!(messages(script).is_empty(), "{script}");
        }
    }
}
