//! `Cargo.lock` (format versions 1 to 4). Packages without a `source` are the
//! workspace's own crates (or path dependencies): not from a registry, so not
//! in any advisory database.

use super::{FileInventory, Package};
use serde::Deserialize;

#[derive(Deserialize)]
struct Lock {
    #[serde(default)]
    package: Vec<Entry>,
}

#[derive(Deserialize)]
struct Entry {
    name: String,
    version: String,
    source: Option<String>,
}

pub fn read(path: &str, text: &str) -> Result<FileInventory, String> {
    let lock: Lock = toml::from_str(text).map_err(|e| format!("not a valid Cargo.lock: {}", e.message()))?;
    // The n-th `[[package]]` header is the n-th entry: that gives each its line.
    let header_lines: Vec<u32> = text
        .lines()
        .enumerate()
        .filter(|(_, line)| line.trim() == "[[package]]")
        .map(|(i, _)| i as u32 + 1)
        .collect();
    let mut inventory = FileInventory::default();
    for (index, entry) in lock.package.into_iter().enumerate() {
        let line = header_lines.get(index).copied().unwrap_or(1);
        match entry.source.as_deref() {
            Some(source) if source.starts_with("registry+") || source.starts_with("sparse+") => {
                inventory.packages.push(Package::new("crates.io", &entry.name, &entry.version, path, line));
            }
            Some(source) => inventory
                .notes
                .push(format!("{} {}: from {source}, not a registry", entry.name, entry.version)),
            None => {}
        }
    }
    Ok(inventory)
}

#[cfg(test)]
mod tests {
    use super::read;

    #[test]
    fn registry_packages_with_their_lines_and_local_crates_left_out() {
        let text = "version = 3\n\n[[package]]\nname = \"app\"\nversion = \"0.1.0\"\n\n[[package]]\nname = \"serde\"\nversion = \"1.0.200\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\n\n[[package]]\nname = \"fork\"\nversion = \"0.3.0\"\nsource = \"git+https://example.org/fork#abc\"\n";
        let inventory = read("Cargo.lock", text).unwrap();
        assert_eq!(inventory.packages.len(), 1);
        let serde = &inventory.packages[0];
        assert_eq!((serde.name.as_str(), serde.version.as_str(), serde.line), ("serde", "1.0.200", 7));
        assert_eq!(serde.purl, "pkg:cargo/serde@1.0.200");
        assert_eq!(inventory.notes.len(), 1, "the git dependency is noted");
    }

    #[test]
    fn broken_files_are_errors_not_panics() {
        assert!(read("Cargo.lock", "[[package]]\nname = 1\n").is_err());
        assert!(read("Cargo.lock", "").unwrap().packages.is_empty());
    }
}
