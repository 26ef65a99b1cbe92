use crate::dockerfile::commands::{runs, shipped_stages};
use crate::dockerfile::packages::{Action, Manager, PackageCall};
use crate::dockerfile::DockerfileView;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DF032",
        name: "apt-lists-not-removed",
        title: "apt package lists are left in the image",
        severity: Severity::Low,
        domain: Domain::Dockerfile,
        checklist: &["img.minimal-base", "img.lint"],
        aliases: &["DL3009"],
        rationale: "`apt-get update` downloads the package indexes into /var/lib/apt/lists, tens of \
                    megabytes that the running container never needs. Deleting them in a later RUN does \
                    not help: the layer written by this RUN keeps them.",
        remediation: "End the same RUN with `rm -rf /var/lib/apt/lists/*`, or mount a cache there \
                      (`RUN --mount=type=cache,target=/var/lib/apt/lists ...`).",
        bad_example: "FROM debian:12.5\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5\n",
        good_example: "FROM debian:12.5\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5 \\\n && rm -rf /var/lib/apt/lists/*\n",
    },
    check: Check::Dockerfile(check),
};

const LISTS: &str = "/var/lib/apt/lists";

fn check(view: &DockerfileView, hits: &mut Hits) {
    let shipped = shipped_stages(view);
    for run in runs(view).into_iter().filter(|run| run.ships(&shipped)) {
        if run.discards(LISTS) {
            continue;
        }
        let update = run.commands.iter().enumerate().find_map(|(index, cmd)| {
            let call = PackageCall::of(cmd)?;
            (call.manager == Manager::Apt && call.action == Action::IndexUpdate)
                .then_some((index, call.label))
        });
        let Some((index, label)) = update else { continue };
        if !run.removes_later(index, &[LISTS, "/var/lib/apt"]) {
            hits.push(run.instruction.span, format!("`{label}` fills {LISTS} and this RUN never removes it"));
        }
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
    fn cleanup_must_be_in_the_same_run() {
        let later = "FROM debian:12\nRUN apt-get update && apt-get install -y curl\nRUN rm -rf /var/lib/apt/lists/*\n";
        assert_eq!(count(later), 1);
        assert_eq!(
            count("FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt\n"),
            0
        );
        assert_eq!(count("FROM debian:12\nRUN rm -rf /var/lib/apt/lists/* && apt-get update\n"), 1);
    }

    #[test]
    fn cache_mounts_and_build_stages_are_fine() {
        let mounted = "FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt/lists,sharing=locked \\\n    --mount=type=cache,target=/var/cache/apt \\\n    apt-get update && apt-get install -y curl\n";
        assert_eq!(count(mounted), 0);
        let mounted_parent = "FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt apt-get update\n";
        assert_eq!(count(mounted_parent), 0);
        let builder = "FROM debian:12 AS build\nRUN apt-get update && apt-get install -y gcc\nFROM scratch\nCOPY --from=build /out /out\n";
        assert_eq!(count(builder), 0);
    }
}
