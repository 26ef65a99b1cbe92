use crate::dockerfile::DockerfileView;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DF003",
        name: "base-image-not-pinned-by-digest",
        title: "Image is pinned by tag but not by digest",
        severity: Severity::Low,
        domain: Domain::Dockerfile,
        checklist: &["img.fixed-tags", "img.registry"],
        aliases: &[],
        rationale: "A tag is a name the publisher, or anyone who gains push access to the repository, can \
                    point at different content at any time; even version tags like `3.12` are re-pushed \
                    with every patch release. Only a digest (`@sha256:...`) names exact content, so builds are \
                    reproducible and a tampered or re-pushed image cannot slip in unnoticed. Keep the tag next \
                    to the digest for readability and let a bot such as Renovate or Dependabot update both. \
                    Images without a tag or with `latest` are reported by DF002 instead.",
        remediation: "Append the digest to the tag, e.g. `FROM python:3.12-slim@sha256:<digest>` (`docker buildx \
                      imagetools inspect python:3.12-slim` prints it).",
        bad_example: "FROM python:3.12-slim\nCOPY app.py /app/app.py\nCMD [\"python\", \"/app/app.py\"]\n",
        good_example: "FROM python:3.12-slim@sha256:2fba8e70a87bcc9f6edd20dda0a1d4adb32046d2acbca7361bc61da5a106a914\nCOPY app.py /app/app.py\nCMD [\"python\", \"/app/app.py\"]\n",
    },
    check: Check::Dockerfile(check),
};

fn check(view: &DockerfileView, hits: &mut Hits) {
    for pulled in view.pulled_images() {
        let image = &pulled.image;
        let tagged = image.tag.as_deref().is_some_and(|tag| !tag.is_empty() && tag != "latest");
        if image.digest.is_none() && tagged {
            hits.push(
                pulled.instruction.span,
                format!("{} image \"{}\" is not pinned by digest", pulled.usage(), pulled.reference()),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    #[test]
    fn only_tagged_external_images_are_reported() {
        let text = "FROM golang:1.22 AS build\nFROM build AS test\nFROM alpine\nFROM scratch\nCOPY --from=build /a /a\n";
        let found: Vec<_> =
            run_on_example(&RULE, text).into_iter().map(|f| (f.location.start_line, f.message)).collect();
        assert_eq!(found, vec![(1, "FROM image \"golang:1.22\" is not pinned by digest".to_string())]);
    }
}
