//! `composer.lock`: the `packages` (production) and `packages-dev`
//! (development) entries with their versions as Composer wrote them (`v1.2.3`
//! keeps its `v`: Packagist advisories and the version ordering accept both).
//! Branch versions (`dev-main`, `2.x-dev`) are noted and left out, as are
//! packages installed from a local path repository: neither is a release an
//! advisory can name. Whether a package is direct is in `composer.json`.

use super::lines::each_key;
use super::{FileInventory, Package};
use serde::Deserialize;

#[derive(Deserialize)]
struct Lock {
    packages: Option<Vec<Entry>>,
    #[serde(rename = "packages-dev")]
    packages_dev: Option<Vec<Entry>>,
}

#[derive(Deserialize)]
struct Entry {
    name: String,
    version: String,
    dist: Option<Dist>,
}

#[derive(Deserialize)]
struct Dist {
    #[serde(rename = "type")]
    kind: Option<String>,
    url: Option<String>,
}

pub fn read(path: &str, text: &str) -> Result<FileInventory, String> {
    let lock: Lock = serde_json::from_str(text).map_err(|e| format!("not a valid composer.lock: {e}"))?;
    if lock.packages.is_none() && lock.packages_dev.is_none() {
        return Err("not a valid composer.lock: it has neither `packages` nor `packages-dev`".into());
    }
    // Each entry's own `"name"`, in order: (section, line).
    let mut names: Vec<(String, u32)> = Vec::new();
    each_key(text, |enclosing, key, line| {
        if key == "name" && enclosing.len() == 2 {
            names.push((enclosing[0].clone(), line));
        }
    });
    let mut inventory = FileInventory::default();
    for (section, entries, dev) in
        [("packages", lock.packages, false), ("packages-dev", lock.packages_dev, true)]
    {
        let mut lines = names.iter().filter(|(of, _)| of == section).map(|&(_, line)| line);
        for entry in entries.unwrap_or_default() {
            let line = lines.next().unwrap_or(1);
            if is_branch(&entry.version) {
                inventory.notes.push(format!("{} {}: a branch, not a release", entry.name, entry.version));
                continue;
            }
            if let Some(Dist { kind: Some(kind), url }) = &entry.dist {
                if kind == "path" {
                    let url = url.as_deref().unwrap_or("?");
                    inventory.notes.push(format!(
                        "{} {}: from path {url}, not a package index",
                        entry.name, entry.version
                    ));
                    continue;
                }
            }
            let mut package = Package::new("Packagist", &entry.name, &entry.version, path, line);
            package.dev = Some(dev);
            inventory.packages.push(package);
        }
    }
    Ok(inventory)
}

/// `dev-main`, `dev-feature/x`, and numbered branches `2.x-dev`, `1.0.*-dev`.
fn is_branch(version: &str) -> bool {
    version.starts_with("dev-") || version.ends_with(".x-dev") || version.ends_with(".*-dev")
}

#[cfg(test)]
mod tests {
    use super::read;
    use crate::inventory::testing::with_dev;

    /// Trimmed from a real composer.lock (laravel.io, 2018).
    const LOCK: &str = r#"{
    "_readme": ["This file locks the dependencies of your project to a known state"],
    "content-hash": "ca59a9d7591b84a0a95bd89c4d79e3bf",
    "packages": [
        {
            "name": "bugsnag/bugsnag",
            "version": "v3.12.1",
            "authors": [{"name": "James Smith", "email": "notifiers@bugsnag.com"}]
        },
        {
            "name": "laravelio/resources",
            "version": "dev-master",
            "source": {"type": "git", "url": "https://github.com/laravelio/resources.git"}
        },
        {
            "name": "acme/local",
            "version": "1.0.0",
            "dist": {"type": "path", "url": "../local"}
        },
        {"name": "doctrine/inflector", "version": "v1.3.0"}
    ],
    "packages-dev": [
        {
            "name": "phpunit/phpunit",
            "version": "6.5.8"
        },
        {
            "name": "mockery/mockery",
            "version": "1.1.x-dev"
        }
    ],
    "aliases": [],
    "minimum-stability": "stable"
}"#;

    #[test]
    fn releases_with_dev_flags_and_lines_of_their_names() {
        let inventory = read("composer.lock", LOCK).unwrap();
        let found = with_dev(&inventory);
        assert_eq!(
            found,
            [
                ("bugsnag/bugsnag", "v3.12.1", 6, Some(false)),
                ("doctrine/inflector", "v1.3.0", 20, Some(false)),
                ("phpunit/phpunit", "6.5.8", 24, Some(true)),
            ]
        );
        assert_eq!(inventory.packages[0].purl, "pkg:composer/bugsnag/bugsnag@v3.12.1");
        assert_eq!(
            inventory.notes,
            [
                "laravelio/resources dev-master: a branch, not a release",
                "acme/local 1.0.0: from path ../local, not a package index",
                "mockery/mockery 1.1.x-dev: a branch, not a release",
            ]
        );
    }

    #[test]
    fn old_null_dev_section_and_escaped_keys() {
        let text = "{\"packages\":[{\"n\\u0061me\":\"a/b\",\"version\":\"1.0\"}],\n\"packages-dev\":null}";
        let inventory = read("composer.lock", text).unwrap();
        assert_eq!(inventory.packages.len(), 1);
        assert_eq!((inventory.packages[0].name.as_str(), inventory.packages[0].line), ("a/b", 1));
    }

    #[test]
    fn broken_files_are_errors_not_panics() {
        for text in
            ["", "[]", "{}", "{\"packages\": [{\"name\": \"a/b\"}]}", "{\"packages\": [", "{\"packages\": 3}"]
        {
            let error = read("composer.lock", text).unwrap_err();
            assert!(error.starts_with("not a valid composer.lock"), "{text}: {error}");
        }
    }
}
