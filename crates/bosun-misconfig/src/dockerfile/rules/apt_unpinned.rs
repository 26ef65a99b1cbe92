use crate::dockerfile::commands::{name_list, runs};
use crate::dockerfile::packages::{Action, Manager, PackageCall};
use crate::dockerfile::DockerfileView;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DF030",
        name: "apt-package-unpinned",
        title: "apt-get installs packages without pinned versions",
        severity: Severity::Low,
        domain: Domain::Dockerfile,
        checklist: &["img.lint", "img.fixed-tags"],
        aliases: &["DL3008"],
        rationale: "`apt-get install curl` installs whatever version the mirror serves on the day of the \
                    build. Two builds of the same Dockerfile then ship different packages, a rebuild can \
                    silently pull in a regression, and a scan of one image says little about the next.",
        remediation: "Pin each package as `name=version` (see `apt-cache policy name`), or accept the drift \
                      and suppress this rule.",
        bad_example: "FROM debian:12.5\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends curl \\\n && rm -rf /var/lib/apt/lists/*\n",
        good_example: "FROM debian:12.5\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5 \\\n && rm -rf /var/lib/apt/lists/*\n",
    },
    check: Check::Dockerfile(check),
};

fn check(view: &DockerfileView, hits: &mut Hits) {
    for run in runs(view) {
        for cmd in &run.commands {
            let Some(call) = PackageCall::of(cmd) else { continue };
            if call.manager != Manager::Apt || call.action != Action::Install {
                continue;
            }
            let unpinned: Vec<&str> =
                call.named_packages().into_iter().filter(|p| !p.contains('=')).collect();
            if !unpinned.is_empty() {
                hits.push(
                    run.instruction.span,
                    format!(
                        "`{}` installs {} without a version (write name=version)",
                        call.label,
                        name_list(&unpinned)
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

    fn messages(text: &str) -> Vec<String> {
        run_on_example(&RULE, text).into_iter().map(|f| f.message).collect()
    }

    #[test]
    fn names_the_unpinned_packages_only() {
        let found =
            messages("FROM debian:12\nRUN apt-get install -y curl=7.88 git \\\n    ca-certificates\n");
        assert_eq!(
            found,
            ["`apt-get install` installs git, ca-certificates without a version (write name=version)"]
        );
    }

    #[test]
    fn variables_local_files_and_other_managers_are_left_alone() {
        let text = "FROM debian:12\nRUN apt-get install -y $BUILD_DEPS ./vendor/tool.deb\nRUN apt-get install -y -f\nRUN apk add curl\n";
        assert!(messages(text).is_empty());
    }

    #[test]
    fn apt_sudo_and_onbuild_are_covered() {
        let text = "FROM debian:12\nRUN sudo apt install -y jq\nONBUILD RUN apt-get install -y make\n";
        let found = run_on_example(&RULE, text);
        assert_eq!(found.len(), 2);
        assert_eq!(found[1].location.start_line, 3);
        // A release selector is not a version.
        assert_eq!(messages("FROM debian:12\nRUN apt-get install -y curl/bookworm-backports\n").len(), 1);
    }
}
