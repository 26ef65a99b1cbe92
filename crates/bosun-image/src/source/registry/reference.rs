//! Registry references, `[HOST[:PORT]/]REPO[:TAG][@sha256:HEX]`, read with the
//! rules Docker uses, so that a name means here what it means to `docker pull`:
//! the first component is a host only when it has a `.` or a `:`, is
//! `localhost`, or has an uppercase letter; otherwise the image is on Docker
//! Hub, where a one-component name lives under `library/`. A reference with
//! neither tag nor digest means `:latest`.
//!
//! The repository grammar is checked strictly because it becomes part of
//! request URLs, and the digest because it becomes a cache file name.

use crate::digest::Digest;
use std::fmt;

/// The host that Docker Hub references name, and the host its API is served from.
const DOCKER_HUB: &str = "docker.io";
const DOCKER_HUB_API: &str = "registry-1.docker.io";
const MAX_NAME_LENGTH: usize = 255;
const MAX_TAG_LENGTH: usize = 128;

/// A parsed registry reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// The registry as written (`host` or `host:port`), `docker.io` for Docker Hub.
    pub registry: String,
    /// The repository path, e.g. `library/alpine`.
    pub repository: String,
    /// The tag; `latest` when neither tag nor digest was given.
    pub tag: Option<String>,
    /// When given, the manifest must hash to it, whatever the tag says.
    pub digest: Option<Digest>,
}

impl Reference {
    pub fn parse(text: &str) -> Result<Reference, String> {
        let shown: String = text.chars().take(200).collect();
        let bad = |why: &str| format!("invalid image reference {shown:?}: {why}");
        if text.is_empty() {
            return Err(bad("it is empty"));
        }
        let (rest, digest) = match text.split_once('@') {
            Some((rest, digest)) => (rest, Some(Digest::parse(digest).map_err(|e| bad(&e))?)),
            None => (text, None),
        };
        // A tag is after the last `:` only if no `/` follows it (`host:5000/repo` has no tag).
        let (name, tag) = match rest.rsplit_once(':') {
            Some((name, tag)) if !tag.contains('/') => (name, Some(tag)),
            _ => (rest, None),
        };
        if let Some(tag) = tag {
            if !valid_tag(tag) {
                return Err(bad(&format!(
                    "tag {tag:?} must be 1 to {MAX_TAG_LENGTH} letters, digits, `_`, `.` or `-`, not starting with `.` or `-`"
                )));
            }
        }
        let (registry, repository) = match name.split_once('/') {
            Some((first, rest)) if is_host(first) => (first.to_string(), rest.to_string()),
            _ => (DOCKER_HUB.to_string(), name.to_string()),
        };
        let registry = if registry == "index.docker.io" { DOCKER_HUB.to_string() } else { registry };
        if !valid_host(&registry) {
            return Err(bad(&format!("{registry:?} is not a valid registry host[:port]")));
        }
        let repository = if registry == DOCKER_HUB && !repository.contains('/') {
            format!("library/{repository}")
        } else {
            repository
        };
        if let Some(component) = repository.split('/').find(|c| !valid_component(c)) {
            return Err(bad(&format!(
                "repository component {component:?} must be lowercase letters and digits, separated by `.`, `_`, `__` or dashes"
            )));
        }
        if registry.len() + 1 + repository.len() > MAX_NAME_LENGTH {
            return Err(bad(&format!("the name is longer than {MAX_NAME_LENGTH} characters")));
        }
        let tag = match (tag, &digest) {
            (None, None) => Some("latest".to_string()),
            (tag, _) => tag.map(str::to_string),
        };
        Ok(Reference { registry, repository, tag, digest })
    }

    /// The host (and port) requests go to: Docker Hub's API is not at `docker.io`.
    pub fn api_host(&self) -> &str {
        if self.registry == DOCKER_HUB {
            DOCKER_HUB_API
        } else {
            &self.registry
        }
    }

    /// What to ask the manifests endpoint for: the digest when there is one.
    pub(crate) fn manifest_reference(&self) -> &str {
        match (&self.digest, &self.tag) {
            (Some(digest), _) => digest.as_str(),
            (None, Some(tag)) => tag,
            (None, None) => "latest",
        }
    }
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.registry, self.repository)?;
        if let Some(tag) = &self.tag {
            write!(f, ":{tag}")?;
        }
        if let Some(digest) = &self.digest {
            write!(f, "@{digest}")?;
        }
        Ok(())
    }
}

/// Docker's test for "this first component names a registry".
fn is_host(component: &str) -> bool {
    component.contains(['.', ':'])
        || component == "localhost"
        || component.bytes().any(|b| b.is_ascii_uppercase())
}

/// `host[:port]`: DNS labels or an IPv4 address, or a bracketed IPv6 address.
fn valid_host(host: &str) -> bool {
    let (name, port) = if let Some(rest) = host.strip_prefix('[') {
        match rest.split_once(']') {
            Some((v6, tail)) if v6.parse::<std::net::Ipv6Addr>().is_ok() => match tail.strip_prefix(':') {
                Some(port) => return valid_port(port),
                None => return tail.is_empty(),
            },
            _ => return false,
        }
    } else {
        match host.rsplit_once(':') {
            Some((name, port)) => (name, Some(port)),
            None => (host, None),
        }
    };
    let labels_ok = !name.is_empty()
        && name.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && !label.starts_with('-')
                && !label.ends_with('-')
        });
    labels_ok && port.is_none_or(valid_port)
}

fn valid_port(port: &str) -> bool {
    !port.is_empty()
        && port.len() <= 5
        && port.bytes().all(|b| b.is_ascii_digit())
        && port.parse::<u16>().is_ok()
}

fn valid_tag(tag: &str) -> bool {
    let mut bytes = tag.bytes();
    let first_ok = bytes.next().is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_');
    first_ok
        && tag.len() <= MAX_TAG_LENGTH
        && bytes.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'))
}

/// `[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*`
fn valid_component(component: &str) -> bool {
    let alnum = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit();
    let bytes = component.as_bytes();
    if bytes.is_empty() || !alnum(bytes[0]) || !alnum(bytes[bytes.len() - 1]) {
        return false;
    }
    let mut i = 0;
    while i < bytes.len() {
        if alnum(bytes[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && !alnum(bytes[i]) {
            i += 1;
        }
        let separator = &component[start..i];
        let ok = matches!(separator, "." | "_" | "__") || separator.bytes().all(|b| b == b'-');
        if !ok {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(text: &str) -> (String, String, Option<String>, Option<String>) {
        let r = Reference::parse(text).unwrap();
        (r.registry, r.repository, r.tag, r.digest.map(|d| d.to_string()))
    }

    fn s(text: &str) -> String {
        text.to_string()
    }

    #[test]
    fn docker_hub_names_are_completed() {
        assert_eq!(parts("alpine"), (s("docker.io"), s("library/alpine"), Some(s("latest")), None));
        assert_eq!(parts("bitnami/redis:7"), (s("docker.io"), s("bitnami/redis"), Some(s("7")), None));
        assert_eq!(parts("docker.io/alpine:3.20").1, "library/alpine");
        assert_eq!(parts("index.docker.io/library/alpine").0, "docker.io");
        let hub = Reference::parse("alpine").unwrap();
        assert_eq!(hub.api_host(), "registry-1.docker.io");
        assert_eq!(hub.to_string(), "docker.io/library/alpine:latest");
    }

    #[test]
    fn hosts_ports_tags_and_digests() {
        let digest = Digest::of(b"m").to_string();
        assert_eq!(parts("localhost:5000/x:1"), (s("localhost:5000"), s("x"), Some(s("1")), None));
        assert_eq!(parts("localhost/x").0, "localhost");
        assert_eq!(parts("127.0.0.1:5000/a/b/c").1, "a/b/c");
        assert_eq!(parts("ghcr.io/o/r").2.as_deref(), Some("latest"));
        assert_eq!(parts("[::1]:5000/x").0, "[::1]:5000");
        assert_eq!(parts("Registry/x").0, "Registry");
        assert_eq!(parts("quay.io/a/b:1.2.3-rc_1").2.as_deref(), Some("1.2.3-rc_1"));
        let by_digest = Reference::parse(&format!("quay.io/a/b@{digest}")).unwrap();
        assert_eq!((by_digest.tag.as_deref(), by_digest.manifest_reference()), (None, digest.as_str()));
        let both = Reference::parse(&format!("quay.io/a/b:v1@{digest}")).unwrap();
        assert_eq!((both.tag.as_deref(), both.manifest_reference()), (Some("v1"), digest.as_str()));
        assert_eq!(both.to_string(), format!("quay.io/a/b:v1@{digest}"));
        assert_eq!(parts("my-host:5000/a__b/c.d/e---f").1, "a__b/c.d/e---f");
    }

    #[test]
    fn malformed_references_are_refused_with_a_reason() {
        let err = |text: &str| Reference::parse(text).unwrap_err();
        assert!(err("").contains("empty"));
        assert!(err("Alpine").contains("component \"Alpine\""), "{}", err("Alpine"));
        assert!(err("alpine:").contains("tag \"\""));
        assert!(err("alpine:-x").contains("tag"));
        assert!(err(&format!("alpine:{}", "a".repeat(129))).contains("tag"));
        assert!(err("alpine@sha256:abc").contains("malformed digest"));
        assert!(err("alpine@md5:abc").contains("only sha256"));
        assert!(err("host:99999/x").contains("not a valid registry"));
        assert!(err("ho_st.io/x").contains("not a valid registry"));
        assert!(err("ghcr.io/a//b").contains("component \"\""));
        assert!(err("ghcr.io/a/../b").contains("component \"..\""));
        assert!(err("ghcr.io/a-/b").contains("component"));
        assert!(err("ghcr.io/a..b").contains("component"));
        assert!(err("ghcr.io/a?b=c").contains("component"));
        assert!(err(&format!("ghcr.io/{}", "a/".repeat(130) + "a")).contains("longer than 255"));
    }
}
