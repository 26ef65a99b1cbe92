//! The package inventory of scan targets: every lockfile, manifest and package
//! database found by the walk, read with the other files of its tree at hand.
//! `bosun scan` matches it against the vulnerability database; `bosun sbom`
//! writes it out.

use super::source::TextFile;
use bosun_vuln::inventory::{self, Format, Package};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::PathBuf;

/// What the inventory files of a scan gave.
#[derive(Debug, Default)]
pub struct Collected {
    pub packages: Vec<Package>,
    /// (path, note): what a reader deliberately left out (unpinned requirements,
    /// local path dependencies).
    pub notes: Vec<(String, String)>,
    /// (path, message): files that could not be read as their format.
    pub errors: Vec<(String, String)>,
    /// The inventory files read, by display path.
    pub files: Vec<String>,
}

/// The walked files by display path, for readers that follow references to
/// other files (`-r base.txt`, a parent POM). Only files the walk listed are
/// served: nothing outside the scanned tree, nothing ignored.
struct WalkedFiles<'a> {
    by_display: HashMap<&'a str, &'a Option<PathBuf>>,
    max_size: u64,
}

impl inventory::Files for WalkedFiles<'_> {
    fn read(&self, path: &str) -> Option<String> {
        let fs_path = self.by_display.get(path)?.as_ref()?;
        let meta = std::fs::metadata(fs_path).ok()?;
        if meta.len() > self.max_size {
            return None;
        }
        std::fs::read_to_string(fs_path).ok()
    }
}

/// Whether a walked file is one the inventory reads.
pub fn is_inventory_file(display: &str) -> bool {
    Format::of(display).is_some()
}

/// Reads every inventory file among `files` (in parallel).
pub fn collect(files: &[TextFile], max_size: u64) -> Collected {
    let walked = WalkedFiles {
        by_display: files.iter().map(|f| (f.display.as_str(), &f.fs_path)).collect(),
        max_size,
    };
    let results: Vec<(String, Option<Result<inventory::FileInventory, String>>)> = files
        .par_iter()
        .filter(|f| is_inventory_file(&f.display))
        .map(|file| {
            if Format::of(&file.display) == Some(Format::RpmDatabase) {
                return (file.display.clone(), Some(read_rpm_database(file, &walked)));
            }
            let text = match read_text(file, max_size) {
                Ok(text) => text,
                Err(message) => return (file.display.clone(), Some(Err(message))),
            };
            (file.display.clone(), inventory::read_in(&file.display, &text, &walked))
        })
        .collect();
    let mut collected = Collected::default();
    for (path, result) in results {
        match result {
            None => {}
            Some(Ok(found)) => {
                collected.files.push(path.clone());
                collected.packages.extend(found.packages);
                collected.notes.extend(found.notes.into_iter().map(|note| (path.clone(), note)));
            }
            Some(Err(message)) => collected.errors.push((path, message)),
        }
    }
    collected.packages.sort();
    collected.packages.dedup();
    collected
}

/// An rpm database is binary (sqlite, Berkeley DB or ndb) and may be far
/// larger than a text file: it has its own reader and size bound.
fn read_rpm_database(file: &TextFile, walked: &WalkedFiles<'_>) -> Result<inventory::FileInventory, String> {
    const MAX_DATABASE_BYTES: u64 = 512 << 20;
    let fs_path = file.fs_path.as_ref().ok_or("stdin is not read as a package database")?;
    let meta = std::fs::metadata(fs_path).map_err(|e| e.to_string())?;
    if meta.len() > MAX_DATABASE_BYTES {
        return Err(bosun_core::finding::too_large_reason(meta.len(), MAX_DATABASE_BYTES));
    }
    let bytes = std::fs::read(fs_path).map_err(|e| e.to_string())?;
    inventory::rpm::read(&file.display, &bytes, walked)
}

fn read_text(file: &TextFile, max_size: u64) -> Result<String, String> {
    let Some(fs_path) = &file.fs_path else {
        return Err("stdin is not read as a lockfile".into());
    };
    let meta = std::fs::metadata(fs_path).map_err(|e| e.to_string())?;
    if meta.len() > max_size {
        return Err(bosun_core::finding::too_large_reason(meta.len(), max_size));
    }
    let bytes = std::fs::read(fs_path).map_err(|e| e.to_string())?;
    String::from_utf8(bytes)
        .map_err(|e| format!("not valid UTF-8 (bad byte at offset {})", e.utf8_error().valid_up_to()))
}
