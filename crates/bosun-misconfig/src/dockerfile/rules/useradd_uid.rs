use crate::dockerfile::commands::runs;
use crate::dockerfile::DockerfileView;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DF055",
        name: "useradd-high-uid-without-no-log-init",
        title: "useradd with a large UID and without -l bloats the image",
        severity: Severity::Low,
        domain: Domain::Dockerfile,
        checklist: &["img.lint"],
        aliases: &["DL3046"],
        rationale: "useradd records every new user in /var/log/lastlog and /var/log/faillog, files indexed by \
                    UID. With a UID like 1000000 they become sparse files of hundreds of megabytes, and image \
                    layers store them in full, so the image grows by that much and builds slow down or fill \
                    the disk.",
        remediation: "Add `-l` (`--no-log-init`) to useradd, or use a smaller UID.",
        bad_example: "FROM debian:12.5\nRUN useradd -u 1000001 -m app\nUSER app\n",
        good_example: "FROM debian:12.5\nRUN useradd -l -u 1000001 -m app\nUSER app\n",
    },
    check: Check::Dockerfile(check),
};

const USERADD_VALUE_OPTIONS: &[&str] = &[
    "-u",
    "--uid",
    "-g",
    "--gid",
    "-G",
    "--groups",
    "-d",
    "--home-dir",
    "-s",
    "--shell",
    "-c",
    "--comment",
    "-k",
    "--skel",
    "-e",
    "--expiredate",
    "-f",
    "--inactive",
    "-K",
    "--key",
    "-p",
    "--password",
    "-R",
    "--root",
    "-P",
    "--prefix",
    "-b",
    "--base-dir",
    "-Z",
    "--selinux-user",
];

/// UIDs with more digits than this make lastlog tens of megabytes or more.
const MAX_DIGITS: usize = 5;

fn check(view: &DockerfileView, hits: &mut Hits) {
    for run in runs(view) {
        for cmd in run.commands.iter().filter(|cmd| cmd.is("useradd")) {
            let args = cmd.parse(USERADD_VALUE_OPTIONS);
            if args.has(&["--no-log-init"]) || args.has_short('l') {
                continue;
            }
            let large = args
                .values(&["-u", "--uid"])
                .find(|uid| uid.len() > MAX_DIGITS && uid.chars().all(|c| c.is_ascii_digit()));
            if let Some(uid) = large {
                hits.push(
                    run.instruction.span,
                    format!(
                        "`useradd -u {uid}` without -l writes a lastlog sized for UID {uid} into the layer"
                    ),
                );
            }
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
    fn flag_forms_and_small_uids() {
        assert_eq!(count("useradd --uid=2000000 app"), 1);
        assert_eq!(count("useradd -u2000000 app"), 1);
        assert_eq!(count("useradd --no-log-init -u 2000000 app"), 0);
        assert_eq!(count("useradd -rl -u 2000000 app"), 0);
        assert_eq!(count("useradd -u 10001 app"), 0);
        assert_eq!(count("useradd -u $APP_UID app"), 0);
        assert_eq!(count("adduser -u 2000000 -D app"), 0);
    }
}
