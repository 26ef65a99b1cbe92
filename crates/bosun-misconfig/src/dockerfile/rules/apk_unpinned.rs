use crate::dockerfile::commands::{name_list, runs};
use crate::dockerfile::packages::{Action, Manager, PackageCall};
use crate::dockerfile::DockerfileView;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DF038",
        name: "apk-package-unpinned",
        title: "apk adds packages without pinned versions",
        severity: Severity::Low,
        domain: Domain::Dockerfile,
        checklist: &["img.lint", "img.fixed-tags"],
        aliases: &["DL3018"],
        rationale:
            "`apk add curl` installs whatever the Alpine mirror serves during the build, so two builds \
                    of one Dockerfile can ship different software. Pinning makes rebuilds reproducible and \
                    makes a version change a reviewed edit.",
        remediation: "Pin with `name=version` or a compatible range such as `name~=8.9`.",
        bad_example: "FROM alpine:3.20\nRUN apk add --no-cache curl\n",
        good_example: "FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r2\n",
    },
    check: Check::Dockerfile(check),
};

fn check(view: &DockerfileView, hits: &mut Hits) {
    for run in runs(view) {
        for cmd in &run.commands {
            let Some(call) = PackageCall::of(cmd) else { continue };
            if call.manager != Manager::Apk || call.action != Action::Install {
                continue;
            }
            let unpinned: Vec<&str> =
                call.named_packages().into_iter().filter(|p| !p.contains(['=', '~', '<', '>'])).collect();
            if !unpinned.is_empty() {
                hits.push(
                    run.instruction.span,
                    format!(
                        "`{}` adds {} without a version (write name=version)",
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

    fn messages(script: &str) -> Vec<String> {
        run_on_example(&RULE, &format!("FROM alpine:3.20\nRUN {script}\n"))
            .into_iter()
            .map(|f| f.message)
            .collect()
    }

    #[test]
    fn virtual_names_and_option_values_are_not_packages() {
        assert_eq!(
            messages("apk add --no-cache --virtual .build-deps -X https://dl-cdn.alpinelinux.org/alpine/edge/testing gcc~13 musl-dev"),
            ["`apk add` adds musl-dev without a version (write name=version)"]
        );
        assert!(messages("apk add --allow-untrusted /tmp/pkgs/app.apk $EXTRA").is_empty());
        assert!(messages("apk add --no-cache 'python3>3.11'").is_empty());
    }
}
