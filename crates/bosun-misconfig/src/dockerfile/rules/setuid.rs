use super::world_writable::{grants, mode_change};
use crate::dockerfile::commands::{name_list, runs};
use crate::dockerfile::DockerfileView;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DF054",
        name: "setuid-bit-added",
        title: "RUN adds the setuid bit to a file",
        severity: Severity::Medium,
        domain: Domain::Dockerfile,
        checklist: &["img.non-root-user", "run.no-privileged"],
        aliases: &[],
        rationale:
            "A setuid program runs with its owner's rights, usually root, whoever starts it. Each one \
                    added to the image is a way for an unprivileged process in the container to become \
                    root if the program has a bug or can be talked into running other code.",
        remediation:
            "Drop the setuid bit; if a program needs one privilege (binding port 80, say), grant that \
                      capability (`setcap cap_net_bind_service=+ep`) or change the configuration instead.",
        bad_example: "FROM debian:12.5\nCOPY tool /usr/local/bin/tool\nRUN chmod 4755 /usr/local/bin/tool\n",
        good_example: "FROM debian:12.5\nCOPY tool /usr/local/bin/tool\nRUN chmod 0755 /usr/local/bin/tool\n",
    },
    check: Check::Dockerfile(check),
};

fn check(view: &DockerfileView, hits: &mut Hits) {
    for run in runs(view) {
        for cmd in &run.commands {
            let Some((mode, paths)) = mode_change(cmd) else { continue };
            if grants(mode).is_some_and(|g| g.setuid) {
                hits.push(
                    run.instruction.span,
                    format!("`{} {mode}` makes {} setuid", cmd.program, name_list(&paths)),
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
    fn setuid_but_not_setgid_directories() {
        assert_eq!(count("chmod u+s /usr/bin/newuidmap"), 1);
        assert_eq!(count("chmod +s /usr/local/bin/x"), 1);
        assert_eq!(count("install -m 4755 x /usr/local/bin/x"), 1);
        assert_eq!(count("chmod g+s /srv/shared"), 0);
        assert_eq!(count("chmod 2775 /srv/shared"), 0);
        assert_eq!(count("chmod u-s /usr/bin/passwd"), 0);
    }
}
