//! `pnpm-lock.yaml`, lockfile versions 5.x to 9.x. Each version writes package
//! keys its own way: 5.x `/name/1.2.3_peer@1.0.0`, 6.x `/name@1.2.3(peer@1.0.0)`,
//! 9.x `name@1.2.3` under `packages` (what is installed) with the peer-resolved
//! copies (`name@1.2.3(peer@1.0.0)`) under `snapshots`. A package installed in
//! several peer-resolved copies is one package, listed at its first entry.
//!
//! `direct` and `dev` come from the dependency graph: `importers` (each
//! workspace project; the file's top level for a single project in 5.x and 6.x)
//! list their `dependencies`, `optionalDependencies` and `devDependencies`, and
//! each package lists its own. A package is direct when a project lists it, and
//! dev when it is reachable only through `devDependencies`. Versions 5 and 6
//! also write pnpm's own `dev:` flag, used for a package the graph does not
//! reach.
//!
//! Left out with a note: packages from git, a tarball URL or a local folder or
//! file (keys with no registry version), and links to workspace projects, none
//! of which is a published npm version.

use super::package_lock::{split_spec, starts_with_digit};
use super::{FileInventory, Package};
use bosun_syntax::yaml::{self, Limits, Node};
use std::collections::HashMap;

/// How a lockfile version writes a package key.
#[derive(Clone, Copy, PartialEq)]
enum KeyStyle {
    /// 5.x and older: `/name/1.2.3_peers`.
    Slashes,
    /// 6.x and later: `name@1.2.3(peers)`, with a leading `/` before 9.x,
    /// which keys are kept without.
    At,
}

impl KeyStyle {
    fn normalize(self, key: &str) -> &str {
        match self {
            KeyStyle::Slashes => key,
            KeyStyle::At => key.strip_prefix('/').unwrap_or(key),
        }
    }

    /// The registry package a (normalized) key names, without its peers;
    /// `None` for a package from elsewhere.
    fn identity(self, key: &str) -> Option<(String, String)> {
        let (name, rest) = match self {
            KeyStyle::Slashes => {
                let path = key.strip_prefix('/')?;
                let name_end = match path.strip_prefix('@') {
                    Some(scoped) => scoped.find('/').map(|slash| slash + 2)?,
                    None => 0,
                };
                let slash = path[name_end..].find('/')? + name_end;
                (&path[..slash], path[slash + 1..].split('_').next()?)
            }
            KeyStyle::At => {
                let (name, rest) = split_spec(key)?;
                (name, rest.split('(').next()?)
            }
        };
        (!name.is_empty() && starts_with_digit(rest)).then(|| (name.to_string(), rest.to_string()))
    }

    /// The keys a dependency `alias: reference` may point at, most likely first:
    /// `1.2.3` is the package `alias` at that version; aliases and packages from
    /// elsewhere are written as (or within) a key of their own.
    fn targets(self, alias: &str, reference: &str) -> [String; 2] {
        let composed = match self {
            KeyStyle::Slashes => format!("/{alias}/{reference}"),
            KeyStyle::At => format!("{alias}@{}", self.normalize(reference)),
        };
        [composed, self.normalize(reference).to_string()]
    }
}

const DEPENDENCY_KINDS: [(&str, bool); 3] =
    [("dependencies", false), ("optionalDependencies", false), ("devDependencies", true)];

/// What the graph says of one package, over all its peer-resolved copies.
#[derive(Default, Clone, Copy)]
struct Reach {
    direct: bool,
    production: bool,
    development: bool,
}

pub fn read(path: &str, text: &str) -> Result<FileInventory, String> {
    let limits = Limits { max_depth: 32, max_nodes: 5_000_000, max_documents: 8 };
    let stream = yaml::parse_stream_with(text.strip_prefix('\u{feff}').unwrap_or(text), limits);
    if let Some(error) = stream.error {
        return Err(format!("not a valid pnpm-lock.yaml: {error}"));
    }
    let mut inventory = FileInventory::default();
    // pnpm 10 may write a first document for its own configuration dependencies.
    for document in &stream.documents {
        read_document(path, &document.root, &mut inventory)?;
    }
    let mut index: HashMap<(String, String), usize> = HashMap::new();
    let mut packages: Vec<Package> = Vec::new();
    for package in std::mem::take(&mut inventory.packages) {
        let key = (package.name.clone(), package.version.clone());
        if let Some(&at) = index.get(&key) {
            let kept = &mut packages[at];
            kept.direct = kept.direct.max(package.direct);
            kept.dev = match (kept.dev, package.dev) {
                (Some(a), Some(b)) => Some(a && b),
                (a, b) => a.or(b),
            };
            continue;
        }
        index.insert(key, packages.len());
        packages.push(package);
    }
    packages.sort_by_key(|p| p.line);
    inventory.packages = packages;
    Ok(inventory)
}

fn read_document(path: &str, root: &Node, inventory: &mut FileInventory) -> Result<(), String> {
    if root.is_null() {
        return Ok(());
    }
    if !root.is_map() {
        return Err("not a valid pnpm-lock.yaml: expected a mapping".into());
    }
    let version = root
        .get("lockfileVersion")
        .and_then(Node::scalar_text)
        .ok_or("not a valid pnpm-lock.yaml: no lockfileVersion")?;
    let major: u32 = version
        .split('.')
        .next()
        .and_then(|major| major.parse().ok())
        .ok_or_else(|| format!("not a valid pnpm-lock.yaml: lockfileVersion {version:?}"))?;
    let style = if major <= 5 { KeyStyle::Slashes } else { KeyStyle::At };
    let packages = root.get("packages");
    // From 9.x the graph is in `snapshots`; before, in `packages`.
    let graph = root.get("snapshots").or(packages);
    let reach = reach(root, graph, style, inventory)?;
    let has_projects = reach.values().any(|r| r.direct);
    for (key, entry) in packages.into_iter().flat_map(Node::entries) {
        let Some(raw) = key.scalar_text() else { continue };
        let normalized = style.normalize(&raw);
        let Some(identity) = style.identity(normalized) else {
            let label = entry.get("name").and_then(Node::scalar_text).unwrap_or_else(|| raw.clone());
            inventory.notes.push(format!("{label}: from {raw}, not a registry"));
            continue;
        };
        let mut package = Package::new("npm", &identity.0, &identity.1, path, key.span.start_line);
        let found = reach.get(&identity).copied().unwrap_or_default();
        package.direct = has_projects.then_some(found.direct);
        package.dev = match found {
            Reach { production: true, .. } => Some(false),
            Reach { development: true, .. } => Some(true),
            _ => entry.get("dev").and_then(Node::as_bool),
        };
        inventory.packages.push(package);
    }
    Ok(())
}

/// Walks the graph from the projects' dependencies: per package, whether a
/// project lists it and whether production or development dependencies reach it.
fn reach(
    root: &Node,
    graph: Option<&Node>,
    style: KeyStyle,
    inventory: &mut FileInventory,
) -> Result<HashMap<(String, String), Reach>, String> {
    let nodes: Vec<(&str, &Node)> = graph
        .into_iter()
        .flat_map(Node::entries)
        .filter_map(|(key, value)| Some((key.as_str()?, value)))
        .map(|(key, value)| (style.normalize(key), value))
        .collect();
    let index: HashMap<&str, usize> = nodes.iter().enumerate().map(|(i, (key, _))| (*key, i)).collect();
    let find = |alias: &str, reference: &str| {
        style.targets(alias, reference).iter().find_map(|k| index.get(k.as_str()).copied())
    };
    let edges: Vec<Vec<usize>> = nodes
        .iter()
        .map(|(_, value)| {
            DEPENDENCY_KINDS[..2]
                .iter()
                .flat_map(|(kind, _)| value.get(kind).into_iter().flat_map(Node::string_entries))
                .filter_map(|(alias, reference)| find(&alias, &reference.scalar_text()?))
                .collect()
        })
        .collect();
    let projects: Vec<(String, &Node)> = match root.get("importers") {
        Some(importers) => importers.string_entries().collect(),
        None => vec![(".".to_string(), root)],
    };
    let mut direct = vec![false; nodes.len()];
    let mut production = Vec::new();
    let mut development = Vec::new();
    for (project, node) in &projects {
        for (kind, dev) in DEPENDENCY_KINDS {
            for (alias, value) in node.get(kind).into_iter().flat_map(Node::string_entries) {
                // 5.x writes the version alone; 6.x and later a map with `version`.
                let reference = match value.get("version") {
                    Some(version) => version.scalar_text(),
                    None => value.scalar_text(),
                };
                let Some(reference) = reference else {
                    return Err(format!(
                        "not a valid pnpm-lock.yaml: line {}: no version for {alias} in {project}",
                        value.span.start_line
                    ));
                };
                if let Some(target) = reference.strip_prefix("link:") {
                    inventory
                        .notes
                        .push(format!("{project}: {alias} links to {target}, not a published package"));
                    continue;
                }
                if let Some(at) = find(&alias, &reference) {
                    direct[at] = true;
                    if dev {
                        development.push(at)
                    } else {
                        production.push(at)
                    }
                }
            }
        }
    }
    let production = walk(&edges, production);
    let development = walk(&edges, development);
    let mut reach: HashMap<(String, String), Reach> = HashMap::new();
    for (at, (key, _)) in nodes.iter().enumerate() {
        let Some(identity) = style.identity(key) else { continue };
        let entry = reach.entry(identity).or_default();
        entry.direct |= direct[at];
        entry.production |= production[at];
        entry.development |= development[at];
    }
    Ok(reach)
}

/// The nodes reachable from `start`.
fn walk(edges: &[Vec<usize>], start: Vec<usize>) -> Vec<bool> {
    let mut seen = vec![false; edges.len()];
    let mut stack = start;
    while let Some(at) = stack.pop() {
        if std::mem::replace(&mut seen[at], true) {
            continue;
        }
        stack.extend(edges[at].iter().copied().filter(|&next| !seen[next]));
    }
    seen
}

#[cfg(test)]
mod tests {
    use super::{read, KeyStyle};
    use crate::inventory::testing::npm_fixture;

    type Row<'a> = (&'a str, &'a str, Option<bool>, Option<bool>);

    fn rows(inventory: &super::FileInventory) -> Vec<Row<'_>> {
        inventory.packages.iter().map(|p| (p.name.as_str(), p.version.as_str(), p.direct, p.dev)).collect()
    }

    /// The same project locked by pnpm 7, 8 and 9 (see the fixtures' README).
    const PROJECT: [Row<'static>; 12] = [
        ("@types/ms", "0.7.34", Some(true), Some(true)),
        ("debug", "2.6.9", Some(true), Some(false)),
        ("is-number", "6.0.0", Some(false), Some(false)),
        ("is-number", "7.0.0", Some(true), Some(false)),
        ("is-odd", "3.0.1", Some(true), Some(false)),
        ("js-tokens", "4.0.0", Some(false), Some(false)),
        ("left-pad", "1.3.0", Some(true), Some(false)),
        ("loose-envify", "1.4.0", Some(false), Some(false)),
        ("ms", "2.0.0", Some(true), Some(false)),
        ("ms", "2.1.3", Some(true), Some(false)),
        ("react", "18.2.0", Some(true), Some(false)),
        ("use-sync-external-store", "1.2.0", Some(true), Some(false)),
    ];

    fn check_project(file: &str, lines: [u32; 12]) {
        let inventory = read("pnpm-lock.yaml", &npm_fixture(file)).unwrap();
        assert_eq!(rows(&inventory), PROJECT, "{file}");
        let found: Vec<u32> = inventory.packages.iter().map(|p| p.line).collect();
        assert_eq!(found, lines, "{file}");
        let notes = inventory.notes.join("\n");
        assert_eq!(inventory.notes.len(), 2, "{file}: {notes}");
        assert!(notes.contains("@demo/util links to packages/util"), "{file}: {notes}");
        assert!(notes.contains("local-lib: from"), "{file}: {notes}");
    }

    #[test]
    fn version_5_written_by_pnpm_7() {
        check_project("pnpm-v5/pnpm-lock.yaml", [39, 43, 54, 59, 66, 73, 77, 81, 88, 92, 96, 103]);
    }

    #[test]
    fn version_6_written_by_pnpm_8() {
        check_project("pnpm-v6/pnpm-lock.yaml", [52, 56, 67, 72, 79, 86, 90, 94, 101, 105, 109, 116]);
    }

    #[test]
    fn version_9_written_by_pnpm_9() {
        check_project("pnpm-v9/pnpm-lock.yaml", [52, 55, 63, 67, 71, 75, 78, 84, 88, 91, 94, 98]);
    }

    #[test]
    fn the_graph_agrees_with_pnpms_own_dev_flags() {
        for file in ["pnpm-v5/pnpm-lock.yaml", "pnpm-v6/pnpm-lock.yaml"] {
            let text = npm_fixture(file);
            let without_flags: String = text
                .lines()
                .filter(|l| !l.trim_start().starts_with("dev:"))
                .map(|l| format!("{l}\n"))
                .collect();
            assert_ne!(text, without_flags);
            let with = read("pnpm-lock.yaml", &text).unwrap();
            let without = read("pnpm-lock.yaml", &without_flags).unwrap();
            assert_eq!(rows(&with), rows(&without), "{file}");
        }
    }

    #[test]
    fn flags_fill_in_where_the_graph_does_not_reach() {
        let text = "lockfileVersion: 5.3\nspecifiers:\n  a: ^1\ndependencies:\n  a: 1.0.0\npackages:\n  /a/1.0.0:\n    dev: false\n  /@s/orphan/2.0.0_@s+peer@1.0.0:\n    dev: true\n  /@s/orphan/2.0.0_@s+peer@2.0.0:\n    dev: true\n";
        let inventory = read("pnpm-lock.yaml", text).unwrap();
        assert_eq!(
            rows(&inventory),
            vec![("a", "1.0.0", Some(true), Some(false)), ("@s/orphan", "2.0.0", Some(false), Some(true))]
        );
        assert_eq!(inventory.packages[1].line, 9);
    }

    #[test]
    fn keys_of_each_version() {
        let slashes = KeyStyle::Slashes;
        let pair = |n: &str, v: &str| Some((n.to_string(), v.to_string()));
        assert_eq!(slashes.identity("/@babel/core/7.1.0_@babel+x@1.0.0"), pair("@babel/core", "7.1.0"));
        assert_eq!(slashes.identity("/a/1.0.0-rc.1"), pair("a", "1.0.0-rc.1"));
        assert_eq!(slashes.identity("github.com/me/fork/0123abc"), None);
        assert_eq!(slashes.identity("/@scope"), None);
        assert_eq!(slashes.identity("/a/"), None);
        let at = KeyStyle::At;
        assert_eq!(at.identity(at.normalize("/@s/a@1.0.0(@s/b@2.0.0)(c@3)")), pair("@s/a", "1.0.0"));
        assert_eq!(at.identity("a@https://codeload.github.com/me/a/tar.gz/0123"), None);
        assert_eq!(at.identity("file:local"), None);
        assert_eq!(at.targets("alias", "/real@1.0.0")[1], "real@1.0.0");
        assert_eq!(slashes.targets("a", "1.0.0_b@2.0.0")[0], "/a/1.0.0_b@2.0.0");
    }

    #[test]
    fn git_and_tarball_packages_in_version_9_are_noted() {
        let text = "lockfileVersion: '9.0'\nimporters:\n  .:\n    dependencies:\n      fork:\n        specifier: github:me/fork\n        version: https://codeload.github.com/me/fork/tar.gz/0123\npackages:\n  fork@https://codeload.github.com/me/fork/tar.gz/0123:\n    resolution: {tarball: https://codeload.github.com/me/fork/tar.gz/0123}\n    version: 1.0.0\nsnapshots:\n  fork@https://codeload.github.com/me/fork/tar.gz/0123: {}\n";
        let inventory = read("pnpm-lock.yaml", text).unwrap();
        assert!(inventory.packages.is_empty());
        assert_eq!(inventory.notes.len(), 1);
        assert!(inventory.notes[0].contains("codeload"), "{:?}", inventory.notes);
    }

    #[test]
    fn broken_files_are_errors_not_panics() {
        let broken = [
            "lockfileVersion: '9.0'\npackages: [1\n",
            "- a\n- b\n",
            "packages: {}\n",
            "lockfileVersion: nine\n",
            "lockfileVersion: '9.0'\nimporters:\n  .:\n    dependencies:\n      a: {specifier: ^1}\n",
            "lockfileVersion: '9.0'\n---\n- a\n",
        ];
        for text in broken {
            assert!(read("pnpm-lock.yaml", text).is_err(), "{text:?}");
        }
        let deep = format!("lockfileVersion: '9.0'\nx: {}{}\n", "[".repeat(100), "]".repeat(100));
        assert!(read("pnpm-lock.yaml", &deep).unwrap_err().contains("nesting"));
        assert!(read("pnpm-lock.yaml", "").unwrap().packages.is_empty());
        let odd =
            "lockfileVersion: 6.0\npackages:\n  1: {}\n  /a@1.0.0: 7\n  /b@1.0.0:\n    dependencies: [x]\n";
        let inventory = read("pnpm-lock.yaml", odd).unwrap();
        assert_eq!(inventory.packages.len(), 2, "{:?}", inventory.notes);
        assert_eq!(inventory.packages[0].direct, None);
    }
}
