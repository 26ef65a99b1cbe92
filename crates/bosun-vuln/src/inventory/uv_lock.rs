//! `uv.lock`: every `[[package]]` from a package index (`source = { registry =
//! ... }`). The project itself and its workspace members (`editable`,
//! `virtual`) are the roots, not dependencies; git, URL, path and directory
//! sources are noted and left out, as they are not published versions.
//!
//! The roots' `dependencies` and `optional-dependencies` are the direct
//! production dependencies and their `dev-dependencies` (dependency groups) the
//! direct development ones; following each package's `dependencies` (and the
//! extras a dependency asks for) from there tells which packages only
//! development needs.

use super::lines::LineStarts;
use super::{normalize_name, FileInventory, Package};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use toml::Spanned;

#[derive(Deserialize)]
struct Lock {
    #[serde(default)]
    package: Vec<Entry>,
    manifest: Option<Manifest>,
}

#[derive(Deserialize)]
struct Manifest {
    #[serde(default)]
    members: Vec<String>,
}

#[derive(Deserialize)]
struct Entry {
    name: Spanned<String>,
    version: Option<String>,
    #[serde(default)]
    source: Source,
    #[serde(default)]
    dependencies: Vec<Dependency>,
    #[serde(default, rename = "optional-dependencies")]
    optional_dependencies: BTreeMap<String, Vec<Dependency>>,
    #[serde(default, rename = "dev-dependencies")]
    dev_dependencies: BTreeMap<String, Vec<Dependency>>,
}

/// Where a package comes from: exactly one of these is set.
#[derive(Deserialize, Default)]
struct Source {
    registry: Option<String>,
    git: Option<String>,
    url: Option<String>,
    path: Option<String>,
    directory: Option<String>,
    editable: Option<String>,
    #[serde(rename = "virtual")]
    virtual_: Option<String>,
}

#[derive(Deserialize)]
struct Dependency {
    name: String,
    /// Set when the lock holds more than one version of the name.
    version: Option<String>,
    #[serde(default)]
    extra: Vec<String>,
}

pub fn read(path: &str, text: &str) -> Result<FileInventory, String> {
    let lock: Lock = toml::from_str(text).map_err(|e| format!("not a valid uv.lock: {}", e.message()))?;
    let graph = Graph::new(&lock);
    let roots = graph.roots(&lock);
    let production = graph.reach(roots.iter().flat_map(|&root| {
        let entry = &lock.package[root];
        std::iter::once((root, None))
            .chain(entry.optional_dependencies.keys().map(move |extra| (root, Some(extra))))
    }));
    let development = graph.reach(
        roots
            .iter()
            .flat_map(|&root| lock.package[root].dev_dependencies.values().flatten())
            .flat_map(|dependency| graph.targets(dependency)),
    );
    let direct: HashSet<usize> = roots
        .iter()
        .flat_map(|&root| {
            let entry = &lock.package[root];
            entry
                .dependencies
                .iter()
                .chain(entry.optional_dependencies.values().flatten())
                .chain(entry.dev_dependencies.values().flatten())
        })
        .flat_map(|dependency| graph.targets(dependency))
        .map(|(index, _)| index)
        .collect();

    let lines = LineStarts::of(text);
    let mut inventory = FileInventory::default();
    for (index, entry) in lock.package.iter().enumerate() {
        let name = entry.name.get_ref();
        let version = entry.version.as_deref().unwrap_or("(no version)");
        let source = &entry.source;
        let origin = [
            ("git", &source.git),
            ("url", &source.url),
            ("path", &source.path),
            ("directory", &source.directory),
        ]
        .into_iter()
        .find_map(|(kind, value)| value.as_ref().map(|value| (kind, value)));
        if let Some((kind, value)) = origin {
            inventory.notes.push(format!("{name} {version}: from {kind} {value}, not a package index"));
            continue;
        }
        if source.registry.is_none() {
            // The project and its workspace members (or a source uv added later).
            continue;
        }
        let Some(version) = &entry.version else {
            inventory.notes.push(format!("{name}: no version locked"));
            continue;
        };
        let line = lines.line_of(entry.name.span().start);
        let mut package = Package::new("PyPI", name, version, path, line);
        if !roots.is_empty() {
            package.direct = Some(direct.contains(&index));
            package.dev = match (production.contains(&index), development.contains(&index)) {
                (true, _) => Some(false),
                (false, true) => Some(true),
                (false, false) => None,
            };
        }
        inventory.packages.push(package);
    }
    Ok(inventory)
}

/// The packages by normalized name, to follow dependencies.
struct Graph<'a> {
    lock: &'a Lock,
    by_name: HashMap<String, Vec<usize>>,
}

impl<'a> Graph<'a> {
    fn new(lock: &'a Lock) -> Graph<'a> {
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
        for (index, entry) in lock.package.iter().enumerate() {
            by_name.entry(normalize_name("PyPI", entry.name.get_ref())).or_default().push(index);
        }
        Graph { lock, by_name }
    }

    /// The workspace members named in `[manifest]`, else the project at `.`.
    fn roots(&self, lock: &Lock) -> Vec<usize> {
        let members = lock.manifest.as_ref().map(|manifest| manifest.members.as_slice()).unwrap_or_default();
        if !members.is_empty() {
            return members
                .iter()
                .flat_map(|member| self.by_name.get(&normalize_name("PyPI", member)).into_iter().flatten())
                .copied()
                .collect();
        }
        let at_root = |source: &Option<String>| source.as_deref() == Some(".");
        (0..lock.package.len())
            .filter(|&index| {
                let source = &lock.package[index].source;
                at_root(&source.editable) || at_root(&source.virtual_)
            })
            .collect()
    }

    /// The packages a dependency names, each with the extras it asks for.
    fn targets(&self, dependency: &'a Dependency) -> impl Iterator<Item = (usize, Option<&'a String>)> + '_ {
        let matching = self.by_name.get(&normalize_name("PyPI", &dependency.name)).into_iter().flatten();
        matching
            .copied()
            .filter(move |&index| {
                dependency.version.is_none() || self.lock.package[index].version == dependency.version
            })
            .flat_map(move |index| {
                std::iter::once((index, None))
                    .chain(dependency.extra.iter().map(move |extra| (index, Some(extra))))
            })
    }

    /// Every package reached from `start`: a package with no extra stands for
    /// its `dependencies`, with an extra for that extra's.
    fn reach(&self, start: impl IntoIterator<Item = (usize, Option<&'a String>)>) -> HashSet<usize> {
        let mut seen: HashSet<(usize, Option<&String>)> = HashSet::new();
        let mut queue: Vec<(usize, Option<&String>)> = start.into_iter().collect();
        while let Some(node) = queue.pop() {
            if !seen.insert(node) {
                continue;
            }
            let entry = &self.lock.package[node.0];
            let dependencies = match node.1 {
                None => entry.dependencies.as_slice(),
                Some(extra) => entry.optional_dependencies.get(extra).map_or(&[][..], Vec::as_slice),
            };
            queue.extend(dependencies.iter().flat_map(|dependency| self.targets(dependency)));
        }
        seen.into_iter().map(|(index, _)| index).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::read;
    use crate::inventory::testing::with_direct_and_dev;

    /// `uv lock` output for a project with a dependency group, an extra and a
    /// local directory dependency (file hashes trimmed).
    const LOCK: &str = r#"version = 1
revision = 5
requires-python = ">=3.11"

[[package]]
name = "idna"
version = "3.20"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "iniconfig"
version = "2.3.1"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "localpkg"
version = "0.2.0"
source = { directory = "libs/localpkg" }
dependencies = [
    { name = "packaging" },
]

[[package]]
name = "packaging"
version = "26.4"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "six"
version = "1.16.0"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "uvdemo"
version = "0.1.0"
source = { virtual = "." }
dependencies = [
    { name = "localpkg" },
    { name = "six" },
]

[package.optional-dependencies]
idn = [
    { name = "idna" },
]

[package.dev-dependencies]
dev = [
    { name = "iniconfig" },
    { name = "six" },
]
"#;

    #[test]
    fn registry_packages_with_direct_and_dev_from_the_project() {
        let inventory = read("uv.lock", LOCK).unwrap();
        let found = with_direct_and_dev(&inventory);
        assert_eq!(
            found,
            [
                ("idna", "3.20", 6, Some(true), Some(false)),
                ("iniconfig", "2.3.1", 11, Some(true), Some(true)),
                // Through the local package, which is itself left out.
                ("packaging", "26.4", 24, Some(false), Some(false)),
                ("six", "1.16.0", 29, Some(true), Some(false)),
            ]
        );
        assert_eq!(inventory.notes, ["localpkg 0.2.0: from directory libs/localpkg, not a package index"]);
    }

    #[test]
    fn workspace_members_extras_and_several_versions_of_a_name() {
        let text = r#"version = 1

[manifest]
members = ["app", "lib"]

[[package]]
name = "app"
version = "1.0"
source = { editable = "." }
dependencies = [{ name = "lib" }]

[[package]]
name = "lib"
source = { editable = "packages/lib" }
dependencies = [{ name = "httpx", extra = ["http2"] }, { name = "numpy", version = "2.0.0" }]

[package.dev-dependencies]
test = [{ name = "numpy", version = "1.26.0" }]

[[package]]
name = "httpx"
version = "0.27.0"
source = { registry = "https://pypi.org/simple" }

[package.optional-dependencies]
http2 = [{ name = "h2" }]
brotli = [{ name = "brotli" }]

[[package]]
name = "h2"
version = "4.1.0"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "brotli"
version = "1.1.0"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "numpy"
version = "1.26.0"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "numpy"
version = "2.0.0"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "wheel-from-url"
version = "0.1"
source = { url = "https://example.org/w-0.1-py3-none-any.whl" }
"#;
        let inventory = read("uv.lock", text).unwrap();
        let found: Vec<_> = inventory
            .packages
            .iter()
            .map(|p| (p.name.as_str(), p.version.as_str(), p.direct, p.dev))
            .collect();
        assert_eq!(
            found,
            [
                ("httpx", "0.27.0", Some(true), Some(false)),
                ("h2", "4.1.0", Some(false), Some(false)),
                // An extra nobody asks for.
                ("brotli", "1.1.0", Some(false), None),
                ("numpy", "1.26.0", Some(true), Some(true)),
                ("numpy", "2.0.0", Some(true), Some(false)),
            ]
        );
        assert_eq!(
            inventory.notes,
            ["wheel-from-url 0.1: from url https://example.org/w-0.1-py3-none-any.whl, not a package index"]
        );
    }

    #[test]
    fn broken_files_are_errors_not_panics() {
        for text in [
            "[[package]]\nversion = \"1\"\n",
            "[[package]]\nname = \"x\"\ndependencies = [{ version = \"1\" }]\n",
            "package = {}",
            "version = 1\n[[package]\n",
        ] {
            let error = read("uv.lock", text).unwrap_err();
            assert!(error.starts_with("not a valid uv.lock"), "{error}");
        }
        let deep = format!("x = {}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(read("uv.lock", &deep).unwrap_err().contains("recursion limit"));
        let no_version =
            read("uv.lock", "[[package]]\nname = \"x\"\nsource = { registry = \"r\" }\n").unwrap();
        assert!(no_version.packages.is_empty());
        assert_eq!(no_version.notes, ["x: no version locked"]);
    }
}
