//! `Pipfile.lock`: the `default` (production) and `develop` (development)
//! sections, and any custom package category pipenv writes beside them. A
//! package in both sections is listed once, as production. Versions are the
//! `==` pins pipenv writes.
//!
//! Entries from git, a local path, a file or a URL, and editable installs, are
//! noted and left out: they are not published versions. pipenv writes an
//! `index` for the packages the Pipfile names, so when a file has any `index`
//! the packages without one are the transitive ones.

use super::lines::each_key;
use super::{normalize_name, FileInventory, Package};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap, HashSet};

#[derive(Deserialize)]
struct Entry {
    version: Option<String>,
    index: Option<String>,
    git: Option<String>,
    path: Option<String>,
    file: Option<String>,
    #[serde(default)]
    editable: bool,
}

pub fn read(path: &str, text: &str) -> Result<FileInventory, String> {
    let invalid = |e: serde_json::Error| format!("not a valid Pipfile.lock: {e}");
    let top: BTreeMap<String, serde_json::Value> = serde_json::from_str(text).map_err(invalid)?;
    // `default` first, then `develop`, then custom categories: a package
    // installed for production is reported as production.
    let rank = |section: &str| match section {
        "default" => 0,
        "develop" => 1,
        _ => 2,
    };
    let mut sections = Vec::new();
    for (section, value) in top {
        if section == "_meta" {
            continue;
        }
        let entries: BTreeMap<String, Entry> = serde_json::from_value(value)
            .map_err(|e| format!("not a valid Pipfile.lock: section `{section}`: {e}"))?;
        sections.push((section, entries));
    }
    sections.sort_by_key(|(section, _)| rank(section));

    // The line of each package's key, by (section, name).
    let mut lines: HashMap<(String, String), u32> = HashMap::new();
    each_key(text, |enclosing, key, line| {
        if let [section] = enclosing {
            lines.entry((section.clone(), key.to_string())).or_insert(line);
        }
    });
    let line_of =
        |section: &str, name: &str| lines.get(&(section.to_string(), name.to_string())).copied().unwrap_or(1);
    let marks_direct =
        sections.iter().flat_map(|(_, entries)| entries.values()).any(|entry| entry.index.is_some());
    let mut seen = HashSet::new();
    let mut inventory = FileInventory::default();
    for (section, entries) in &sections {
        for (name, entry) in entries {
            let origin = [("git", &entry.git), ("path", &entry.path), ("file", &entry.file)]
                .into_iter()
                .find_map(|(kind, value)| value.as_ref().map(|value| (kind, value)));
            if let Some((kind, value)) = origin {
                let editable = if entry.editable { " (editable)" } else { "" };
                inventory.notes.push(format!("{name}: from {kind} {value}{editable}, not a package index"));
                continue;
            }
            let pinned =
                entry.version.as_deref().and_then(|v| v.strip_prefix("===").or_else(|| v.strip_prefix("==")));
            let Some(version) = pinned.map(str::trim).filter(|v| !v.is_empty()) else {
                let version = entry.version.as_deref().unwrap_or("no version");
                inventory.notes.push(format!("{name} ({version}): unpinned, no version to check"));
                continue;
            };
            if !seen.insert((normalize_name("PyPI", name), version.to_string())) {
                continue;
            }
            let mut package = Package::new("PyPI", name, version, path, line_of(section, name));
            package.dev = match rank(section) {
                0 => Some(false),
                1 => Some(true),
                _ => None,
            };
            package.direct = marks_direct.then_some(entry.index.is_some());
            inventory.packages.push(package);
        }
    }
    Ok(inventory)
}

#[cfg(test)]
mod tests {
    use super::read;
    use crate::inventory::testing::with_direct_and_dev;

    /// `pipenv lock` output (hashes and markers trimmed) for a Pipfile with
    /// `six` in both sections and an editable local package.
    const LOCK: &str = r#"{
    "_meta": {
        "hash": {"sha256": "d5ac96aeb028c6ace1440bd8cd414fa00c4d40f1d3059951968a1cc7a16d1602"},
        "pipfile-spec": 6,
        "sources": [{"name": "pypi", "url": "https://pypi.org/simple", "verify_ssl": true}]
    },
    "default": {
        "localpkg": {
            "editable": true,
            "path": "./libs/localpkg"
        },
        "packaging": {
            "hashes": ["sha256:81383611a09c1bc0b08b76e0fd5829d7c6824c65b27a6aee339da133f4233ea2"],
            "version": "==26.4"
        },
        "six": {
            "index": "pypi",
            "version": "==1.16.0"
        }
    },
    "develop": {
        "iniconfig": {
            "index": "pypi",
            "version": "==2.3.1"
        },
        "six": {
            "index": "pypi",
            "version": "==1.16.0"
        }
    }
}"#;

    #[test]
    fn sections_give_dev_and_index_gives_direct() {
        let inventory = read("Pipfile.lock", LOCK).unwrap();
        let found = with_direct_and_dev(&inventory);
        assert_eq!(
            found,
            [
                ("packaging", "26.4", 12, Some(false), Some(false)),
                ("six", "1.16.0", 16, Some(true), Some(false)),
                ("iniconfig", "2.3.1", 22, Some(true), Some(true)),
            ]
        );
        assert_eq!(inventory.notes, ["localpkg: from path ./libs/localpkg (editable), not a package index"]);
    }

    #[test]
    fn custom_categories_git_entries_and_files_without_index() {
        let text = r#"{"_meta": {}, "default": {"requests": {"version": "==2.31.0"}},
"docs": {"sphinx": {"version": "==7.2.6"}, "theme": {"git": "https://example.org/theme.git", "ref": "abc"}},
"develop": {"odd": {"version": "*"}}}"#;
        let inventory = read("Pipfile.lock", text).unwrap();
        let found: Vec<_> =
            inventory.packages.iter().map(|p| (p.name.as_str(), p.line, p.direct, p.dev)).collect();
        assert_eq!(found, [("requests", 1, None, Some(false)), ("sphinx", 2, None, None)]);
        assert_eq!(
            inventory.notes,
            [
                "odd (*): unpinned, no version to check",
                "theme: from git https://example.org/theme.git, not a package index"
            ]
        );
    }

    #[test]
    fn broken_files_are_errors_not_panics() {
        for text in
            ["", "[]", "{\"default\": []}", "{\"default\": {\"x\": {\"version\": 1}}}", "{\"default\": {"]
        {
            let error = read("Pipfile.lock", text).unwrap_err();
            assert!(error.starts_with("not a valid Pipfile.lock"), "{text}: {error}");
        }
        let deep = format!("{{\"default\": {}{}}}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(read("Pipfile.lock", &deep).unwrap_err().contains("recursion limit"));
        assert!(read("Pipfile.lock", "{}").unwrap().packages.is_empty());
    }
}
