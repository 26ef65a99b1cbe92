//! The package inventory: what a lockfile, manifest or package database says is
//! installed, each package with the file and line that says so. Ecosystem names
//! are OSV's (`crates.io`, `Go`, `PyPI`, `npm`, `Debian:12`), so that a package
//! can be looked up in OSV data as it is.

pub mod cargo_lock;
pub mod go_mod;
pub mod requirements;

use serde::Serialize;

/// One installed (or locked) package.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
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
}

/// What reading one file gave: its packages, and notes about what was left out
/// on purpose (local path dependencies, unpinned requirements).
#[derive(Debug, Default)]
pub struct FileInventory {
    pub packages: Vec<Package>,
    pub notes: Vec<String>,
}

/// Reads `text` if `file_name` is a format bosun knows; `None` otherwise.
/// `path` is the display path recorded on each package.
pub fn read(path: &str, file_name: &str, text: &str) -> Option<Result<FileInventory, String>> {
    match file_name {
        "Cargo.lock" => Some(cargo_lock::read(path, text)),
        "go.mod" => Some(go_mod::read(path, text)),
        name if is_requirements_file(name) => Some(requirements::read(path, text)),
        _ => None,
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
