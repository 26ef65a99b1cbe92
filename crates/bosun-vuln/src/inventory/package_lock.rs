//! `package-lock.json` and `npm-shrinkwrap.json`, lockfile versions 1 to 3 (and
//! the unversioned shrinkwrap files of npm 4 and older, which are version 1 in
//! all but name).
//!
//! Versions 2 and 3 list every installed package under `packages`, keyed by
//! where it sits on disk (`node_modules/a/node_modules/b`); the name is the last
//! folder, or the `name` field when the folder is an alias (`"x": "npm:real@1"`).
//! Version 1 nests `dependencies` the way `node_modules` nests. When a file has
//! both (version 2), `packages` is read.
//!
//! Left out on purpose: the project itself (the `""` entry) and the other local
//! folders (workspaces, `file:` dependencies), which are not published versions;
//! links to them and packages from git or local paths are left out with a note.
//! Packages from an `http(s)` tarball are kept: that is how npm records registry
//! packages too (in version 1, only a tarball laid out like a registry's, whose
//! URL gives the version).
//!
//! `dev` is whether only development needs a package. `devOptional` packages
//! are also an optional dependency of a production package, which a production
//! install (`--omit=dev`) still installs, so they count as production.
//! `direct` (versions 2 and 3) is whether the project, or the workspace whose
//! `node_modules` holds the package, lists it in `dependencies`,
//! `devDependencies` or `optionalDependencies`. Version 1 does not record the
//! project's own dependencies: a nested entry is known not to be direct, a
//! top-level one is unknown.
//!
//! Nesting is bounded by the JSON parser's recursion limit (128 levels, about 60
//! levels of `node_modules` in version 1), which a real tree never nears.

use super::lines::each_key;
use super::{FileInventory, Package};
use serde::de::IgnoredAny;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap, HashSet};

#[derive(Deserialize)]
struct Lock {
    packages: Option<BTreeMap<String, Installed>>,
    #[serde(default)]
    dependencies: BTreeMap<String, Nested>,
}

/// An entry of `packages` (versions 2 and 3).
#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct Installed {
    name: Option<String>,
    version: Option<String>,
    resolved: Option<String>,
    link: bool,
    dev: bool,
    dependencies: BTreeMap<String, IgnoredAny>,
    dev_dependencies: BTreeMap<String, IgnoredAny>,
    optional_dependencies: BTreeMap<String, IgnoredAny>,
}

/// An entry of `dependencies` (version 1), with the packages nested below it.
#[derive(Deserialize)]
struct Nested {
    version: Option<String>,
    #[serde(default)]
    dev: bool,
    #[serde(default)]
    dependencies: BTreeMap<String, Nested>,
}

const NODE_MODULES: &str = "node_modules/";

pub fn read(path: &str, text: &str) -> Result<FileInventory, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let kind =
        if path.ends_with("npm-shrinkwrap.json") { "npm-shrinkwrap.json" } else { "package-lock.json" };
    let lock: Lock = serde_json::from_str(text).map_err(|e| format!("not a valid {kind}: {e}"))?;
    let mut inventory = FileInventory::default();
    match &lock.packages {
        Some(packages) => read_packages(path, text, packages, &mut inventory),
        None => read_nested(path, text, &lock.dependencies, &mut inventory),
    }
    inventory.packages.sort_by_key(|p| p.line);
    Ok(inventory)
}

/// Versions 2 and 3.
fn read_packages(
    path: &str,
    text: &str,
    packages: &BTreeMap<String, Installed>,
    inventory: &mut FileInventory,
) {
    let mut lines = HashMap::new();
    each_key(text, |enclosing, key, line| {
        if enclosing.len() == 1 && enclosing[0] == "packages" {
            lines.entry(key.to_string()).or_insert(line);
        }
    });
    // The project and its workspaces: folders that are not inside a `node_modules`.
    let local: HashMap<&str, HashSet<&str>> = packages
        .iter()
        .filter(|(key, _)| install_location(key).is_none())
        .map(|(key, entry)| (key.as_str(), declared(entry)))
        .collect();
    for (key, entry) in packages {
        let Some((parent, folder)) = install_location(key) else { continue };
        let line = lines.get(key.as_str()).copied().unwrap_or(1);
        if entry.link {
            let target = entry.resolved.as_deref().unwrap_or("a local folder");
            inventory.notes.push(format!("{key}: a link to {target}, not a published package"));
            continue;
        }
        let name = entry.name.as_deref().unwrap_or(folder);
        let Some(version) = entry.version.as_deref() else {
            inventory.notes.push(format!("{key}: no version recorded"));
            continue;
        };
        if let Some(source) = entry.resolved.as_deref().filter(|r| !is_http(r)) {
            inventory.notes.push(format!("{name} {version}: from {source}, not a registry"));
            continue;
        }
        let direct = match local.get(parent) {
            Some(own) if own.contains(folder) => true,
            // A workspace's dependency is hoisted to the top unless the workspace
            // needs a version of its own.
            Some(_) if parent.is_empty() => local.iter().any(|(workspace, declared)| {
                !workspace.is_empty()
                    && declared.contains(folder)
                    && !packages.contains_key(&format!("{workspace}/{NODE_MODULES}{folder}"))
            }),
            _ => false,
        };
        let mut package = Package::new("npm", name, version, path, line);
        package.direct = Some(direct);
        package.dev = Some(entry.dev);
        inventory.packages.push(package);
    }
}

/// The folder holding a `packages` key's `node_modules` and the package's folder
/// name in it (`a/node_modules/@s/b` → `a`, `@s/b`); `None` for local folders.
fn install_location(key: &str) -> Option<(&str, &str)> {
    let (parent, folder) = match key.rfind(NODE_MODULES) {
        Some(0) => ("", &key[NODE_MODULES.len()..]),
        Some(at) if key[..at].ends_with('/') => (&key[..at - 1], &key[at + NODE_MODULES.len()..]),
        _ => return None,
    };
    (!folder.is_empty()).then_some((parent, folder))
}

fn declared(entry: &Installed) -> HashSet<&str> {
    [&entry.dependencies, &entry.dev_dependencies, &entry.optional_dependencies]
        .into_iter()
        .flat_map(|names| names.keys().map(String::as_str))
        .collect()
}

/// Version 1.
fn read_nested(path: &str, text: &str, top: &BTreeMap<String, Nested>, inventory: &mut FileInventory) {
    // An entry's key path: `dependencies`, name, `dependencies`, name, ...
    let mut lines: HashMap<Vec<String>, u32> = HashMap::new();
    each_key(text, |enclosing, key, line| {
        let nested_entry =
            enclosing.len() % 2 == 1 && enclosing.iter().step_by(2).all(|k| k == "dependencies");
        if nested_entry {
            let mut names: Vec<String> = enclosing.iter().skip(1).step_by(2).cloned().collect();
            names.push(key.to_string());
            lines.entry(names).or_insert(line);
        }
    });
    let mut stack: Vec<(Vec<String>, &BTreeMap<String, Nested>)> = vec![(Vec::new(), top)];
    while let Some((parents, dependencies)) = stack.pop() {
        for (folder, entry) in dependencies {
            let mut names = parents.clone();
            names.push(folder.clone());
            let line = lines.get(&names).copied().unwrap_or(1);
            if let Some((name, version)) = nested_identity(folder, entry, inventory) {
                let mut package = Package::new("npm", name, version, path, line);
                package.direct = if parents.is_empty() { None } else { Some(false) };
                package.dev = Some(entry.dev);
                inventory.packages.push(package);
            }
            if !entry.dependencies.is_empty() {
                stack.push((names, &entry.dependencies));
            }
        }
    }
}

/// The package a version 1 entry installed, from its `version`: a version, an
/// alias (`npm:real@1.2.3`), a registry tarball, or a source that is noted.
fn nested_identity<'a>(
    folder: &'a str,
    entry: &'a Nested,
    inventory: &mut FileInventory,
) -> Option<(&'a str, &'a str)> {
    let Some(version) = entry.version.as_deref() else {
        inventory.notes.push(format!("{folder}: no version recorded"));
        return None;
    };
    if starts_with_digit(version) {
        return Some((folder, version));
    }
    if let Some((real, real_version)) = version.strip_prefix("npm:").and_then(split_spec) {
        if starts_with_digit(real_version) {
            return Some((real, real_version));
        }
    }
    if is_http(version) {
        if let Some(tarball_version) = registry_tarball_version(version, folder) {
            return Some((folder, tarball_version));
        }
    }
    inventory.notes.push(format!("{folder}: from {version}, not a registry"));
    None
}

/// Splits a `name@rest` specifier (`@scope/name@rest` when scoped); `None`
/// when there is no name before an `@`.
pub(super) fn split_spec(spec: &str) -> Option<(&str, &str)> {
    let skip = usize::from(spec.starts_with('@'));
    let at = spec[skip..].find('@')? + skip;
    let name = &spec[..at];
    let valid = match name.strip_prefix('@') {
        Some(scoped) => {
            scoped.split_once('/').is_some_and(|(scope, rest)| !scope.is_empty() && !rest.is_empty())
        }
        None => !name.is_empty(),
    };
    valid.then(|| (name, &spec[at + 1..]))
}

/// The version in a tarball URL laid out as npm registries lay them out
/// (`…/name/-/name-1.2.3.tgz`, `…/@scope/name/-/name-1.2.3.tgz`), for package `name`.
pub(super) fn registry_tarball_version<'a>(url: &'a str, name: &str) -> Option<&'a str> {
    let url = url.split(['#', '?']).next()?;
    let (folder, file) = url.rsplit_once("/-/")?;
    let base = name.rsplit('/').next()?;
    let mut segments = folder.rsplit('/');
    let last = segments.next()?;
    let named = match name.split_once('/') {
        Some((scope, base)) => {
            (last == base && segments.next() == Some(scope))
                || last.eq_ignore_ascii_case(&name.replacen('/', "%2f", 1))
        }
        None => last == name && !segments.next().is_some_and(|s| s.starts_with('@')),
    };
    let version = file.strip_prefix(base)?.strip_prefix('-')?.strip_suffix(".tgz")?;
    (named && starts_with_digit(version)).then_some(version)
}

pub(super) fn is_http(source: &str) -> bool {
    source.starts_with("https://") || source.starts_with("http://")
}

pub(super) fn starts_with_digit(text: &str) -> bool {
    text.bytes().next().is_some_and(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::{read, registry_tarball_version, split_spec};
    use crate::inventory::testing::npm_fixture;

    /// Name, version, line, direct, dev.
    type Row = (String, String, u32, Option<bool>, Option<bool>);

    fn summary(inventory: &super::FileInventory) -> Vec<Row> {
        inventory
            .packages
            .iter()
            .map(|p| (p.name.clone(), p.version.clone(), p.line, p.direct, p.dev))
            .collect()
    }

    fn row(name: &str, version: &str, line: u32, direct: Option<bool>, dev: bool) -> Row {
        (name.to_string(), version.to_string(), line, direct, Some(dev))
    }

    #[test]
    fn version_3_written_by_npm_11() {
        let text = npm_fixture("package-lock-v3/package-lock.json");
        let inventory = read("app/package-lock.json", &text).unwrap();
        assert_eq!(
            summary(&inventory),
            vec![
                row("@types/ms", "0.7.34", 34, Some(true), true),
                row("debug", "2.6.9", 40, Some(true), false),
                row("ms", "2.0.0", 48, Some(false), false),
                row("is-number", "7.0.0", 53, Some(true), false),
                row("is-odd", "3.0.1", 62, Some(true), false),
                row("is-number", "6.0.0", 73, Some(false), false),
                row("left-pad", "1.3.0", 81, Some(true), false),
                row("ms", "2.1.3", 91, Some(true), false),
                row("ms", "2.0.0", 96, Some(true), false),
            ]
        );
        let ms = &inventory.packages[7];
        assert_eq!((ms.path.as_str(), ms.purl.as_str()), ("app/package-lock.json", "pkg:npm/ms@2.1.3"));
        assert_eq!(inventory.packages[0].purl, "pkg:npm/%40types/ms@0.7.34");
        assert_eq!(inventory.notes.len(), 2, "{:?}", inventory.notes);
        assert!(inventory
            .notes
            .iter()
            .any(|n| n.contains("node_modules/@demo/util") && n.contains("packages/util")));
        assert!(inventory.notes.iter().any(|n| n.contains("node_modules/local-lib")));
    }

    #[test]
    fn version_2_reads_packages_not_the_version_1_section() {
        let text = npm_fixture("package-lock-v2/package-lock.json");
        let inventory = read("package-lock.json", &text).unwrap();
        let v3 = read("package-lock.json", &npm_fixture("package-lock-v3/package-lock.json")).unwrap();
        let names = |inventory: &super::FileInventory| {
            let mut names: Vec<_> = inventory
                .packages
                .iter()
                .map(|p| (p.name.clone(), p.version.clone(), p.direct, p.dev))
                .collect();
            names.sort();
            names
        };
        assert_eq!(names(&inventory), names(&v3));
        let alias = inventory.packages.iter().find(|p| p.line == 96).expect("the my-ms alias entry");
        assert_eq!((alias.name.as_str(), alias.version.as_str()), ("ms", "2.0.0"));
        assert_eq!(inventory.notes.len(), 2);
    }

    #[test]
    fn version_1_written_by_npm_6() {
        let text = npm_fixture("package-lock-v1/package-lock.json");
        let inventory = read("npm-shrinkwrap.json", &text).unwrap();
        let rows: Vec<_> = summary(&inventory);
        assert_eq!(
            rows,
            vec![
                row("@types/ms", "0.7.34", 7, None, true),
                row("debug", "2.6.9", 13, None, false),
                row("ms", "2.0.0", 21, Some(false), false),
                row("is-number", "7.0.0", 28, None, false),
                row("left-pad", "1.3.0", 34, None, false),
                row("ms", "2.1.3", 41, None, false),
                row("ms", "2.0.0", 46, None, false),
            ]
        );
        assert_eq!(inventory.notes, vec!["local-lib: from file:local-lib, not a registry".to_string()]);
    }

    #[test]
    fn git_and_local_sources_are_noted_not_listed() {
        let text = r#"{"lockfileVersion": 3, "packages": {
            "": {"name": "app", "dependencies": {"fork": "github:me/fork"}},
            "node_modules/fork": {"version": "1.0.0", "resolved": "git+ssh://git@github.com/me/fork.git#0123abc"},
            "node_modules/tgz": {"version": "2.0.0", "resolved": "file:vendor/tgz-2.0.0.tgz"},
            "node_modules/nover": {"resolved": "https://registry.npmjs.org/nover/-/nover-1.0.0.tgz"}
        }}"#;
        let inventory = read("package-lock.json", text).unwrap();
        assert!(inventory.packages.is_empty());
        assert_eq!(inventory.notes.len(), 3, "{:?}", inventory.notes);
        assert!(inventory.notes[0].contains("git+ssh://"), "{:?}", inventory.notes);
        let v1 = r#"{"lockfileVersion": 1, "dependencies": {
            "fork": {"version": "github:me/fork#0123abc"},
            "pad": {"version": "https://example.org/pad.tgz"},
            "left-pad": {"version": "https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz"},
            "@s/x": {"version": "https://r.example/@s%2fx/-/x-0.1.0-beta.1.tgz"},
            "alias": {"version": "npm:@s/real@3.0.0", "dev": true}
        }}"#;
        let inventory = read("package-lock.json", v1).unwrap();
        let found: Vec<_> =
            inventory.packages.iter().map(|p| (p.name.as_str(), p.version.as_str())).collect();
        assert_eq!(found, [("left-pad", "1.3.0"), ("@s/x", "0.1.0-beta.1"), ("@s/real", "3.0.0")]);
        assert_eq!(inventory.notes.len(), 2);
    }

    #[test]
    fn workspaces_make_their_own_dependencies_direct() {
        let text = r#"{"lockfileVersion": 3, "packages": {
            "": {"name": "root", "workspaces": ["w"], "devDependencies": {"a": "1"}},
            "w": {"name": "w", "version": "1.0.0", "dependencies": {"b": "^1", "c": "^2"}},
            "node_modules/a": {"version": "1.0.0", "dev": true},
            "node_modules/b": {"version": "1.0.0", "devOptional": true},
            "node_modules/c": {"version": "1.0.0"},
            "w/node_modules/c": {"version": "2.0.0"},
            "node_modules/w": {"resolved": "w", "link": true}
        }}"#;
        let inventory = read("package-lock.json", text).unwrap();
        let rows: Vec<_> = inventory
            .packages
            .iter()
            .map(|p| (p.name.as_str(), p.version.as_str(), p.direct, p.dev))
            .collect();
        assert_eq!(
            rows,
            vec![
                ("a", "1.0.0", Some(true), Some(true)),
                ("b", "1.0.0", Some(true), Some(false)),
                ("c", "1.0.0", Some(false), Some(false)),
                ("c", "2.0.0", Some(true), Some(false)),
            ]
        );
        assert_eq!(inventory.packages[3].line, 7);
    }

    #[test]
    fn broken_files_are_errors_not_panics() {
        assert!(read("package-lock.json", "").is_err());
        assert!(read("package-lock.json", "[]").is_err());
        assert!(read("package-lock.json", r#"{"packages": {"node_modules/a": {"version": 1}}}"#).is_err());
        assert!(read("package-lock.json", r#"{"dependencies": {"a": "^1.0.0"}}"#).is_err());
        assert!(read("package-lock.json", r#"{"packages": {"node_modules/a": {"#).is_err());
        let deep =
            format!("{{\"dependencies\": {}{}}}", "{\"a\": {\"dependencies\": ".repeat(200), "}".repeat(400));
        let error = read("package-lock.json", &deep).unwrap_err();
        assert!(error.contains("recursion limit"), "{error}");
        assert!(read("package-lock.json", "{}").unwrap().packages.is_empty());
        let odd = r#"{"packages": {"node_modules/": {"version": "1.0.0"}, "node_modules/\u00e9\"q": {"version": "1.0.0"}}}"#;
        let inventory = read("package-lock.json", odd).unwrap();
        assert_eq!(inventory.packages.len(), 1);
        assert_eq!(inventory.packages[0].name, "é\"q");
    }

    #[test]
    fn specifiers_and_registry_tarballs() {
        assert_eq!(split_spec("@s/n@npm:x@1"), Some(("@s/n", "npm:x@1")));
        assert_eq!(split_spec("n@^1"), Some(("n", "^1")));
        assert_eq!(split_spec("@s@1"), None);
        assert_eq!(split_spec("@/n@1"), None);
        assert_eq!(split_spec("n"), None);
        let url = "https://registry.yarnpkg.com/@babel/core/-/core-7.1.0.tgz#abc";
        assert_eq!(registry_tarball_version(url, "@babel/core"), Some("7.1.0"));
        assert_eq!(registry_tarball_version(url, "core"), None);
        assert_eq!(registry_tarball_version("https://x.org/a/-/a-latest.tgz", "a"), None);
        assert_eq!(registry_tarball_version("https://x.org/b/-/a-1.0.0.tgz", "a"), None);
    }
}
