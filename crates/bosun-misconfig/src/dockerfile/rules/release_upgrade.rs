use crate::dockerfile::commands::runs;
use crate::dockerfile::packages::{Action, PackageCall};
use crate::dockerfile::DockerfileView;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DF033",
        name: "distribution-upgrade-in-run",
        title: "RUN upgrades the whole distribution",
        severity: Severity::Low,
        domain: Domain::Dockerfile,
        checklist: &["img.lint", "img.update"],
        aliases: &["DL3005", "DL3035", "DS-0024"],
        rationale: "`apt-get dist-upgrade` and `zypper dist-upgrade` may install new major versions, remove \
                    packages and move the image to whatever the mirrors serve that day, so the image no \
                    longer matches the base it names. Security fixes within a release come from a plain \
                    `upgrade` or, better, from a newer base image.",
        remediation: "Use a newer base image tag for a newer release; for security fixes use `apt-get upgrade` \
                      or rebuild on the refreshed base.",
        bad_example: "FROM debian:12.5\nRUN apt-get update \\\n && apt-get dist-upgrade -y \\\n && rm -rf /var/lib/apt/lists/*\n",
        good_example: "FROM debian:12.5\nRUN apt-get update \\\n && apt-get upgrade -y \\\n && rm -rf /var/lib/apt/lists/*\n",
    },
    check: Check::Dockerfile(check),
};

fn check(view: &DockerfileView, hits: &mut Hits) {
    for run in runs(view) {
        for cmd in &run.commands {
            let Some(call) = PackageCall::of(cmd) else { continue };
            if call.action == Action::ReleaseUpgrade {
                hits.push(
                    run.instruction.span,
                    format!("`{}` can move the image to another release than its base", call.label),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    #[test]
    fn every_release_upgrade_command() {
        for script in ["apt full-upgrade -y", "zypper -n dup", "apt-get -y dist-upgrade"] {
            let found = run_on_example(&RULE, &format!("FROM x:1\nRUN {script}\n"));
            assert_eq!(found.len(), 1, "{script}");
        }
        for script in [
            "apt-get upgrade -y",
            "apk upgrade --no-cache",
            "dnf -y upgrade",
            "dnf -y distro-sync",
            "echo dist-upgrade",
        ] {
            assert!(run_on_example(&RULE, &format!("FROM x:1\nRUN {script}\n")).is_empty(), "{script}");
        }
    }
}
