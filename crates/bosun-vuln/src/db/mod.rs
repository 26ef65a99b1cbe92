//! The vulnerability database: OSV advisories kept on disk so that a scan
//! needs no network.
//!
//! The store is one SQLite file (`osv.db` in the user's cache directory).
//! SQLite because it is a single file with no server, opens in microseconds,
//! answers an indexed lookup without reading the rest of the file, is safe for
//! any number of concurrent readers, and tells a corrupt or foreign file apart
//! from a good one; the bundled build needs only a C compiler at build time,
//! not a system library. A hand-made file format could be a little smaller but
//! would have to earn all of that again. Measured on the 11.3 MB of exports in
//! `shared/osv`: the store is 6.7 MB and the import takes about a second
//! (`bench/osv-import.sh`).
//!
//! What is kept: each advisory as [`Advisory`] without its `details` text (the
//! largest field, and one a report replaces with a link), serialized to JSON
//! and deflated on its own, so that a lookup decompresses only the advisories it
//! returns. An index maps (exact OSV ecosystem, normalized package name) to the
//! advisories that name that package; an advisory with several affected
//! packages is indexed under each. Withdrawn advisories are kept (so that the
//! counts agree with the exports) and returned: matching skips them.
//!
//! A database is never modified in place: an import writes a complete new file
//! next to the old one and renames it over, so a reader (or an interrupted
//! update) only ever sees the old database or the new one.

mod export;
mod fetch;
mod import;
mod store;

pub use export::{exports_in, Export, ExportKind};
pub use fetch::{fetch, DEFAULT_BASE_URL};
pub use import::{import, ImportSummary, SkippedRecord};
pub use store::Database;

use serde::Serialize;
use std::fmt;
use std::path::{Path, PathBuf};

/// The ecosystems `bosun db update` downloads when none are named: those
/// bosun reads packages for, by the names of their `<ecosystem>/all.zip`
/// exports (a distribution's export holds all its releases).
pub const DEFAULT_ECOSYSTEMS: &[&str] = &[
    "npm",
    "PyPI",
    "Go",
    "crates.io",
    "Maven",
    "NuGet",
    "RubyGems",
    "Packagist",
    "Hex",
    "Pub",
    "Debian",
    "Alpine",
];

/// Where the database lives when `--db` does not say: `osv.db` in
/// `$BOSUN_CACHE_DIR`, else `bosun/osv.db` in `$XDG_CACHE_HOME`, else in
/// `~/.cache`. `None` when none of those is set.
pub fn default_path() -> Option<PathBuf> {
    let set = |name: &str| std::env::var_os(name).filter(|value| !value.is_empty()).map(PathBuf::from);
    if let Some(dir) = set("BOSUN_CACHE_DIR") {
        return Some(dir.join("osv.db"));
    }
    let cache = set("XDG_CACHE_HOME").or_else(|| set("HOME").map(|home| home.join(".cache")))?;
    Some(cache.join("bosun").join("osv.db"))
}

/// What a database holds, as `bosun db status` shows it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, serde::Deserialize)]
pub struct Status {
    /// The database file.
    pub path: PathBuf,
    /// Where the data came from: the base URL, or the imported path.
    pub source: String,
    /// When the import ran (RFC 3339, UTC).
    pub imported_at: String,
    /// The newest `modified` time among the records: how fresh the data is.
    pub snapshot: Option<String>,
    /// Distinct advisories stored.
    pub advisories: u64,
    /// Records of the exports that were not valid OSV and were left out.
    pub skipped: u64,
    /// Advisories per export (`PyPI`, `Alpine`, ...); one advisory found in
    /// two exports counts in both.
    pub ecosystems: Vec<EcosystemCount>,
    /// `sha256:` of the stored records in id order: equal for equal data,
    /// whenever and from wherever it was imported.
    pub digest: String,
    /// Size of the database file in bytes.
    pub size: u64,
}

/// The advisories of one export.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct EcosystemCount {
    pub name: String,
    pub advisories: u64,
    /// Of those, how many were withdrawn (kept, never matched).
    pub withdrawn: u64,
}

/// One exact ecosystem key of the index (`PyPI`, `Alpine:v3.11`) and how many
/// packages it has advisories for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IndexedEcosystem {
    pub name: String,
    pub packages: u64,
}

/// How far an import has got, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress<'a> {
    /// Bytes of one export downloaded; `total` when the server said.
    Download { ecosystem: &'a str, done: u64, total: Option<u64> },
    /// Records of one export read, out of `total` entries.
    Read { ecosystem: &'a str, done: u64, total: u64 },
    /// Advisories written to the new database, out of `total`.
    Write { done: u64, total: u64 },
}

/// Why the database could not be opened, read or (re)built.
#[derive(Debug)]
pub enum DbError {
    /// No database at that path.
    Missing(PathBuf),
    /// The file is not a database this version of bosun reads, or reading it failed.
    Unreadable { path: PathBuf, reason: String },
    /// An export could not be downloaded or read. `origin` names the
    /// ecosystem and URL, file or zip entry; the previous database is intact.
    Source { origin: String, reason: String },
    /// The new database could not be written; the previous one is intact.
    Write { path: PathBuf, reason: String },
}

impl fmt::Display for DbError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DbError::Missing(path) => write!(
                f,
                "no vulnerability database at {}: run `bosun db update` (or `bosun db import DIR` offline)",
                path.display()
            ),
            DbError::Unreadable { path, reason } => write!(
                f,
                "cannot read the vulnerability database at {}: {reason}; run `bosun db update` to rebuild it",
                path.display()
            ),
            DbError::Source { origin, reason } => write!(f, "{origin}: {reason}"),
            DbError::Write { path, reason } => write!(f, "cannot write {}: {reason}", path.display()),
        }
    }
}

impl std::error::Error for DbError {}

impl DbError {
    fn source(origin: impl Into<String>, reason: impl fmt::Display) -> DbError {
        DbError::Source { origin: origin.into(), reason: reason.to_string() }
    }

    fn write(path: &Path, reason: impl fmt::Display) -> DbError {
        DbError::Write { path: path.to_path_buf(), reason: reason.to_string() }
    }

    fn unreadable(path: &Path, reason: impl fmt::Display) -> DbError {
        DbError::Unreadable { path: path.to_path_buf(), reason: reason.to_string() }
    }
}

/// The part of an ecosystem name before the release (`Alpine` of `Alpine:v3.11`).
fn base_ecosystem(ecosystem: &str) -> &str {
    ecosystem.split(':').next().unwrap_or(ecosystem)
}

/// Whether an `--ecosystems` entry takes `ecosystem`: by its exact name, or by
/// its base name (`Alpine` takes every `Alpine:vX.Y`).
fn wanted(filter: &[String], ecosystem: &str) -> bool {
    filter.is_empty() || filter.iter().any(|f| f == ecosystem || f == base_ecosystem(ecosystem))
}

/// An advisory naming `packages` (ecosystem, name) and nothing else, for the
/// tests of the store and of imports to build on.
#[cfg(test)]
fn advisory_about(id: &str, packages: &[(&str, &str)]) -> crate::osv::Advisory {
    use crate::osv::{Advisory, Affected, AffectedPackage};
    let affected = packages
        .iter()
        .map(|(ecosystem, name)| Affected {
            package: AffectedPackage { ecosystem: ecosystem.to_string(), name: name.to_string(), purl: None },
            ..Default::default()
        })
        .collect();
    Advisory { id: id.into(), affected, ..Default::default() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filter_takes_exact_names_and_whole_distributions() {
        let filter = vec!["Alpine".to_string(), "Debian:12".to_string()];
        assert!(wanted(&filter, "Alpine:v3.11"));
        assert!(wanted(&filter, "Debian:12"));
        assert!(!wanted(&filter, "Debian:11"));
        assert!(!wanted(&filter, "PyPI"));
        assert!(wanted(&[], "PyPI"));
    }

    #[test]
    fn missing_database_says_how_to_get_one() {
        let message = DbError::Missing(PathBuf::from("/x/osv.db")).to_string();
        assert_eq!(
            message,
            "no vulnerability database at /x/osv.db: run `bosun db update` (or `bosun db import DIR` offline)"
        );
    }
}
