use crate::dockerfile::commands::{runs, shipped_stages, Run};
use crate::dockerfile::packages::{Action, Manager, PackageCall};
use crate::dockerfile::DockerfileView;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DF040",
        name: "rpm-cache-not-cleaned",
        title: "yum, dnf or zypper cache is left in the image",
        severity: Severity::Low,
        domain: Domain::Dockerfile,
        checklist: &["img.minimal-base", "img.lint"],
        aliases: &["DL3032", "DL3036", "DL3040", "DS-0015", "DS-0019", "DS-0020", "DS-0027"],
        rationale: "yum, dnf, microdnf and zypper keep repository metadata (and often the downloaded \
                    packages) under /var/cache. Unless the same RUN cleans it, the layer keeps tens to \
                    hundreds of megabytes the running container never uses.",
        remediation:
            "End the RUN with `dnf clean all` (`yum clean all`, `microdnf clean all`, `zypper clean --all`), \
                      or mount a cache on /var/cache/dnf.",
        bad_example: "FROM rockylinux:9.3\nRUN dnf install -y nginx-1.20.1\n",
        good_example: "FROM rockylinux:9.3\nRUN dnf install -y nginx-1.20.1 && dnf clean all\n",
    },
    check: Check::Dockerfile(check),
};

const CACHE_DIRS: &[&str] =
    &["/var/cache/yum", "/var/cache/dnf", "/var/cache/libdnf5", "/var/cache/tdnf", "/var/cache/zypp"];

fn check(view: &DockerfileView, hits: &mut Hits) {
    let shipped = shipped_stages(view);
    for run in runs(view).into_iter().filter(|run| run.ships(&shipped)) {
        if CACHE_DIRS.iter().any(|dir| run.discards(dir)) {
            continue;
        }
        for (index, cmd) in run.commands.iter().enumerate() {
            let Some(call) = PackageCall::of(cmd) else { continue };
            let downloads = matches!(call.action, Action::Install | Action::Upgrade | Action::ReleaseUpgrade);
            if !downloads || !matches!(call.manager, Manager::Rpm | Manager::Zypper) {
                continue;
            }
            if !cleaned_later(&run, index, call.manager) {
                let clean = match call.manager {
                    Manager::Zypper => "zypper clean --all".to_string(),
                    _ => format!("{} clean all", cmd.program),
                };
                hits.push(
                    run.instruction.span,
                    format!("`{}` leaves its cache in /var/cache: end this RUN with `{clean}`", call.label),
                );
                break;
            }
        }
    }
}

fn cleaned_later(run: &Run, index: usize, manager: Manager) -> bool {
    run.removes_later(index, CACHE_DIRS)
        || run.commands[index + 1..].iter().filter_map(PackageCall::of).any(|call| {
            call.manager == manager
                && call.action == Action::Clean
                && (manager == Manager::Zypper || call.operands.contains(&"all"))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    fn count(script: &str) -> usize {
        run_on_example(&RULE, &format!("FROM rockylinux:9.3\nRUN {script}\n")).len()
    }

    #[test]
    fn each_tool_and_its_cleanup() {
        assert_eq!(count("yum -y install tar && yum clean all"), 0);
        assert_eq!(count("microdnf install -y tar && microdnf clean all"), 0);
        assert_eq!(count("dnf install -y tar && yum clean all"), 0);
        assert_eq!(count("zypper -n in tar && zypper cc -a"), 0);
        assert_eq!(count("dnf install -y tar && rm -rf /var/cache/dnf"), 0);
        assert_eq!(count("--mount=type=cache,target=/var/cache/dnf dnf install -y tar"), 0);
        assert_eq!(count("dnf install -y tar && dnf clean packages"), 1);
        assert_eq!(count("dnf clean all && dnf install -y tar"), 1);
        assert_eq!(count("yum -y update"), 1);
    }

    #[test]
    fn build_stages_are_not_shipped() {
        let text =
            "FROM fedora:40 AS build\nRUN dnf install -y gcc\nFROM fedora:40\nCOPY --from=build /out /out\n";
        assert!(run_on_example(&RULE, text).is_empty());
    }
}
