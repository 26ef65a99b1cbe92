//! The image's package inventory: what its final file tree holds. Files a
//! later layer replaced or deleted are not installed any more, so only each
//! path's last version counts (secrets are different: see `walk`).

use super::walk::{LayerFile, Walked};
use bosun_image::{EntryKind, FileTree};
use bosun_vuln::inventory::{self, FileInventory, Package};
use std::collections::{HashMap, HashSet};

/// Packages with the layer of the file that lists them.
#[derive(Default)]
pub struct ImageInventory {
    pub packages: Vec<Package>,
    /// The layer each package's file came from, by file path.
    pub layer_of: HashMap<String, usize>,
    /// (path, note) and (path, error) as the readers gave them.
    pub notes: Vec<(String, String)>,
    pub errors: Vec<(String, String)>,
    /// Files that listed packages (for the report's file list).
    pub files: Vec<String>,
    /// Language packages left out because an OS package installed their files.
    pub covered_by_os_packages: usize,
}

/// The final versions of the walked text files, served to readers that look
/// at neighbours (`-r base.txt`, a parent POM, the release files).
pub struct FinalTexts<'a> {
    by_path: HashMap<&'a str, &'a str>,
}

impl<'a> FinalTexts<'a> {
    pub fn new(walked: &'a Walked) -> Self {
        let by_path = walked
            .texts
            .iter()
            .filter(|(file, _)| is_final(&walked.tree, file))
            .map(|(file, text)| (file.path.as_str(), text.as_str()))
            .collect();
        FinalTexts { by_path }
    }

    /// The paths and texts, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (&'a str, &'a str)> + '_ {
        self.by_path.iter().map(|(p, t)| (*p, *t))
    }
}

impl inventory::Files for FinalTexts<'_> {
    fn read(&self, path: &str) -> Option<String> {
        self.by_path.get(path).map(|text| text.to_string())
    }
}

/// Whether `file` is the version of its path that the final tree holds.
pub fn is_final(tree: &FileTree, file: &LayerFile) -> bool {
    tree.get(&file.path).is_some_and(|node| node.layer == file.layer && node.kind == EntryKind::File)
}

/// Reads every inventory file of the final tree; `installed` is what the walk
/// read on the spot (taken out of it, as the results are moved).
///
/// Files an OS package installed (`owned`) are left out: `python3-django`'s
/// metadata says Django, but the distribution patches it and publishes its
/// advisories under the OS package, so the PyPI advisories for that version
/// would be false alarms (and the package would be listed twice).
pub fn collect(
    walked: &Walked,
    installed: Vec<(LayerFile, Result<FileInventory, String>)>,
    texts: &FinalTexts<'_>,
    owned: &HashSet<String>,
) -> ImageInventory {
    let mut found = ImageInventory::default();
    let add = |file: &LayerFile, result: Result<FileInventory, String>, found: &mut ImageInventory| {
        if owned.contains(&file.path) && !is_os_database(&file.path) {
            if let Ok(inventory) = &result {
                found.covered_by_os_packages += inventory.packages.len();
            }
            return;
        }
        match result {
            Ok(inventory) => {
                found.notes.extend(inventory.notes.into_iter().map(|n| (file.path.clone(), n)));
                if !inventory.packages.is_empty() {
                    found.files.push(file.path.clone());
                    found.layer_of.insert(file.path.clone(), file.layer);
                }
                found.packages.extend(inventory.packages);
            }
            Err(message) => found.errors.push((file.path.clone(), message)),
        }
    };
    for (file, text) in &walked.texts {
        if !is_final(&walked.tree, file) {
            continue;
        }
        if let Some(result) = inventory::read_in(&file.path, text, texts) {
            add(file, result, &mut found);
        }
    }
    for (file, bytes) in &walked.databases {
        if is_final(&walked.tree, file) {
            add(file, inventory::rpm::read(&file.path, bytes, texts), &mut found);
        }
    }
    for (file, result) in installed {
        if is_final(&walked.tree, &file) {
            add(&file, result, &mut found);
        }
    }
    found.packages.sort();
    found.packages.dedup();
    found.files.sort();
    found.files.dedup();
    found
}

/// The OS package databases themselves (dpkg may list its own status files).
fn is_os_database(path: &str) -> bool {
    matches!(
        inventory::Format::of(path),
        Some(
            inventory::Format::DpkgStatus | inventory::Format::ApkInstalled | inventory::Format::RpmDatabase
        )
    )
}
