//! Packages installed in a filesystem, as a container image holds them: not
//! lockfiles but what package managers and build tools leave behind — Python
//! metadata, `node_modules/**/package.json`, the build info Go and
//! cargo-auditable embed in executables, and Java archives.
//!
//! A caller walking a filesystem asks [`kind_of`] about each path; executables
//! have no telling name, so for other regular files it reads the first 8
//! bytes and asks [`looks_executable`] — ELF, Mach-O and PE are told by their
//! magic numbers — before reading the whole file.

pub mod go_binary;
pub mod java_archive;
pub mod npm_package;
pub mod python_metadata;
pub mod rust_binary;

use super::{FileInventory, Package};

/// What an installed file is, and so which reader reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `*.dist-info/METADATA`, `*.egg-info/PKG-INFO` or an `*.egg-info` file.
    PythonMetadata,
    /// `package.json` at the root of a package under `node_modules`.
    NpmPackage,
    /// A `.jar`, `.war` or `.ear` (and Jenkins' `.hpi`/`.jpi`) archive.
    JavaArchive,
    /// An ELF, Mach-O or PE executable, which may carry Go or cargo-auditable
    /// build info.
    Executable,
}

/// The kind of the file at `/`-separated `path`, when its path tells; an
/// executable's does not (see [`looks_executable`]).
pub fn kind_of(path: &str) -> Option<Kind> {
    let file_name = path.rsplit('/').next().unwrap_or(path);
    let parent = parent_name(path);
    if (file_name == "METADATA" && parent.is_some_and(|p| p.ends_with(".dist-info")))
        || (file_name == "PKG-INFO" && parent.is_some_and(|p| p.ends_with(".egg-info")))
        || file_name.ends_with(".egg-info")
    {
        return Some(Kind::PythonMetadata);
    }
    if file_name == "package.json" && npm_package::is_package_root(path) {
        return Some(Kind::NpmPackage);
    }
    let lower = file_name.to_ascii_lowercase();
    if [".jar", ".war", ".ear", ".hpi", ".jpi"].iter().any(|ext| lower.ends_with(ext)) {
        return Some(Kind::JavaArchive);
    }
    None
}

/// Whether a file starting with `head` (its first 8 bytes suffice) is an
/// executable format that may hold Go or Rust build info: ELF, Mach-O (thin or
/// universal) or PE.
pub fn looks_executable(head: &[u8]) -> bool {
    // A universal Mach-O shares its magic with Java class files; what follows
    // tells them apart, as file(1) does: a count of architectures (small)
    // against a class file version (45 and up).
    if let Some(rest) = head.strip_prefix(b"\xca\xfe\xba\xbe") {
        return rest
            .get(..4)
            .is_some_and(|count| u32::from_be_bytes([count[0], count[1], count[2], count[3]]) < 45);
    }
    const MAGICS: [&[u8]; 6] = [
        b"\x7fELF",
        b"\xfe\xed\xfa\xce",
        b"\xce\xfa\xed\xfe",
        b"\xfe\xed\xfa\xcf",
        b"\xcf\xfa\xed\xfe",
        b"MZ",
    ];
    MAGICS.iter().any(|magic| head.starts_with(magic))
}

/// The packages the installed file at `path` with content `bytes` says are there.
pub fn read(path: &str, bytes: &[u8]) -> Result<Vec<Package>, String> {
    read_inventory(path, bytes).map(|inventory| inventory.packages)
}

/// As [`read`], with notes on what was left out on purpose (local
/// replacements of Go modules, crates not from crates.io, ...).
pub fn read_inventory(path: &str, bytes: &[u8]) -> Result<FileInventory, String> {
    let kind = match kind_of(path) {
        Some(kind) => kind,
        None if looks_executable(bytes) => Kind::Executable,
        None => return Err("not a file with installed packages bosun reads".to_string()),
    };
    match kind {
        Kind::PythonMetadata => python_metadata::read(path, bytes),
        Kind::NpmPackage => npm_package::read(path, bytes),
        Kind::JavaArchive => java_archive::read(path, bytes),
        Kind::Executable => read_executable(path, bytes),
    }
}

/// Go build info is looked for first (it needs no object parsing in Go 1.18
/// and later), then a cargo-auditable section; an executable with neither
/// holds no packages bosun can name.
fn read_executable(path: &str, bytes: &[u8]) -> Result<FileInventory, String> {
    if let Some(inventory) = go_binary::read(path, bytes)? {
        return Ok(inventory);
    }
    Ok(rust_binary::read(path, bytes)?.unwrap_or_default())
}

fn parent_name(path: &str) -> Option<&str> {
    let mut parts = path.rsplit('/');
    parts.next();
    parts.next()
}

/// `bytes` as UTF-8 text of at most `limit` bytes, or why not.
fn text(bytes: &[u8], limit: usize, what: &str) -> Result<String, String> {
    if bytes.len() > limit {
        return Err(format!("{what} is {} bytes, more than the {limit} bosun reads", bytes.len()));
    }
    Ok(String::from_utf8_lossy(bytes).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_path() {
        let cases = [
            ("usr/lib/python3/dist-packages/blinker-1.5.dist-info/METADATA", Some(Kind::PythonMetadata)),
            ("usr/lib/python3.11/site-packages/crcmod-1.7.egg-info/PKG-INFO", Some(Kind::PythonMetadata)),
            ("usr/lib/python3/dist-packages/PyJWT-2.6.0.egg-info", Some(Kind::PythonMetadata)),
            ("srv/docs/METADATA", None),
            ("app/node_modules/left-pad/package.json", Some(Kind::NpmPackage)),
            ("app/node_modules/@types/node/package.json", Some(Kind::NpmPackage)),
            ("app/node_modules/a/node_modules/b/package.json", Some(Kind::NpmPackage)),
            ("app/node_modules/glob/dist/esm/package.json", None),
            ("app/node_modules/resolve/test/fixtures/x/package.json", None),
            ("app/package.json", None),
            ("opt/app/app.jar", Some(Kind::JavaArchive)),
            ("opt/tomcat/webapps/ROOT.WAR", Some(Kind::JavaArchive)),
            ("usr/bin/hello", None),
        ];
        for (path, kind) in cases {
            assert_eq!(kind_of(path), kind, "{path}");
        }
    }

    #[test]
    fn executables_by_magic() {
        assert!(looks_executable(b"\x7fELF\x02\x01"));
        assert!(looks_executable(b"MZ\x90\x00"));
        assert!(looks_executable(b"\xcf\xfa\xed\xfe"));
        assert!(looks_executable(b"\xca\xfe\xba\xbe\0\0\0\x02"));
        // A Java 17 class file.
        assert!(!looks_executable(b"\xca\xfe\xba\xbe\0\0\0\x3d"));
        assert!(!looks_executable(b"#!/bin/sh\n"));
        assert!(!looks_executable(b""));
    }

    #[test]
    fn other_files_are_refused() {
        let error = read("etc/passwd", b"root:x:0:0::/root:/bin/sh\n").unwrap_err();
        assert!(error.contains("not a file"), "{error}");
    }

    /// Every fixture cut short, or with a byte flipped, is read without a panic.
    #[test]
    fn damaged_files_never_panic() {
        let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/installed");
        for (file, path) in [
            ("go-hello.elf", "usr/bin/hello"),
            ("rust-audtiny.elf", "usr/bin/audtiny"),
            ("java/app.war", "srv/app.war"),
            ("java/plexus-cipher-2.0.jar", "lib/plexus-cipher-2.0.jar"),
            ("npm/node_modules/eastasianwidth/package.json", "node_modules/eastasianwidth/package.json"),
            ("python/crcmod-1.7.egg-info/PKG-INFO", "crcmod-1.7.egg-info/PKG-INFO"),
        ] {
            let bytes = std::fs::read(format!("{fixtures}/{file}")).unwrap();
            assert!(!read(path, &bytes).unwrap().is_empty(), "{file}");
            for cut in (0..bytes.len()).step_by(bytes.len() / 500 + 1) {
                let _ = read(path, &bytes[..cut]);
                let mut flipped = bytes.clone();
                flipped[cut] ^= 0x5a;
                let _ = read(path, &flipped);
            }
        }
    }

    #[test]
    fn an_executable_without_build_info_holds_nothing() {
        let elf = include_bytes!("../../../tests/fixtures/installed/go-hello.elf");
        // The same ELF with its build info magic broken is just an executable.
        let mut plain = elf.to_vec();
        let at = plain.windows(14).position(|w| w == b"\xff Go buildinf:").unwrap();
        plain[at] = 0;
        assert_eq!(read("usr/bin/hello", &plain).unwrap(), Vec::new());
    }
}
