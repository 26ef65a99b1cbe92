use crate::dockerfile::DockerfileView;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};
use bosun_syntax::dockerfile::ImageRef;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DF028",
        name: "base-image-end-of-life",
        title: "Image is a release that no longer gets security updates",
        severity: Severity::Medium,
        domain: Domain::Dockerfile,
        checklist: &["img.update"],
        aliases: &[],
        rationale:
            "Once a distribution or language release reaches its end of life, new vulnerabilities in it \
                    are no longer fixed, and its official images stop being rebuilt: every rebuild of the \
                    Dockerfile ships the same, growing set of known holes, and package repositories of old \
                    distributions eventually disappear and break the build. The rule knows the official \
                    Docker Hub images of Debian, Ubuntu, Alpine, CentOS, Fedora, Python, Node.js, Ruby and \
                    PHP, including the distribution named in a language image's tag (`python:3.12-buster`); \
                    it lists only releases whose upstream support ended by the end of 2025, so it may lag \
                    behind more recent ends of life.",
        remediation:
            "Move to a supported release, e.g. `debian:bookworm-slim`, `alpine:3.22`, `python:3.13-slim`, \
                      `node:22-alpine`.",
        bad_example:
            "FROM python:3.8-slim-buster\nCOPY app.py /app/app.py\nCMD [\"python\", \"/app/app.py\"]\n",
        good_example:
            "FROM python:3.13-slim-bookworm\nCOPY app.py /app/app.py\nCMD [\"python\", \"/app/app.py\"]\n",
    },
    check: Check::Dockerfile(check),
};

/// Debian releases past their long-term support, by codename and version.
const DEBIAN: &[(&str, u32)] =
    &[("squeeze", 6), ("wheezy", 7), ("jessie", 8), ("stretch", 9), ("buster", 10)];

/// Ubuntu releases past standard support: LTS up to 20.04 and every interim
/// release up to 24.10.
const UBUNTU: &[(&str, &str)] = &[
    ("trusty", "14.04"),
    ("xenial", "16.04"),
    ("artful", "17.10"),
    ("bionic", "18.04"),
    ("cosmic", "18.10"),
    ("disco", "19.04"),
    ("eoan", "19.10"),
    ("focal", "20.04"),
    ("groovy", "20.10"),
    ("hirsute", "21.04"),
    ("impish", "21.10"),
    ("kinetic", "22.10"),
    ("lunar", "23.04"),
    ("mantic", "23.10"),
    ("oracular", "24.10"),
];

fn check(view: &DockerfileView, hits: &mut Hits) {
    for pulled in view.pulled_images() {
        if let Some(release) = end_of_life(&pulled.image) {
            hits.push(
                pulled.instruction.span,
                format!(
                    "{} image \"{}\" is {release}, which no longer gets security updates",
                    pulled.usage(),
                    pulled.reference()
                ),
            );
        }
    }
}

/// The release of an official Docker Hub image that is past its end of life.
fn end_of_life(image: &ImageRef) -> Option<String> {
    let registry = image.registry_or_default();
    if !matches!(registry, "docker.io" | "index.docker.io") {
        return None;
    }
    let name = image.repository.strip_prefix("library/").unwrap_or(&image.repository);
    let tag = image.tag.as_deref()?.to_ascii_lowercase();
    let parts: Vec<&str> = tag.split('-').collect();
    let version = version(parts[0]);
    let own = match (name, version) {
        ("centos", _) => Some("CentOS Linux".to_string()),
        ("debian", Some((major, _))) if major <= 10 => Some(format!("Debian {major}")),
        ("ubuntu", Some((year, month))) => {
            let text = format!("{year}.{month:02}");
            let ended = year < 18 || UBUNTU.iter().any(|(_, release)| *release == text);
            ended.then(|| format!("Ubuntu {text}"))
        }
        ("alpine", Some((3, minor))) if minor <= 19 => Some(format!("Alpine 3.{minor}")),
        ("fedora", Some((release, _))) if release <= 41 => Some(format!("Fedora {release}")),
        ("python", Some((major, minor))) if major == 2 || (major == 3 && minor <= 9) => {
            Some(format!("Python {major}.{minor}"))
        }
        ("node", Some((major, _))) if major <= 18 || matches!(major, 19 | 21 | 23) => {
            Some(format!("Node.js {major}"))
        }
        ("ruby", Some((major, minor))) if major < 3 || (major == 3 && minor <= 1) => {
            Some(format!("Ruby {major}.{minor}"))
        }
        ("php", Some((major, minor))) if major < 8 || (major == 8 && minor <= 1) => {
            Some(format!("PHP {major}.{minor}"))
        }
        _ => None,
    };
    own.or_else(|| parts.iter().find_map(|part| distribution(part)))
}

/// A distribution release named in a tag word: `buster`, `bionic`, `alpine3.16`.
fn distribution(word: &str) -> Option<String> {
    if let Some((codename, version)) = DEBIAN.iter().find(|(codename, _)| *codename == word) {
        return Some(format!("Debian {version} ({codename})"));
    }
    if let Some((codename, version)) = UBUNTU.iter().find(|(codename, _)| *codename == word) {
        return Some(format!("Ubuntu {version} ({codename})"));
    }
    match word.strip_prefix("alpine").and_then(version) {
        Some((3, minor)) if minor <= 19 => Some(format!("Alpine 3.{minor}")),
        _ => None,
    }
}

/// `3.8.18` as (3, 8); `16` as (16, 0). `None` for words that are not versions.
fn version(word: &str) -> Option<(u32, u32)> {
    let mut numbers = word.split('.');
    let major = numbers.next()?.parse().ok()?;
    let minor = match numbers.next() {
        Some(minor) => minor.parse().ok()?,
        None => 0,
    };
    Some((major, minor))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    fn release(reference: &str) -> Option<String> {
        end_of_life(&ImageRef::parse(reference))
    }

    #[test]
    fn distributions() {
        assert_eq!(release("debian:buster-slim").as_deref(), Some("Debian 10 (buster)"));
        assert_eq!(release("debian:10.13").as_deref(), Some("Debian 10"));
        assert_eq!(release("debian:bookworm"), None);
        assert_eq!(release("debian:12"), None);
        assert_eq!(release("ubuntu:18.04").as_deref(), Some("Ubuntu 18.04"));
        assert_eq!(release("ubuntu:bionic-20230530").as_deref(), Some("Ubuntu 18.04 (bionic)"));
        assert_eq!(release("ubuntu:22.04"), None);
        assert_eq!(release("ubuntu:24.04"), None);
        assert_eq!(release("alpine:3.16.2").as_deref(), Some("Alpine 3.16"));
        assert_eq!(release("alpine:3.22"), None);
        assert_eq!(release("centos:7").as_deref(), Some("CentOS Linux"));
    }

    #[test]
    fn language_images_and_their_distribution() {
        assert_eq!(release("python:2.7").as_deref(), Some("Python 2.7"));
        assert_eq!(release("python:3.12-slim-buster").as_deref(), Some("Debian 10 (buster)"));
        assert_eq!(release("python:3.12-slim-bookworm"), None);
        assert_eq!(release("node:16-alpine").as_deref(), Some("Node.js 16"));
        assert_eq!(release("node:22-alpine3.16").as_deref(), Some("Alpine 3.16"));
        assert_eq!(release("node:22-alpine"), None);
        assert_eq!(release("node:lts"), None);
        assert_eq!(release("php:7.4-fpm").as_deref(), Some("PHP 7.4"));
        assert_eq!(release("ruby:3.3-slim"), None);
    }

    #[test]
    fn other_registries_and_untagged_images_are_not_judged() {
        assert_eq!(release("ghcr.io/acme/python:2.7"), None);
        assert_eq!(release("bitnami/python:2.7"), None);
        assert_eq!(release("python"), None);
        let found = run_on_example(
            &RULE,
            "FROM docker.io/library/node:14\nCOPY --from=ubuntu:xenial /etc/os-release /x\n",
        );
        assert_eq!(found.len(), 2);
        assert_eq!(found[1].message, "COPY --from image \"ubuntu:xenial\" is Ubuntu 16.04 (xenial), which no longer gets security updates");
    }
}
