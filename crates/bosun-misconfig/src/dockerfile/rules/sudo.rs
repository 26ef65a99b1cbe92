use crate::dockerfile::commands::runs;
use crate::dockerfile::DockerfileView;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DF050",
        name: "sudo-in-run",
        title: "RUN uses sudo",
        severity: Severity::Medium,
        domain: Domain::Dockerfile,
        checklist: &["img.non-root-user", "img.lint"],
        aliases: &["DL3004", "DS-0010", "CKV2_DOCKER_1"],
        rationale:
            "sudo in a Dockerfile means sudo is installed and configured in the image, which gives the \
                    unprivileged user a documented path back to root. It also behaves differently from a \
                    terminal (no tty, environment reset, password prompts) and makes builds fragile.",
        remediation:
            "Run root steps before `USER`, or switch with `USER root` ... `USER app` around them; drop to \
                      an unprivileged user at run time with gosu or su-exec if needed.",
        bad_example: "FROM ubuntu:24.04\nRUN useradd -m app\nUSER app\nRUN sudo apt-get update\n",
        good_example: "FROM ubuntu:24.04\nRUN apt-get update && useradd -m app\nUSER app\n",
    },
    check: Check::Dockerfile(check),
};

fn check(view: &DockerfileView, hits: &mut Hits) {
    for run in runs(view) {
        let sudo = run.commands.iter().find(|cmd| cmd.is("sudo") || cmd.wrappers.iter().any(|w| w == "sudo"));
        if let Some(cmd) = sudo {
            hits.push(run.instruction.span, format!("`sudo {}` runs through sudo", cmd.head(1)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    fn messages(script: &str) -> Vec<String> {
        run_on_example(&RULE, &format!("FROM ubuntu:24.04\nRUN {script}\n"))
            .into_iter()
            .map(|f| f.message)
            .collect()
    }

    #[test]
    fn sudo_anywhere_in_the_script() {
        assert_eq!(messages("cd /tmp && sudo -E make install"), ["`sudo make install` runs through sudo"]);
        assert_eq!(messages("sh -c 'sudo chown app /data'").len(), 1);
        assert!(messages(
            "apt-get install -y sudo && echo 'app ALL=(ALL) NOPASSWD:ALL' > /etc/sudoers.d/app"
        )
        .is_empty());
    }
}
