use crate::dockerfile::commands::{runs, Cmd};
use crate::dockerfile::packages::{Action, Manager, PackageCall};
use crate::dockerfile::DockerfileView;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DF035",
        name: "package-index-update-alone",
        title: "Package index is refreshed in a RUN that installs nothing",
        severity: Severity::Medium,
        domain: Domain::Dockerfile,
        checklist: &["img.update", "img.lint"],
        aliases: &["DS-0017", "CKV_DOCKER_5"],
        rationale: "Docker caches each RUN as a layer. A RUN that only does `apt-get update` (or \
                    `apk update`) stays cached while the installs after it change, so later builds install \
                    from an index that can be months old: missing security fixes, or failing when the \
                    mirror has dropped the old versions.",
        remediation: "Refresh the index and install in the same RUN: `RUN apt-get update && apt-get install -y ...`.",
        bad_example: "FROM debian:12.5\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5 \\\n && rm -rf /var/lib/apt/lists/*\n",
        good_example: "FROM debian:12.5\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5 \\\n && rm -rf /var/lib/apt/lists/*\n",
    },
    check: Check::Dockerfile(check),
};

/// Commands that cannot be what uses the refreshed index.
const INERT: &[&str] = &["rm", "echo", "printf", "true", ":", "set", "ls", "cat"];

fn check(view: &DockerfileView, hits: &mut Hits) {
    for run in runs(view) {
        for (index, cmd) in run.commands.iter().enumerate() {
            let Some(call) = PackageCall::of(cmd) else { continue };
            if call.action != Action::IndexUpdate || !matches!(call.manager, Manager::Apt | Manager::Apk) {
                continue;
            }
            if run.commands[index + 1..].iter().all(|later| is_inert(later, call.manager)) {
                hits.push(
                    run.instruction.span,
                    format!("`{}` runs without an install after it in the same RUN", call.label),
                );
                break;
            }
        }
    }
}

/// A later command that neither installs with the same manager nor could
/// (a script or another tool might, so those count as using the index).
fn is_inert(cmd: &Cmd, manager: Manager) -> bool {
    match PackageCall::of(cmd) {
        Some(call) if call.manager == manager => matches!(call.action, Action::IndexUpdate | Action::Clean),
        _ => INERT.contains(&cmd.program.as_str()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    fn count(text: &str) -> usize {
        run_on_example(&RULE, text).len()
    }

    #[test]
    fn an_install_or_upgrade_after_it_is_fine() {
        assert_eq!(count("FROM alpine:3.20\nRUN apk update && apk add --no-cache curl\n"), 0);
        assert_eq!(count("FROM debian:12\nRUN apt-get update && apt-get -y upgrade\n"), 0);
        assert_eq!(count("FROM debian:12\nRUN apt-get update && ./install-deps.sh\n"), 0);
    }

    #[test]
    fn updates_followed_only_by_cleanup_are_alone() {
        assert_eq!(count("FROM alpine:3.20\nRUN apk update\n"), 1);
        assert_eq!(count("FROM debian:12\nRUN apt-get update && apt-get clean && rm -rf /tmp/x\n"), 1);
        // An install before the update does not use it.
        assert_eq!(count("FROM debian:12\nRUN apt-get install -y x && apt update\n"), 1);
        // yum and dnf refresh their metadata when it expires.
        assert_eq!(count("FROM rockylinux:9\nRUN dnf makecache\n"), 0);
    }
}
