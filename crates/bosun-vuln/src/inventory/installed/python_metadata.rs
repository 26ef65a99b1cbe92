//! Python's installed-package metadata: `*.dist-info/METADATA` (wheels, pip)
//! and `*.egg-info/PKG-INFO` or an `*.egg-info` file (setuptools, Debian's
//! python3-* packages). Both are e-mail style headers; only `Name:` and
//! `Version:` of the header block are read. Requirements (`Requires-Dist:`)
//! are left out on purpose: they say what could be installed, not what is.

use super::super::{FileInventory, Package};

/// Metadata files are a few kilobytes; a long description makes some larger.
const MAX_BYTES: usize = 4 << 20;

pub fn read(path: &str, bytes: &[u8]) -> Result<FileInventory, String> {
    let text = super::text(bytes, MAX_BYTES, "Python metadata")?;
    let mut name = None;
    let mut version = None;
    for (index, line) in text.lines().enumerate() {
        // The headers end at the first blank line; the description follows.
        if line.trim().is_empty() {
            break;
        }
        let Some((key, value)) = line.split_once(':') else { continue };
        let value = value.trim();
        match key {
            "Name" if name.is_none() => name = Some((value, index as u32 + 1)),
            "Version" if version.is_none() => version = Some(value),
            _ => {}
        }
    }
    let (name, line) = name.filter(|(n, _)| !n.is_empty()).ok_or("no Name header in Python metadata")?;
    let version = version.filter(|v| !v.is_empty()).ok_or("no Version header in Python metadata")?;
    Ok(FileInventory { packages: vec![Package::new("PyPI", name, version, path, line)], notes: Vec::new() })
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/installed/python");

    #[test]
    fn real_metadata_files() {
        // From Debian 12's python3-blinker (a wheel's METADATA, description
        // included) and python3-crcmod (setuptools' PKG-INFO).
        for (file, name, version) in [
            ("site-packages/blinker-1.5.dist-info/METADATA", "blinker", "1.5"),
            ("crcmod-1.7.egg-info/PKG-INFO", "crcmod", "1.7"),
        ] {
            let path = format!("usr/lib/python3/dist-packages/{file}");
            assert_eq!(super::super::kind_of(&path), Some(super::super::Kind::PythonMetadata));
            let bytes = std::fs::read(format!("{FIXTURES}/{file}")).unwrap();
            let packages = read(&path, &bytes).unwrap().packages;
            let found: Vec<_> =
                packages.iter().map(|p| (p.name.as_str(), p.version.as_str(), p.line)).collect();
            assert_eq!(found, [(name, version, 2)], "{file}");
        }
    }

    #[test]
    fn reads_name_and_version_of_the_header_block() {
        let text = "Metadata-Version: 2.1\nName: Foo_Bar\nVersion: 1.2.post1\n\nName: not-this\n";
        let packages = read("x/Foo_Bar-1.2.post1.dist-info/METADATA", text.as_bytes()).unwrap().packages;
        assert_eq!(packages.len(), 1);
        let package = &packages[0];
        assert_eq!(
            (package.name.as_str(), package.version.as_str(), package.line),
            ("Foo_Bar", "1.2.post1", 2)
        );
        assert_eq!(package.purl, "pkg:pypi/foo-bar@1.2.post1");
    }

    #[test]
    fn a_version_in_the_description_does_not_count() {
        let error = read("PKG-INFO", b"Name: foo\n\nVersion: 1.0\n").unwrap_err();
        assert!(error.contains("no Version"), "{error}");
        assert!(read("PKG-INFO", b"Version: 1.0\n").unwrap_err().contains("no Name"));
    }

    #[test]
    fn oversized_metadata_is_refused() {
        let big = vec![b'a'; MAX_BYTES + 1];
        assert!(read("METADATA", &big).unwrap_err().contains("more than"));
    }
}
