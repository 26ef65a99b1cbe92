use crate::dockerfile::commands::{runs, Cmd};
use crate::dockerfile::DockerfileView;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DF056",
        name: "account-password-set",
        title: "RUN sets or removes an account password in the image",
        severity: Severity::Medium,
        domain: Domain::Dockerfile,
        checklist: &["img.no-secrets", "img.non-root-user"],
        aliases: &["CKV2_DOCKER_17"],
        rationale:
            "A password set while building (`chpasswd`, `passwd --stdin`, `usermod -p`) is the same in \
                    every container started from the image and readable in its layers and history; an \
                    emptied one (`passwd -d`) lets anyone log in. Either gives a way to become that user, \
                    often root, through su or a login service.",
        remediation:
            "Leave accounts locked (the default for useradd); if a service needs a credential, pass it at \
                      run time through a secret.",
        bad_example: "FROM ubuntu:24.04\nRUN useradd -m app && echo 'app:changeme' | chpasswd\nUSER app\n",
        good_example: "FROM ubuntu:24.04\nRUN useradd -m app && passwd -l app\nUSER app\n",
    },
    check: Check::Dockerfile(check),
};

fn check(view: &DockerfileView, hits: &mut Hits) {
    for run in runs(view) {
        let mut previous_pipes = false;
        for cmd in &run.commands {
            if let Some(message) = finding(cmd, previous_pipes) {
                hits.push(run.instruction.span, message);
                break;
            }
            previous_pipes = cmd.pipes_into_next;
        }
    }
}

/// Options of useradd and usermod that take a value.
const COMMON_VALUE_OPTIONS: &[&str] = &[
    "-p",
    "--password",
    "-u",
    "--uid",
    "-g",
    "--gid",
    "-G",
    "--groups",
    "-d",
    "--home",
    "--home-dir",
    "-s",
    "--shell",
    "-c",
    "--comment",
    "-e",
    "--expiredate",
    "-f",
    "--inactive",
    "-k",
    "--skel",
    "-R",
    "--root",
    "-K",
    "--key",
];

fn finding(cmd: &Cmd, fed_by_pipe: bool) -> Option<String> {
    match cmd.program.as_str() {
        "chpasswd" => Some("`chpasswd` sets account passwords in the image".to_string()),
        "passwd" => {
            let args = cmd.parse(&[]);
            let account = args.operands.last().copied().unwrap_or("root");
            if args.has(&["-d", "--delete"]) {
                Some(format!("`passwd -d` removes the password of {account}, allowing login without one"))
            } else if args.has(&["--stdin"]) || fed_by_pipe {
                Some(format!("`passwd` sets a password for {account} in the image"))
            } else {
                None
            }
        }
        "usermod" | "useradd" => {
            // `-l` is `--login NAME` for usermod but the flag `--no-log-init` for useradd.
            let login: &[&str] = if cmd.is("usermod") { &["-l", "--login"] } else { &[] };
            let value_options: Vec<&str> = COMMON_VALUE_OPTIONS.iter().chain(login).copied().collect();
            let args = cmd.parse(&value_options);
            let hash = args.values(&["-p", "--password"]).next()?;
            // `*`, `!` and `!...` are locked accounts: no password can match them.
            let locked = hash.is_empty() || hash.starts_with(['!', '*']) || hash == "x";
            let account = args.operands.last().copied().unwrap_or("an account");
            (!locked).then(|| format!("`{} -p` sets a password hash for {account} in the image", cmd.program))
        }
        _ => None,
    }
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
    fn ways_to_set_a_password() {
        assert_eq!(
            messages("echo 'root:secret' | chpasswd"),
            ["`chpasswd` sets account passwords in the image"]
        );
        assert_eq!(
            messages("echo secret | passwd --stdin app"),
            ["`passwd` sets a password for app in the image"]
        );
        assert_eq!(
            messages("passwd -d root"),
            ["`passwd -d` removes the password of root, allowing login without one"]
        );
        assert_eq!(messages("useradd -m -l -p '$6$salt$hash' app").len(), 1);
        assert_eq!(
            messages("usermod -l admin -p '$6$salt$hash' root"),
            ["`usermod -p` sets a password hash for root in the image"]
        );
    }

    #[test]
    fn locking_is_fine() {
        for script in ["passwd -l root", "usermod -p '*' app", "useradd -m -p '!' app", "useradd -m app"] {
            assert!(messages(script).is_empty(), "{script}");
        }
    }
}
