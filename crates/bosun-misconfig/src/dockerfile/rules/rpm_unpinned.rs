use crate::dockerfile::commands::{name_list, runs};
use crate::dockerfile::packages::{rpm_has_version, Action, Manager, PackageCall};
use crate::dockerfile::DockerfileView;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DF039",
        name: "rpm-package-unpinned",
        title: "yum, dnf or zypper installs packages without pinned versions",
        severity: Severity::Low,
        domain: Domain::Dockerfile,
        checklist: &["img.lint", "img.fixed-tags"],
        aliases: &["DL3033", "DL3037", "DL3041"],
        rationale:
            "`dnf install nginx` installs whatever version the repositories hold during the build, so \
                    rebuilds of the same Dockerfile ship different packages. Pinned versions make builds \
                    reproducible and turn upgrades into reviewed changes.",
        remediation: "Pin each package: `nginx-1.20.1` for yum, dnf and microdnf, `nginx=1.21.5` for zypper.",
        bad_example: "FROM rockylinux:9.3\nRUN dnf install -y nginx && dnf clean all\n",
        good_example: "FROM rockylinux:9.3\nRUN dnf install -y nginx-1.20.1 && dnf clean all\n",
    },
    check: Check::Dockerfile(check),
};

fn check(view: &DockerfileView, hits: &mut Hits) {
    for run in runs(view) {
        for cmd in &run.commands {
            let Some(call) = PackageCall::of(cmd) else { continue };
            if call.action != Action::Install || !matches!(call.manager, Manager::Rpm | Manager::Zypper) {
                continue;
            }
            // Groups, modules and zypper patterns have no package version to pin.
            if call.label.contains("group") || call.label.contains("module") || zypper_non_package(&call) {
                continue;
            }
            let unpinned: Vec<&str> =
                call.named_packages().into_iter().filter(|p| !is_pinned(call.manager, p)).collect();
            if !unpinned.is_empty() {
                let example = match call.manager {
                    Manager::Zypper => "name=version",
                    _ => "name-version",
                };
                hits.push(
                    run.instruction.span,
                    format!(
                        "`{}` installs {} without a version (write {example})",
                        call.label,
                        name_list(&unpinned)
                    ),
                );
            }
        }
    }
}

fn is_pinned(manager: Manager, package: &str) -> bool {
    let not_a_name = package.starts_with('@') || package.contains([' ', '*', '(']);
    let zypper_pin = manager == Manager::Zypper && package.contains(['=', '<', '>']);
    not_a_name || zypper_pin || rpm_has_version(package)
}

fn zypper_non_package(call: &PackageCall) -> bool {
    call.manager == Manager::Zypper && call.args.values(&["-t", "--type"]).any(|kind| kind != "package")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    fn messages(script: &str) -> Vec<String> {
        run_on_example(&RULE, &format!("FROM fedora:40\nRUN {script}\n"))
            .into_iter()
            .map(|f| f.message)
            .collect()
    }

    #[test]
    fn pins_per_tool() {
        assert!(messages("yum install -y java-11-openjdk-11.0.20.0.8 openssl-1:3.0.7").is_empty());
        assert!(messages("zypper -n in curl=8.0.1 'tar>=1.34' -t pattern devel_basis").is_empty());
        assert!(
            messages("dnf -y groupinstall 'Development Tools' && dnf -y module install nodejs:18").is_empty()
        );
        assert!(messages("dnf install -y @development-tools https://x.example/a.rpm /tmp/b.rpm").is_empty());
        assert_eq!(
            messages("microdnf install -y java-17-openjdk-headless tar-1.34"),
            ["`microdnf install` installs java-17-openjdk-headless without a version (write name-version)"]
        );
        assert_eq!(messages("zypper --non-interactive install curl").len(), 1);
    }
}
