//! `volumes:` entries of a service that bring a host path into the container.

use super::interpolate::{interpolate, UNRESOLVED};
use bosun_syntax::yaml::Node;

/// A host file or directory mounted into a service.
#[derive(Debug, Clone)]
pub struct HostMount<'a> {
    /// The entry, or for the long syntax its `source`, for findings.
    pub node: &'a Node,
    /// Absolute and normalized (`/var/run/`, `//etc` and `/etc/.` read as `/var/run`, `/etc`).
    pub host_path: String,
    pub read_only: bool,
}

/// The absolute host paths a service mounts: bind mounts in the short
/// (`/src:/dst:ro`) and long (`type: bind`) syntax, and named volumes that the
/// file's top-level `volumes` binds to a host directory with `driver_opts`.
/// Relative paths (`./data`, `~/x`) and paths set by variables are left out:
/// they are project or user files, or unknown.
pub fn host_mounts<'a>(volumes: Option<&'a Node>, file: &'a Node) -> Vec<HostMount<'a>> {
    volumes
        .map(Node::as_seq)
        .unwrap_or_default()
        .iter()
        .filter_map(|entry| parse_entry(entry, file))
        .collect()
}

fn parse_entry<'a>(entry: &'a Node, file: &'a Node) -> Option<HostMount<'a>> {
    let (node, source, read_only, named) = if entry.is_map() {
        let source = entry.get("source")?;
        let kind = entry.get("type").and_then(Node::as_str);
        let read_only = entry.get("read_only").and_then(Node::as_bool) == Some(true);
        (source, interpolate(&source.scalar_text()?), read_only, kind == Some("volume"))
    } else {
        let text = interpolate(&entry.scalar_text()?);
        let mut parts = text.split(':');
        let source = parts.next()?.to_string();
        parts.next()?;
        let read_only =
            parts.next().is_some_and(|mode| mode.split(',').any(|m| m == "ro" || m == "readonly"));
        let named = !source.starts_with(['/', '.', '~', UNRESOLVED]);
        (entry, source, read_only, named)
    };
    let path = if named { bound_device(file, &source)? } else { source };
    let host_path = normalize(&path)?;
    Some(HostMount { node, host_path, read_only })
}

/// A named volume declared with the local driver as a bind of a host directory.
fn bound_device(file: &Node, name: &str) -> Option<String> {
    let options = file.path(&["volumes", name, "driver_opts"])?;
    let binds =
        options.get("o").and_then(Node::scalar_text).is_some_and(|o| o.split(',').any(|o| o == "bind"));
    binds.then(|| options.get("device").and_then(Node::scalar_text).map(|d| interpolate(&d)))?
}

fn normalize(path: &str) -> Option<String> {
    if !path.starts_with('/') || path.contains(UNRESOLVED) {
        return None;
    }
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            part => parts.push(part),
        }
    }
    Some(format!("/{}", parts.join("/")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use bosun_syntax::yaml::parse_stream;

    fn mounts(text: &str) -> Vec<(String, bool)> {
        let root = parse_stream(text).documents.remove(0).root;
        let service = root.path(&["services", "app"]).unwrap();
        host_mounts(service.get("volumes"), &root).into_iter().map(|m| (m.host_path, m.read_only)).collect()
    }

    #[test]
    fn finds_host_paths_in_every_syntax() {
        let found = mounts(
            "services:\n  app:\n    volumes:\n      - /etc:/host/etc:ro\n      - ./src:/src\n      - data:/data\n\
             \x20     - /cache\n      - type: bind\n        source: /var/run/\n        target: /run\n        read_only: true\n\
             \x20     - type: volume\n        source: hostroot\n        target: /rootfs\n      - ${SOCK:-//run/./docker.sock}:/s\n\
             \x20     - ${DATA}:/data2\nvolumes:\n  data: {}\n  hostroot:\n    driver: local\n    driver_opts:\n\
             \x20     type: none\n      o: bind\n      device: /\n",
        );
        assert_eq!(
            found,
            vec![
                ("/etc".to_string(), true),
                ("/var/run".to_string(), true),
                ("/".to_string(), false),
                ("/run/docker.sock".to_string(), false),
            ]
        );
    }
}
