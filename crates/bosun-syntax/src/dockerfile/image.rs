//! Image references: `[registry/]repository[:tag][@digest]`.

/// An image reference split into its parts, as written (no `library/`
/// normalisation).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct ImageRef {
    pub registry: Option<String>,
    pub repository: String,
    pub tag: Option<String>,
    pub digest: Option<String>,
}

impl ImageRef {
    /// Splits a reference the way Docker does. Never fails: whatever does not
    /// fit the grammar ends up in `repository`. Separators inside `${..}` are
    /// not treated as separators, so an unresolved `${TAG:-1}` stays whole.
    pub fn parse(s: &str) -> ImageRef {
        let s = s.trim();
        let separators = separators(s);
        let at = separators.iter().find(|&&(_, c)| c == b'@').map(|&(i, _)| i);
        let (name, digest) = match at {
            Some(i) => (&s[..i], Some(s[i + 1..].to_string())),
            None => (s, None),
        };
        let in_name = separators.iter().filter(|&&(i, _)| i < name.len());
        let last_slash = in_name.clone().filter(|&&(_, c)| c == b'/').map(|&(i, _)| i).next_back();
        let tag_colon = in_name
            .clone()
            .filter(|&&(i, c)| c == b':' && last_slash.is_none_or(|slash| i > slash))
            .map(|&(i, _)| i)
            .next_back();
        let (name, tag) = match tag_colon {
            Some(i) => (&name[..i], Some(name[i + 1..].to_string())),
            None => (name, None),
        };
        let first_slash = in_name.filter(|&&(_, c)| c == b'/').map(|&(i, _)| i).next();
        let (registry, repository) = match first_slash {
            Some(i) if is_registry(&name[..i]) => (Some(name[..i].to_string()), &name[i + 1..]),
            _ => (None, name),
        };
        ImageRef { registry, repository: repository.to_string(), tag, digest }
    }

    /// `FROM scratch`, the empty base image.
    pub fn is_scratch(&self) -> bool {
        self.registry.is_none() && self.repository == "scratch" && self.tag.is_none() && self.digest.is_none()
    }

    /// The registry, or Docker Hub's when none is named.
    pub fn registry_or_default(&self) -> &str {
        self.registry.as_deref().unwrap_or("docker.io")
    }

    /// Some part still contains an unresolved `$VAR`.
    pub fn has_variable(&self) -> bool {
        [
            self.registry.as_deref(),
            Some(self.repository.as_str()),
            self.tag.as_deref(),
            self.digest.as_deref(),
        ]
        .into_iter()
        .flatten()
        .any(|part| part.contains('$'))
    }
}

/// Positions of `/`, `:` and `@` outside `${..}`.
fn separators(s: &str) -> Vec<(usize, u8)> {
    let mut depth = 0usize;
    let mut found = Vec::new();
    for (index, byte) in s.bytes().enumerate() {
        match byte {
            b'{' => depth += 1,
            b'}' => depth = depth.saturating_sub(1),
            b'/' | b':' | b'@' if depth == 0 => found.push((index, byte)),
            _ => {}
        }
    }
    found
}

/// Docker's rule: the first path component is a registry host when it looks
/// like one (a dot or a port), is `localhost`, or has upper case (which a
/// repository may not).
fn is_registry(component: &str) -> bool {
    component.contains(['.', ':'])
        || component == "localhost"
        || component.chars().any(|c| c.is_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::ImageRef;

    fn image(registry: Option<&str>, repository: &str, tag: Option<&str>, digest: Option<&str>) -> ImageRef {
        ImageRef {
            registry: registry.map(String::from),
            repository: repository.to_string(),
            tag: tag.map(String::from),
            digest: digest.map(String::from),
        }
    }

    #[test]
    fn docker_hub_names() {
        assert_eq!(ImageRef::parse("nginx"), image(None, "nginx", None, None));
        assert_eq!(ImageRef::parse("nginx:1.25"), image(None, "nginx", Some("1.25"), None));
        assert_eq!(ImageRef::parse("bitnami/redis:7"), image(None, "bitnami/redis", Some("7"), None));
        assert_eq!(
            ImageRef::parse("docker.io/library/nginx:1.25"),
            image(Some("docker.io"), "library/nginx", Some("1.25"), None)
        );
        assert_eq!(ImageRef::parse("nginx").registry_or_default(), "docker.io");
    }

    #[test]
    fn registries_with_ports() {
        assert_eq!(
            ImageRef::parse("localhost:5000/x:1"),
            image(Some("localhost:5000"), "x", Some("1"), None)
        );
        assert_eq!(ImageRef::parse("localhost/x"), image(Some("localhost"), "x", None, None));
        assert_eq!(ImageRef::parse("reg.example:443/a/b"), image(Some("reg.example:443"), "a/b", None, None));
        assert_eq!(ImageRef::parse("localhost:5000"), image(None, "localhost", Some("5000"), None));
        assert_eq!(ImageRef::parse("Registry/app"), image(Some("Registry"), "app", None, None));
        assert_eq!(ImageRef::parse("ghcr.io/a/b").registry_or_default(), "ghcr.io");
    }

    #[test]
    fn digests() {
        let digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        assert_eq!(
            ImageRef::parse(&format!("ghcr.io/a/b@{digest}")),
            image(Some("ghcr.io"), "a/b", None, Some(digest))
        );
        assert_eq!(
            ImageRef::parse(&format!("alpine:3.19@{digest}")),
            image(None, "alpine", Some("3.19"), Some(digest))
        );
        assert_eq!(
            ImageRef::parse(&format!("localhost:5000/x:1@{digest}")),
            image(Some("localhost:5000"), "x", Some("1"), Some(digest))
        );
    }

    #[test]
    fn scratch_and_variables() {
        assert!(ImageRef::parse("scratch").is_scratch());
        assert!(!ImageRef::parse("scratch:1").is_scratch());
        assert!(!ImageRef::parse("nginx").has_variable());
        let unresolved = ImageRef::parse("${REGISTRY}/app:${TAG:-1.0}");
        // Upper case marks a registry, which suits the usual `${REGISTRY}/`.
        assert_eq!(unresolved.registry.as_deref(), Some("${REGISTRY}"));
        assert_eq!(unresolved.repository, "app");
        assert_eq!(ImageRef::parse("${org}/app").repository, "${org}/app");
        assert_eq!(unresolved.tag.as_deref(), Some("${TAG:-1.0}"));
        assert!(unresolved.has_variable());
        assert_eq!(ImageRef::parse(""), image(None, "", None, None));
        assert_eq!(ImageRef::parse("a:"), image(None, "a", Some(""), None));
    }
}
