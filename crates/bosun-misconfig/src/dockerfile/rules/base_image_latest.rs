use crate::dockerfile::DockerfileView;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DF002",
        name: "base-image-latest",
        title: "Image is pulled without a tag or with the latest tag",
        severity: Severity::Medium,
        domain: Domain::Dockerfile,
        checklist: &["img.fixed-tags"],
        aliases: &["DL3006", "DL3007", "DS-0001", "CKV_DOCKER_7"],
        rationale: "An image named without a tag means `:latest`, and `latest` moves whenever the publisher \
                    pushes. Two builds of the same Dockerfile can then start from different operating system \
                    versions, language runtimes or packages, so a rebuild can break, or silently pick up \
                    changes nobody reviewed. Stages built on an earlier stage, `scratch`, and references \
                    whose tag comes from a build argument without a default are not reported; images named \
                    by `COPY --from` and `RUN --mount=from=` are.",
        remediation:
            "Name a specific version tag (`python:3.12.4-slim`), ideally with its digest (`@sha256:...`).",
        bad_example: "FROM node\nWORKDIR /app\nCOPY . .\nCMD [\"node\", \"server.js\"]\n",
        good_example: "FROM node:20.15-alpine3.20\nWORKDIR /app\nCOPY . .\nCMD [\"node\", \"server.js\"]\n",
    },
    check: Check::Dockerfile(check),
};

fn check(view: &DockerfileView, hits: &mut Hits) {
    for pulled in view.pulled_images() {
        let image = &pulled.image;
        if image.digest.is_some() {
            continue;
        }
        let problem = match image.tag.as_deref() {
            None => "has no tag, so it resolves to whatever `latest` is at build time",
            Some("latest") => "uses the moving `latest` tag",
            Some(_) => continue,
        };
        hits.push(
            pulled.instruction.span,
            format!("{} image \"{}\" {problem}", pulled.usage(), pulled.reference()),
        );
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
    fn latest_and_untagged_in_any_stage() {
        let found = messages(
            "FROM golang:latest AS build\nRUN go build ./...\nFROM alpine\nCOPY --from=build /out /out\n",
        );
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0], "FROM image \"golang:latest\" uses the moving `latest` tag");
        assert!(found[1].starts_with("FROM image \"alpine\" has no tag"), "{}", found[1]);
    }

    #[test]
    fn stages_scratch_digests_and_registry_ports_are_fine() {
        let digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        let text = format!(
            "FROM localhost:5000/base:1.0 AS base\nFROM base AS app\nFROM alpine@{digest}\nFROM nginx:latest@{digest}\nFROM scratch\nCOPY --from=app /x /x\n"
        );
        assert!(messages(&text).is_empty());
    }

    #[test]
    fn variables_resolve_through_global_args() {
        assert_eq!(messages("ARG TAG=latest\nFROM python:${TAG}\n").len(), 1);
        assert!(messages("ARG TAG=3.12\nFROM python:${TAG}\n").is_empty());
        // The value comes from --build-arg: nothing to judge.
        assert!(messages("ARG TAG\nFROM python:${TAG}\nARG BASE\nFROM ${BASE}\n").is_empty());
    }

    #[test]
    fn images_used_as_copy_and_mount_sources() {
        let found = messages(
            "FROM alpine:3.20\nCOPY --from=docker.io/library/nginx /etc/nginx /etc/nginx\n\
             RUN --mount=type=bind,from=ghcr.io/acme/tools:latest,target=/t /t/run\n\
             COPY --from=nginx:1.27 /etc/nginx /etc/nginx\n",
        );
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].starts_with("COPY --from image \"docker.io/library/nginx\" has no tag"));
        assert_eq!(found[1], "RUN --mount image \"ghcr.io/acme/tools:latest\" uses the moving `latest` tag");
    }
}
