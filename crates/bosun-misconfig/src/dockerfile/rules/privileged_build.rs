use crate::dockerfile::DockerfileView;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DF057",
        name: "privileged-build-step",
        title: "RUN asks for host privileges during the build",
        severity: Severity::Medium,
        domain: Domain::Dockerfile,
        checklist: &["run.no-privileged", "img.lint"],
        aliases: &[],
        rationale:
            "`RUN --security=insecure` runs the step like a privileged container, with every capability \
                    and the host's devices, and `RUN --network=host` puts it on the build machine's network, \
                    where it can reach local services and cloud metadata endpoints. A compromised \
                    dependency fetched in that step can then take over the build host or its credentials.",
        remediation:
            "Remove the flag and do the step without host access (for tests that need privileges, run \
                      them outside the image build).",
        bad_example: "FROM debian:12.5\nRUN --security=insecure mount -t tmpfs none /mnt && ./build.sh\n",
        good_example: "FROM debian:12.5\nRUN --mount=type=tmpfs,target=/mnt ./build.sh\n",
    },
    check: Check::Dockerfile(check),
};

fn check(view: &DockerfileView, hits: &mut Hits) {
    for run in view.runs() {
        if run.flag_value("security") == Some("insecure") {
            hits.push(
                run.span,
                "`RUN --security=insecure` runs this step with full privileges on the build host",
            );
        }
        if run.flag_value("network") == Some("host") {
            hits.push(run.span, "`RUN --network=host` puts this step on the build host's network");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    #[test]
    fn both_flags() {
        let text = "FROM debian:12\nRUN --network=host --security=insecure make\nRUN --network=none make test\nRUN --security=sandbox true\n";
        let found = run_on_example(&RULE, text);
        assert_eq!(found.len(), 2);
        assert!(found.iter().all(|f| f.location.start_line == 2));
    }
}
