//! The package inventory: what a lockfile, manifest or package database says is
//! installed, each package with the file and line that says so. Ecosystem names
//! are OSV's (`crates.io`, `Go`, `PyPI`, `npm`, `Debian:12`), so that a package
//! can be looked up in OSV data as it is.

pub mod apk;
pub mod cargo_lock;
pub mod composer_lock;
pub mod dpkg;
pub mod gemfile_lock;
pub mod go_mod;
pub mod gradle_lockfile;
pub mod installed;
pub mod nuget_lock;
pub mod os;
pub mod package_lock;
pub mod pipfile_lock;
pub mod pnpm_lock;
pub mod poetry_lock;
pub mod pom_xml;
pub mod requirements;
pub mod rpm;
pub mod sbom_input;
pub mod uv_lock;
pub mod yarn_lock;

mod lines;
mod os_release;
pub(crate) mod percent;
mod stanza;
#[cfg(test)]
mod testing;

use serde::Serialize;

/// One installed (or locked) package.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Package {
    pub name: String,
    pub version: String,
    /// OSV ecosystem name.
    pub ecosystem: String,
    /// Package URL (`pkg:cargo/serde@1.0.0`).
    pub purl: String,
    /// The file that lists it, as reports show paths.
    pub path: String,
    /// 1-based line of its entry.
    pub line: u32,
    /// A direct dependency of the project (`Some(false)`: only pulled in by
    /// another package), when the format says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub direct: Option<bool>,
    /// A development-only dependency, when the format says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dev: Option<bool>,
    /// The source package it was built from, for OS packages (Debian `Source:`,
    /// Alpine `o:`): distribution advisories name source packages.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_name: Option<String>,
    /// The source package's version when it differs (Debian `Source: name (version)`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_version: Option<String>,
}

impl Package {
    /// A package found at `path:line`, its purl derived from ecosystem, name and version.
    pub fn new(ecosystem: &str, name: &str, version: &str, path: &str, line: u32) -> Package {
        Package {
            purl: purl(ecosystem, name, version),
            name: name.to_string(),
            version: version.to_string(),
            ecosystem: ecosystem.to_string(),
            path: path.to_string(),
            line,
            ..Package::default()
        }
    }
}

/// What reading one file gave: its packages, and notes about what was left out
/// on purpose (local path dependencies, unpinned requirements).
#[derive(Debug, Default)]
pub struct FileInventory {
    pub packages: Vec<Package>,
    pub notes: Vec<String>,
}

/// Other files of the tree being read, for formats that refer to them
/// (`-r base.txt`, a parent `pom.xml`, `etc/alpine-release` beside an apk
/// database). Paths are display paths as [`sibling`] builds them.
pub trait Files: Sync {
    /// The file's text, or `None` when it is not there or not readable.
    fn read(&self, path: &str) -> Option<String>;
}

/// No other files: each file is read alone.
pub struct NoFiles;

impl Files for NoFiles {
    fn read(&self, _path: &str) -> Option<String> {
        None
    }
}

/// The formats bosun reads, by where a file is and what it is called.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    CargoLock,
    PackageLock,
    YarnLock,
    PnpmLock,
    GoMod,
    Requirements,
    PoetryLock,
    PipfileLock,
    UvLock,
    PomXml,
    GradleLockfile,
    GemfileLock,
    ComposerLock,
    NugetLock,
    DpkgStatus,
    ApkInstalled,
    /// An rpm database (sqlite, Berkeley DB or ndb): binary, read with [`rpm::read`].
    RpmDatabase,
    /// A CycloneDX or SPDX JSON document; confirmed by its content.
    Sbom,
}

impl Format {
    /// The format of the file at display path `path` (`/`-separated), if bosun reads it.
    pub fn of(path: &str) -> Option<Format> {
        let file_name = path.rsplit('/').next().unwrap_or(path);
        let format = match file_name {
            "Cargo.lock" => Format::CargoLock,
            "package-lock.json" | "npm-shrinkwrap.json" => Format::PackageLock,
            "yarn.lock" => Format::YarnLock,
            "pnpm-lock.yaml" => Format::PnpmLock,
            "go.mod" => Format::GoMod,
            "poetry.lock" => Format::PoetryLock,
            "Pipfile.lock" => Format::PipfileLock,
            "uv.lock" => Format::UvLock,
            "pom.xml" => Format::PomXml,
            "gradle.lockfile" => Format::GradleLockfile,
            "Gemfile.lock" | "gems.locked" => Format::GemfileLock,
            "composer.lock" => Format::ComposerLock,
            "packages.lock.json" => Format::NugetLock,
            name if is_requirements_file(name) => Format::Requirements,
            _ if dpkg::is_database_path(path) => Format::DpkgStatus,
            _ if path == "lib/apk/db/installed" || path.ends_with("/lib/apk/db/installed") => {
                Format::ApkInstalled
            }
            _ if rpm::is_database_path(path) => Format::RpmDatabase,
            _ if sbom_input::is_sbom_name(file_name) => Format::Sbom,
            _ => return None,
        };
        Some(format)
    }
}

/// Reads `text` if the file at display path `path` is a format bosun knows;
/// `None` otherwise. Each file is read alone (see [`read_in`]).
pub fn read(path: &str, text: &str) -> Option<Result<FileInventory, String>> {
    read_in(path, text, &NoFiles)
}

/// Reads `text`, the file at display path `path`, if it is a format bosun
/// knows, with `files` for the other files it refers to.
pub fn read_in(path: &str, text: &str, files: &dyn Files) -> Option<Result<FileInventory, String>> {
    let result = match Format::of(path)? {
        Format::CargoLock => cargo_lock::read(path, text),
        Format::PackageLock => package_lock::read(path, text),
        Format::YarnLock => yarn_lock::read(path, text),
        Format::PnpmLock => pnpm_lock::read(path, text),
        Format::GoMod => go_mod::read(path, text),
        Format::Requirements => requirements::read(path, text, files),
        Format::PoetryLock => poetry_lock::read(path, text),
        Format::PipfileLock => pipfile_lock::read(path, text),
        Format::UvLock => uv_lock::read(path, text),
        Format::PomXml => pom_xml::read(path, text, files),
        Format::GradleLockfile => gradle_lockfile::read(path, text),
        Format::GemfileLock => gemfile_lock::read(path, text),
        Format::ComposerLock => composer_lock::read(path, text),
        Format::NugetLock => nuget_lock::read(path, text),
        Format::DpkgStatus => dpkg::read(path, text, files),
        Format::ApkInstalled => apk::read(path, text, files),
        // Its bytes do not survive being read as text.
        Format::RpmDatabase => Err("an rpm database is binary: read with inventory::rpm::read".into()),
        // Any JSON may be named like an SBOM: only a real one is read.
        Format::Sbom => return sbom_input::read(path, text).map(|r| r.map(without_blank_entries)),
    };
    Some(result.map(without_blank_entries))
}

/// Entries with an empty name or version (`version = ""` in a damaged or
/// hand-edited lockfile) name no package an advisory could be about: they
/// are noted, not inventoried — one rule for every format.
fn without_blank_entries(mut inventory: FileInventory) -> FileInventory {
    let blank = |p: &Package| p.name.trim().is_empty() || p.version.trim().is_empty();
    for package in inventory.packages.iter().filter(|p| blank(p)) {
        inventory.notes.push(format!(
            "line {}: an entry with an empty name or version ({:?} {:?}) is left out",
            package.line, package.name, package.version
        ));
    }
    inventory.packages.retain(|p| !blank(p));
    inventory
}

/// The display path of `relative` as seen from the file at `path`
/// (`a/b/requirements.txt` + `../base.txt` = `a/base.txt`). `None` when it
/// climbs above the tree's root, which [`Files`] never serves.
pub fn sibling(path: &str, relative: &str) -> Option<String> {
    let mut parts: Vec<&str> = path.split('/').collect();
    parts.pop();
    if relative.starts_with('/') {
        return None;
    }
    for part in relative.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            part => parts.push(part),
        }
    }
    Some(parts.join("/"))
}

/// The name as an ecosystem's registry treats it, for comparing names: PyPI
/// names are case-insensitive with `-`, `_` and `.` alike (PEP 503); NuGet and
/// Packagist names are case-insensitive; everything else is compared as is.
pub fn normalize_name(ecosystem: &str, name: &str) -> String {
    let base = ecosystem.split(':').next().unwrap_or(ecosystem);
    match base {
        "PyPI" => {
            let mut out = String::with_capacity(name.len());
            let mut separator = false;
            for c in name.chars() {
                if matches!(c, '-' | '_' | '.') {
                    separator = true;
                } else {
                    if separator && !out.is_empty() {
                        out.push('-');
                    }
                    separator = false;
                    out.push(c.to_ascii_lowercase());
                }
            }
            out
        }
        "NuGet" | "Packagist" => name.to_ascii_lowercase(),
        _ => name.to_string(),
    }
}

/// `requirements.txt`, `requirements-dev.txt`, `requirements/prod.txt`-style names.
fn is_requirements_file(name: &str) -> bool {
    name.ends_with(".txt") && name.starts_with("requirements")
}

/// The package URL of a package, per the purl spec's type for the ecosystem.
pub fn purl(ecosystem: &str, name: &str, version: &str) -> String {
    let kind = match ecosystem {
        "crates.io" => "cargo",
        "Go" => "golang",
        "PyPI" => "pypi",
        "npm" => "npm",
        "Maven" => "maven",
        "RubyGems" => "gem",
        "NuGet" => "nuget",
        "Packagist" => "composer",
        "Pub" => "pub",
        "Hex" => "hex",
        _ if ecosystem.starts_with("Debian") || ecosystem.starts_with("Ubuntu") => "deb",
        _ if ecosystem.starts_with("Alpine") => "apk",
        _ => "generic",
    };
    // `@scope/name` and `group:artifact` become namespaces; the rest is the name.
    let name = match kind {
        "npm" => name.replacen('@', "%40", 1),
        "maven" => name.replacen(':', "/", 1),
        "pypi" => name.to_ascii_lowercase().replace('_', "-"),
        _ => name.to_string(),
    };
    format!("pkg:{kind}/{name}@{version}")
}

/// The package URL of an OS package (`pkg:deb/debian/curl@7.88.1-10?arch=amd64`),
/// whose namespace, name and version are percent-encoded (Debian versions may
/// hold `+`) and whose qualifiers say the architecture and release; those left
/// `None` are left out, as is the namespace when the distribution is unknown.
pub(crate) fn os_purl<const N: usize>(
    kind: &str,
    vendor: Option<&str>,
    name: &str,
    version: &str,
    qualifiers: [(&str, Option<&str>); N],
) -> String {
    let encode = percent::encode_purl_part;
    let namespace = vendor.map(|v| format!("{}/", encode(v))).unwrap_or_default();
    let mut purl = format!("pkg:{kind}/{namespace}{}@{}", encode(name), encode(version));
    let qualifiers: Vec<String> = qualifiers
        .into_iter()
        .filter_map(|(key, value)| value.map(|value| format!("{key}={}", encode(value))))
        .collect();
    if !qualifiers.is_empty() {
        purl.push('?');
        purl.push_str(&qualifiers.join("&"));
    }
    purl
}

#[cfg(test)]
mod blank_entry_tests {
    use super::{read_in, NoFiles};

    #[test]
    fn entries_with_an_empty_name_or_version_are_noted_in_every_format() {
        let cases = [
            (
                "Cargo.lock",
                "[[package]]\nname = \"\"\nversion = \"1.0.0\"\nsource = \"registry+https://x\"\n",
            ),
            ("Cargo.lock", "[[package]]\nname = \"a\"\nversion = \"\"\nsource = \"registry+https://x\"\n"),
            ("yarn.lock", "u@:\n  version \"\"\n"),
            ("composer.lock", r#"{"packages": [{"name": "", "version": "1.0.0"}]}"#),
        ];
        for (path, text) in cases {
            let inventory = read_in(path, text, &NoFiles).unwrap().unwrap();
            assert!(inventory.packages.is_empty(), "{path}: {:?}", inventory.packages);
            assert!(
                inventory.notes.iter().any(|n| n.contains("empty name or version")),
                "{path}: {:?}",
                inventory.notes
            );
        }
    }
}
