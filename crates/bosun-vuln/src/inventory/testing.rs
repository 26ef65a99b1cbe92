//! What the readers' unit tests share: a tree of files in memory for the
//! readers that follow references, the repository's npm fixtures, and the
//! short rows tests compare packages by.

use super::{FileInventory, Files};
use std::collections::HashMap;

/// Files in memory, by display path.
pub(crate) struct Tree(pub HashMap<String, String>);

impl Files for Tree {
    fn read(&self, path: &str) -> Option<String> {
        self.0.get(path).cloned()
    }
}

/// A [`Tree`] of (display path, text) pairs.
pub(crate) fn tree<'a>(files: impl IntoIterator<Item = (&'a str, &'a str)>) -> Tree {
    Tree(files.into_iter().map(|(path, text)| (path.to_string(), text.to_string())).collect())
}

/// A file of `tests/fixtures/lockfiles/npm/`.
pub(crate) fn npm_fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/lockfiles/npm/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Each package as (name, version, line, direct).
pub(crate) fn with_direct(inventory: &FileInventory) -> Vec<(&str, &str, u32, Option<bool>)> {
    inventory.packages.iter().map(|p| (p.name.as_str(), p.version.as_str(), p.line, p.direct)).collect()
}

/// Each package as (name, version, line, dev).
pub(crate) fn with_dev(inventory: &FileInventory) -> Vec<(&str, &str, u32, Option<bool>)> {
    inventory.packages.iter().map(|p| (p.name.as_str(), p.version.as_str(), p.line, p.dev)).collect()
}

/// A package as (name, version, line, direct, dev).
pub(crate) type DirectAndDev<'a> = (&'a str, &'a str, u32, Option<bool>, Option<bool>);

/// Each package as a [`DirectAndDev`] row.
pub(crate) fn with_direct_and_dev(inventory: &FileInventory) -> Vec<DirectAndDev<'_>> {
    inventory
        .packages
        .iter()
        .map(|p| (p.name.as_str(), p.version.as_str(), p.line, p.direct, p.dev))
        .collect()
}
