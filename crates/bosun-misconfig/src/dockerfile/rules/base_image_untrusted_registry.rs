use crate::dockerfile::DockerfileView;
use crate::images::{is_trusted, registry_host};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DF004",
        name: "base-image-untrusted-registry",
        title: "Image comes from a registry that is not trusted",
        severity: Severity::Medium,
        domain: Domain::Dockerfile,
        checklist: &["img.trusted-base", "img.registry"],
        aliases: &["DL3026"],
        rationale:
            "Base images and `COPY --from` images become part of what you ship. Pulled from a registry \
                    outside the organisation's control, they skip its vulnerability scanning, signing and \
                    retention, and can change or vanish without notice. This rule runs only when \
                    `trusted-registries` is set under `[dockerfile]` in bosun.toml (the examples assume \
                    `registry.example.com`). An entry is a registry host (`registry.example.com`), a host \
                    with a path prefix (`ghcr.io/acme`), or a wildcard subdomain (`*.example.com`); Docker \
                    Hub is `docker.io`, and its official images live under `docker.io/library`.",
        remediation:
            "Mirror the image into a trusted registry and use it from there, or add the registry to \
                      `[dockerfile] trusted-registries`.",
        bad_example: "FROM docker.io/library/alpine:3.20\nRUN adduser -D app\nUSER app\n",
        good_example: "FROM registry.example.com/mirror/alpine:3.20\nRUN adduser -D app\nUSER app\n",
    },
    check: Check::Dockerfile(check),
};

fn check(view: &DockerfileView, hits: &mut Hits) {
    let trusted = &view.config.dockerfile.trusted_registries;
    if trusted.is_empty() {
        return;
    }
    for pulled in view.pulled_images() {
        if !is_trusted(&pulled.image, trusted) {
            hits.push(
                pulled.instruction.span,
                format!(
                    "{} image \"{}\" comes from registry \"{}\", which is not in trusted-registries",
                    pulled.usage(),
                    pulled.reference(),
                    registry_host(&pulled.image)
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::{analyze_file, FileContext, InputKind};
    use crate::rule::RuleSet;
    use bosun_core::config::Config;

    fn scan(trusted: &[&str], text: &str) -> Vec<String> {
        let mut config = Config::default();
        config.dockerfile.trusted_registries = trusted.iter().map(|s| s.to_string()).collect();
        let context = FileContext { has_dockerignore: Some(true), ..Default::default() };
        analyze_file("Dockerfile", text, InputKind::Dockerfile, context, &RuleSet::only(&RULE), &config)
            .findings
            .into_iter()
            .map(|f| f.message)
            .collect()
    }

    #[test]
    fn nothing_is_checked_without_a_list() {
        assert!(scan(&[], "FROM evil.example.net/x:1\n").is_empty());
    }

    #[test]
    fn hosts_prefixes_wildcards_and_docker_hub() {
        assert!(scan(&["ghcr.io/acme"], "FROM ghcr.io/acme/app:1\n").is_empty());
        assert_eq!(scan(&["ghcr.io/acme"], "FROM ghcr.io/acme-evil/app:1\n").len(), 1);
        assert!(scan(&["*.example.com"], "FROM eu.registry.example.com/app:1\n").is_empty());
        assert_eq!(scan(&["*.example.com"], "FROM example.com/app:1\n").len(), 1);
        assert!(scan(&["docker.io/library"], "FROM alpine:3.20\n").is_empty());
        assert_eq!(scan(&["docker.io/library"], "FROM bitnami/redis:7\n").len(), 1);
        assert!(scan(&["https://index.docker.io/"], "FROM bitnami/redis:7\n").is_empty());
        assert!(scan(&["localhost:5000"], "FROM localhost:5000/app:1\n").is_empty());
    }

    #[test]
    fn stages_and_copy_sources() {
        let found = scan(
            &["registry.example.com"],
            "FROM registry.example.com/go:1.22 AS build\nFROM build\nCOPY --from=ghcr.io/x/tool:1 /t /t\n",
        );
        assert_eq!(
            found,
            vec!["COPY --from image \"ghcr.io/x/tool:1\" comes from registry \"ghcr.io\", which is not in trusted-registries"]
        );
    }
}
