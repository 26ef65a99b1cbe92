use crate::dockerfile::DockerfileView;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};
use bosun_syntax::dockerfile::Keyword;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DF006",
        name: "user-low-fixed-uid",
        title: "Image runs as a fixed UID that can belong to a host account",
        severity: Severity::Low,
        domain: Domain::Dockerfile,
        checklist: &["img.no-fixed-uid"],
        aliases: &[],
        rationale: "Without user namespaces, a UID inside the container is the same UID on the host. UIDs \
                    below 10000 are where distributions put real accounts (the first login user is usually \
                    1000, service accounts sit below 1000), so a process that escapes the container, or files \
                    it writes to a mounted volume, act as that host account. A UID of 10000 or more that no host \
                    account uses keeps the container's identity its own; better still, build the image so it \
                    runs under whatever UID the platform assigns (Kubernetes `runAsUser`, OpenShift's random \
                    UIDs). Only the USER that applies to the final image is checked; 0 is DF001's business.",
        remediation: "Use a UID of 10000 or more, e.g. `USER 10001:10001`, and make the files the app writes \
                      writable by group 0 rather than by one UID.",
        bad_example: "FROM alpine:3.20\nCOPY app /usr/local/bin/app\nUSER 1000:1000\nCMD [\"app\"]\n",
        good_example: "FROM alpine:3.20\nCOPY app /usr/local/bin/app\nUSER 10001:10001\nCMD [\"app\"]\n",
    },
    check: Check::Dockerfile(check),
};

fn check(view: &DockerfileView, hits: &mut Hits) {
    let Some(stage) = view.final_stage() else { return };
    // The last USER of the final stage, or of the stages it builds on.
    let user = view
        .lineage(stage.index)
        .iter()
        .flat_map(|stage| view.file.stage_instructions(stage))
        .filter(|i| i.keyword == Keyword::User)
        .max_by_key(|i| i.span.start_line);
    let Some(user) = user else { return };
    let Some(spec) = user.words().first().map(|w| view.expand_at(user, w)) else { return };
    let uid = spec.split(':').next().unwrap_or_default();
    if let Ok(number) = uid.parse::<u32>() {
        if (1..10_000).contains(&number) {
            hits.push(
                user.span,
                format!("the image runs as UID {number}, which is below 10000 and may be a real account on the host"),
            );
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
    fn only_the_user_of_the_final_image_counts() {
        assert_eq!(count("FROM alpine:3.20 AS build\nUSER 1000\nFROM alpine:3.20\nUSER 10001\n"), 0);
        assert_eq!(count("FROM alpine:3.20 AS base\nUSER 1001\nFROM base\nCMD [\"sh\"]\n"), 1);
        assert_eq!(count("FROM alpine:3.20\nUSER 1000\nUSER 65532\n"), 0);
    }

    #[test]
    fn names_root_and_variables_are_left_alone() {
        assert_eq!(count("FROM alpine:3.20\nUSER app\n"), 0);
        assert_eq!(count("FROM alpine:3.20\nUSER 0\n"), 0);
        assert_eq!(count("FROM alpine:3.20\nARG UID\nUSER ${UID}\n"), 0);
        assert_eq!(count("FROM alpine:3.20\nARG UID=999\nUSER ${UID}\n"), 1);
    }
}
