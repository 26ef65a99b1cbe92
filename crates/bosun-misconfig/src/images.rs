//! Matching image references against the `trusted-registries` lists of
//! bosun.toml, shared by the Dockerfile and Kubernetes rules so that one list
//! means the same thing in both sections.

use bosun_syntax::dockerfile::ImageRef;

/// The registry host of an image, lower case, with Docker Hub's other names
/// folded into `docker.io`.
pub fn registry_host(image: &ImageRef) -> String {
    canonical_host(image.registry_or_default())
}

/// Is the image covered by one of the `trusted-registries` entries?
pub fn is_trusted(image: &ImageRef, trusted: &[String]) -> bool {
    trusted.iter().any(|entry| matches_entry(image, entry))
}

/// Lower-case host with Docker Hub's other names folded into `docker.io`.
fn canonical_host(host: &str) -> String {
    let host = host.to_ascii_lowercase();
    match host.as_str() {
        "index.docker.io" | "registry-1.docker.io" | "registry.hub.docker.com" => "docker.io".to_string(),
        _ => host,
    }
}

/// `host/repository`, with the `library/` Docker Hub adds to official images.
fn full_name(image: &ImageRef) -> String {
    let host = registry_host(image);
    if host == "docker.io" && !image.repository.contains('/') {
        format!("docker.io/library/{}", image.repository)
    } else {
        format!("{host}/{}", image.repository)
    }
}

/// An entry is a registry host (`registry.example.com`, `localhost:5000`), a
/// host with a path prefix (`ghcr.io/acme`) or a wildcard subdomain
/// (`*.example.com`). A URL scheme and trailing slash are ignored, since
/// people copy entries from a browser or a `docker login` line.
fn matches_entry(image: &ImageRef, entry: &str) -> bool {
    let entry = entry.trim().to_ascii_lowercase();
    let entry = entry.strip_prefix("https://").or_else(|| entry.strip_prefix("http://")).unwrap_or(&entry);
    let entry = entry.trim_end_matches('/');
    if entry.is_empty() {
        return false;
    }
    if let Some((entry_host, prefix)) = entry.split_once('/') {
        let wanted = format!("{}/{prefix}", canonical_host(entry_host));
        // `ghcr.io/acme` covers `ghcr.io/acme/app`, not `ghcr.io/acme-evil/app`.
        return full_name(image)
            .strip_prefix(&wanted)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'));
    }
    let host = registry_host(image);
    match entry.strip_prefix("*.") {
        // `*.example.com` covers subdomains only, not `example.com` or `badexample.com`.
        Some(domain) => host.strip_suffix(domain).is_some_and(|sub| sub.ends_with('.')),
        None => host == canonical_host(entry),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trusted(entries: &[&str], image: &str) -> bool {
        let entries: Vec<String> = entries.iter().map(|s| s.to_string()).collect();
        is_trusted(&ImageRef::parse(image), &entries)
    }

    #[test]
    fn hosts_prefixes_and_wildcards() {
        assert!(trusted(&["registry.example.com"], "registry.example.com/a/b:1"));
        assert!(trusted(&["ghcr.io/acme"], "ghcr.io/acme/app:1"));
        assert!(trusted(&["ghcr.io/Acme/"], "ghcr.io/acme/app:1"));
        assert!(!trusted(&["ghcr.io/acme"], "ghcr.io/acme-evil/app:1"));
        assert!(trusted(&["*.example.com"], "eu.registry.example.com/app:1"));
        assert!(!trusted(&["*.example.com"], "example.com/app:1"));
        assert!(!trusted(&["*.example.com"], "badexample.com/app:1"));
        assert!(!trusted(&["", "  "], "registry.example.com/app:1"));
    }

    #[test]
    fn docker_hub_names_and_ports() {
        assert!(trusted(&["docker.io"], "nginx:1.27"));
        assert!(trusted(&["docker.io/library"], "nginx:1.27"));
        assert!(!trusted(&["docker.io/library"], "bitnami/redis:7"));
        assert!(trusted(&["https://index.docker.io/"], "bitnami/redis:7"));
        assert_eq!(registry_host(&ImageRef::parse("registry-1.docker.io/x/y:1")), "docker.io");
        assert!(!trusted(&["localhost"], "localhost:5000/app:1"));
        assert!(trusted(&["localhost:5000"], "localhost:5000/app:1"));
    }
}
