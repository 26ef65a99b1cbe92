use crate::dockerfile::commands::{runs, scope_mentions, Run};
use crate::dockerfile::packages::{Action, Manager, PackageCall};
use crate::dockerfile::DockerfileView;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DF036",
        name: "package-manager-without-yes",
        title: "Package manager call can stop at a confirmation prompt",
        severity: Severity::Low,
        domain: Domain::Dockerfile,
        checklist: &["img.lint"],
        aliases: &["DL3014", "DL3030", "DL3034", "DL3038", "DS-0021"],
        rationale: "Without `-y` (zypper: `-n`), apt-get, yum, dnf and zypper ask for confirmation as soon \
                    as a call pulls in a dependency or removes something. A build has no terminal, so the \
                    answer is \"no\" and the build fails, or works today and breaks the day a package gains \
                    a dependency.",
        remediation:
            "Pass the non-interactive switch: `apt-get install -y`, `dnf install -y`, `yum install -y`, \
                      `zypper --non-interactive install`.",
        bad_example: "FROM rockylinux:9.3\nRUN dnf install tar-1.34 && dnf clean all\n",
        good_example: "FROM rockylinux:9.3\nRUN dnf install -y tar-1.34 && dnf clean all\n",
    },
    check: Check::Dockerfile(check),
};

fn check(view: &DockerfileView, hits: &mut Hits) {
    for run in runs(view) {
        for (index, cmd) in run.commands.iter().enumerate() {
            let Some(call) = PackageCall::of(cmd) else { continue };
            let prompts = matches!(
                call.action,
                Action::Install | Action::Upgrade | Action::ReleaseUpgrade | Action::Remove
            );
            // microdnf never asks.
            if !prompts || cmd.is("microdnf") || call.manager == Manager::Apk {
                continue;
            }
            if !answers_yes(&call) && !fed_by_yes(&run, index) && !configured(view, &run, call.manager) {
                let switch = if call.manager == Manager::Zypper { "-n" } else { "-y" };
                hits.push(
                    run.instruction.span,
                    format!("`{}` has no {switch}, so it fails at its confirmation prompt", call.label),
                );
            }
        }
    }
}

fn answers_yes(call: &PackageCall) -> bool {
    let args = &call.args;
    match call.manager {
        Manager::Apt => {
            args.has(&["--yes", "--assume-yes", "--simulate", "--dry-run", "--just-print", "--no-act"])
                || args.has_short('y')
                || args.has_short('s')
                // `-qq` implies `-y`.
                || args.short_count('q') >= 2
                || args
                    .options
                    .iter()
                    .filter_map(|o| o.name.strip_prefix("-q="))
                    .chain(args.values(&["--quiet"]))
                    .any(|level| level.parse::<u32>().is_ok_and(|l| l >= 2))
                || args.values(&["-o", "--option"]).any(|o| {
                    let o = o.to_ascii_lowercase();
                    o.starts_with("apt::get::assume-yes=") && !o.ends_with("=false") && !o.ends_with("=0")
                })
        }
        Manager::Rpm => {
            args.has(&["--assumeyes"])
                || args.has_short('y')
                || args
                    .values(&["--setopt"])
                    .any(|o| matches!(o.to_ascii_lowercase().as_str(), "assumeyes=1" | "assumeyes=true"))
        }
        Manager::Zypper => {
            args.has(&["--non-interactive", "--no-confirm"]) || args.has_short('n') || args.has_short('y')
        }
        Manager::Apk => true,
    }
}

/// `yes | apt-get install ...`.
fn fed_by_yes(run: &Run, index: usize) -> bool {
    index > 0 && run.commands[index - 1].pipes_into_next && run.commands[index - 1].is("yes")
}

/// An earlier instruction wrote the answer into the manager's configuration.
fn configured(view: &DockerfileView, run: &Run, manager: Manager) -> bool {
    match manager {
        Manager::Apt => scope_mentions(view, run.position, "apt::get::assume-yes"),
        Manager::Rpm => scope_mentions(view, run.position, "assumeyes=1"),
        Manager::Zypper | Manager::Apk => false,
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
    fn the_many_ways_to_say_yes() {
        for script in [
            "apt-get install -y curl",
            "apt-get -qy install curl",
            "apt-get install -qq curl",
            "apt-get install -q=2 curl",
            "apt-get --assume-yes install curl",
            "apt-get -o APT::Get::Assume-Yes=true install curl",
            "yes | apt-get install curl",
            "yum install -y tar",
            "dnf --assumeyes remove tar",
            "zypper --non-interactive install tar",
            "zypper in -y tar",
            "microdnf install tar",
            "apk add curl",
            "apt-get update",
        ] {
            assert_eq!(count(script), 0, "{script}");
        }
    }

    #[test]
    fn prompts_found() {
        for script in [
            "apt-get install curl",
            "sudo apt purge curl",
            "yum update",
            "zypper install tar",
            "dnf group install Development",
        ] {
            assert_eq!(count(script), 1, "{script}");
        }
        let found = run_on_example(&RULE, "FROM opensuse/leap:15.6\nRUN zypper install tar\n");
        assert_eq!(found[0].message, "`zypper install` has no -n, so it fails at its confirmation prompt");
    }

    #[test]
    fn configuration_files_count() {
        let text = "FROM debian:12\nRUN echo 'APT::Get::Assume-Yes \"true\";' > /etc/apt/apt.conf.d/90yes\nRUN apt-get install curl\n";
        assert!(run_on_example(&RULE, text).is_empty());
    }
}
