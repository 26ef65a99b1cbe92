//! The dependency list `cargo auditable` embeds in Rust executables: a
//! `.dep-v0` section (in `__DATA` on Mach-O) holding zlib-compressed JSON,
//! `{"packages": [{"name", "version", "source", "kind", "root"}, ...]}`.
//! Sections are found with the `object` crate, for ELF, Mach-O and PE.
//!
//! Only crates whose source is `crates.io` are reported: local crates (the
//! program itself, workspace members), git and other registries' crates are
//! no crates.io release an advisory could be about, and are noted instead.
//! Build-time dependencies (`"kind": "build"`) are reported too: build
//! scripts and proc-macros shape the binary.

use super::super::{FileInventory, Package};
use object::{Object, ObjectSection};
use serde::Deserialize;
use std::io::Read;

/// The list of a program with a thousand dependencies is about 100 kB.
const MAX_JSON: u64 = 8 << 20;

#[derive(Deserialize)]
struct DependencyList {
    packages: Vec<Crate>,
}

#[derive(Deserialize)]
struct Crate {
    name: String,
    version: String,
    #[serde(default)]
    source: String,
}

/// The packages of a cargo-auditable executable, `None` when `bytes` is an
/// executable without the section.
pub fn read(path: &str, bytes: &[u8]) -> Result<Option<FileInventory>, String> {
    let file = object::File::parse(bytes).map_err(|e| format!("not a readable executable: {e}"))?;
    let Some(section) = file.section_by_name(".dep-v0") else { return Ok(None) };
    let compressed = section.data().map_err(|e| format!("unreadable .dep-v0 section: {e}"))?;
    let mut json = Vec::new();
    flate2::read::ZlibDecoder::new(compressed)
        .take(MAX_JSON + 1)
        .read_to_end(&mut json)
        .map_err(|e| format!(".dep-v0 section is not zlib data: {e}"))?;
    if json.len() as u64 > MAX_JSON {
        return Err(format!(".dep-v0 section holds more than {MAX_JSON} bytes"));
    }
    let list: DependencyList = serde_json::from_slice(&json)
        .map_err(|e| format!(".dep-v0 section is not a dependency list: {e}"))?;
    let mut inventory = FileInventory::default();
    for krate in list.packages {
        if krate.source == "crates.io" {
            inventory.packages.push(Package::new("crates.io", &krate.name, &krate.version, path, 1));
        } else {
            inventory.notes.push(format!(
                "{} {} from {:?} is not a crates.io crate",
                krate.name, krate.version, krate.source
            ));
        }
    }
    Ok(Some(inventory))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_binary_built_with_cargo_auditable() {
        // `cargo auditable build --release` (cargo-auditable 0.7.7) of a crate
        // depending on itoa 1, reduced to its .dep-v0 section with
        // `objcopy --only-section`.
        let elf = include_bytes!("../../../tests/fixtures/installed/rust-audtiny.elf");
        let inventory = read("usr/local/bin/audtiny", elf).unwrap().unwrap();
        let packages: Vec<_> =
            inventory.packages.iter().map(|p| (p.name.as_str(), p.version.as_str())).collect();
        assert_eq!(packages, [("itoa", "1.0.19")]);
        assert_eq!(inventory.packages[0].purl, "pkg:cargo/itoa@1.0.19");
        assert_eq!(inventory.notes, [r#"audtiny 0.1.0 from "local" is not a crates.io crate"#]);
    }

    #[test]
    fn executables_without_the_section_and_broken_ones() {
        let go = include_bytes!("../../../tests/fixtures/installed/go-hello.elf");
        assert!(read("x", go).unwrap().is_none());
        assert!(read("x", b"\x7fELF\x02\x01\x01").unwrap_err().contains("not a readable executable"));
        let elf = include_bytes!("../../../tests/fixtures/installed/rust-audtiny.elf");
        let mut broken = elf.to_vec();
        let file = object::File::parse(&elf[..]).unwrap();
        let (offset, _) = file.section_by_name(".dep-v0").unwrap().file_range().unwrap();
        broken[offset as usize + 4] ^= 0xff;
        assert!(read("x", &broken).is_err());
    }
}
