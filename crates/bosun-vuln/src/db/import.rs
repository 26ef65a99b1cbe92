//! Building a database from exports: read every record, keep one per id,
//! index it, write a new file and swap it in.
//!
//! Everything is read before anything is written, so a failure anywhere
//! (download, zip, JSON) leaves the previous database as it was. The same
//! advisory can come twice (osv.dev puts an advisory in the export of every
//! ecosystem it names); the copy with the newest `modified` is kept and it is
//! counted in each export.

use super::export::{self, Export, Record};
use super::store::{self, Row, StoreWriter};
use super::{base_ecosystem, wanted, DbError, Progress, Status};
use crate::inventory::normalize_name;
use crate::osv::Advisory;
use sha2::{Digest, Sha256};
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// What an import did.
#[derive(Debug, Clone)]
pub struct ImportSummary {
    /// The new database's status.
    pub status: Status,
    /// Records left out because they were not usable OSV records.
    pub skipped: Vec<SkippedRecord>,
}

/// One record an import left out, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedRecord {
    /// The export and entry: `PyPI export .../PyPI/all.zip, entry X.json`.
    pub origin: String,
    pub reason: String,
}

/// One advisory as collected, before writing.
struct Collected {
    advisory: Advisory,
    exports: BTreeSet<String>,
    keys: Vec<(String, String)>,
}

/// Imports `exports` into a new database at `dest`, replacing any database
/// there only once the new one is complete and on disk. `source` is recorded
/// as where the data came from (a URL or path). With `ecosystems`, only
/// advisories naming one of them (exactly, or by base name: `Alpine` takes
/// `Alpine:v3.11`) are kept. An import that finds no advisory at all fails
/// rather than replace a database with an empty one.
pub fn import(
    exports: &[Export],
    source: &str,
    dest: &Path,
    ecosystems: &[String],
    progress: &mut dyn FnMut(Progress<'_>),
) -> Result<ImportSummary, DbError> {
    let mut collected: HashMap<String, Collected> = HashMap::new();
    let mut skipped = Vec::new();
    for export in exports {
        let label = export.label();
        let mut each = |name: &str, record: Record| match record {
            // Outside an `<ecosystem>/all.zip` only the packages say where a
            // record belongs; one naming none can never match anything.
            Record::Advisory(advisory)
                if export.ecosystem.is_none()
                    && advisory.affected.iter().all(|a| a.package.ecosystem.is_empty()) =>
            {
                let reason = "names no affected package".to_string();
                skipped.push(SkippedRecord { origin: format!("{label}, entry {name}"), reason });
            }
            Record::Advisory(advisory) => {
                if let Some(keep) = collect(*advisory, export.ecosystem.as_deref(), ecosystems) {
                    merge(&mut collected, keep);
                }
            }
            Record::Invalid(reason) => {
                skipped.push(SkippedRecord { origin: format!("{label}, entry {name}"), reason })
            }
        };
        let name = export.ecosystem.as_deref().unwrap_or(&export.origin);
        let mut read_progress = |done, total| progress(Progress::Read { ecosystem: name, done, total });
        export::read(export, &mut each, &mut read_progress)?;
    }
    if collected.is_empty() {
        let what =
            if ecosystems.is_empty() { String::new() } else { format!(" for {}", ecosystems.join(", ")) };
        return Err(DbError::source(source, format!("no advisories found{what}")));
    }

    let mut ids: Vec<&String> = collected.keys().collect();
    ids.sort();
    let mut digest = Sha256::new();
    let mut snapshot: Option<(jiff::Timestamp, &str)> = None;
    let mut rows = Vec::with_capacity(ids.len());
    for id in ids {
        let entry = &collected[id];
        let json = serde_json::to_vec(&entry.advisory).expect("an Advisory always serializes");
        digest.update((id.len() as u64).to_le_bytes());
        digest.update(id.as_bytes());
        digest.update((json.len() as u64).to_le_bytes());
        digest.update(&json);
        if let Some(modified) = entry.advisory.modified.as_deref() {
            if let Ok(time) = modified.parse::<jiff::Timestamp>() {
                if snapshot.is_none_or(|(newest, _)| time > newest) {
                    snapshot = Some((time, modified));
                }
            }
        }
        rows.push(Row { id: id.clone(), record: store::encode(&entry.advisory), keys: entry.keys.clone() });
    }
    let memberships = collected.values().flat_map(|entry| {
        let withdrawn = entry.advisory.withdrawn.is_some();
        entry.exports.iter().map(move |export| (export.as_str(), withdrawn))
    });
    let now = jiff::Timestamp::now();
    let status = Status {
        path: dest.to_path_buf(),
        source: source.to_string(),
        imported_at: jiff::Timestamp::from_second(now.as_second()).unwrap_or(now).to_string(),
        snapshot: snapshot.map(|(_, text)| text.to_string()),
        advisories: rows.len() as u64,
        skipped: skipped.len() as u64,
        ecosystems: store::count_exports(memberships),
        digest: format!("sha256:{:x}", digest.finalize()),
        size: 0,
    };

    let total = rows.len() as u64;
    let mut write_progress = |done| progress(Progress::Write { done, total });
    write_atomically(dest, |tmp| StoreWriter::create(tmp)?.finish(&rows, &status, &mut write_progress))?;
    let size = std::fs::metadata(dest).map(|meta| meta.len()).unwrap_or(0);
    Ok(ImportSummary { status: Status { size, ..status }, skipped })
}

/// The advisory with what the import keeps of it, or `None` when the filter
/// takes none of its packages.
fn collect(advisory: Advisory, export: Option<&str>, filter: &[String]) -> Option<Collected> {
    let mut keys = Vec::new();
    let mut bases = BTreeSet::new();
    for affected in &advisory.affected {
        let package = &affected.package;
        if package.ecosystem.is_empty() || !wanted(filter, &package.ecosystem) {
            continue;
        }
        bases.insert(base_ecosystem(&package.ecosystem).to_string());
        if !package.name.is_empty() {
            keys.push((package.ecosystem.clone(), normalize_name(&package.ecosystem, &package.name)));
        }
    }
    keys.sort();
    keys.dedup();
    let names_a_package = advisory.affected.iter().any(|a| !a.package.ecosystem.is_empty());
    let exports = match export {
        // An advisory that names no package (some withdrawn ones) belongs to
        // the export it came in.
        Some(export) if bases.is_empty() && !names_a_package && wanted(filter, export) => {
            BTreeSet::from([export.to_string()])
        }
        _ if bases.is_empty() => return None,
        Some(export) => BTreeSet::from([export.to_string()]),
        None => bases,
    };
    Some(Collected { advisory, exports, keys })
}

fn merge(collected: &mut HashMap<String, Collected>, new: Collected) {
    match collected.get_mut(&new.advisory.id) {
        None => {
            collected.insert(new.advisory.id.clone(), new);
        }
        Some(old) => {
            let mut exports = std::mem::take(&mut old.exports);
            exports.extend(new.exports.iter().cloned());
            if newer(&new.advisory, &old.advisory) {
                *old = new;
            }
            old.exports = exports;
        }
    }
}

/// Whether `a` was modified after `b` (an unparsable time is older than any).
fn newer(a: &Advisory, b: &Advisory) -> bool {
    let time =
        |advisory: &Advisory| advisory.modified.as_deref().and_then(|m| m.parse::<jiff::Timestamp>().ok());
    time(a) > time(b)
}

/// Runs `write` on a new file next to `dest`, then renames it over `dest`.
/// On any failure the new file is removed and `dest` is untouched.
fn write_atomically(dest: &Path, write: impl FnOnce(&Path) -> Result<(), DbError>) -> Result<(), DbError> {
    let dir = match dest.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).map_err(|e| DbError::write(&dir, e))?;
    let name = dest.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "osv.db".into());
    let tmp = TempFile(dir.join(format!("{name}.tmp-{}", std::process::id())));
    // A file left by a killed import of a process with the same id.
    let _ = std::fs::remove_file(&tmp.0);
    write(&tmp.0)?;
    std::fs::rename(&tmp.0, dest).map_err(|e| DbError::write(dest, e))?;
    // The rename itself is durable only once the directory is.
    if let Ok(dir) = std::fs::File::open(&dir) {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// A file removed when dropped, if still there (after a failure, or a panic).
struct TempFile(PathBuf);

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::{advisory_about, Database, ExportKind};

    fn advisory(id: &str, modified: &str, packages: &[(&str, &str)]) -> Advisory {
        Advisory { modified: Some(modified.into()), ..advisory_about(id, packages) }
    }

    fn json_dir(advisories: &[Advisory]) -> (tempfile::TempDir, Export) {
        let dir = tempfile::tempdir().unwrap();
        for (n, advisory) in advisories.iter().enumerate() {
            std::fs::write(dir.path().join(format!("{n}.json")), serde_json::to_vec(advisory).unwrap())
                .unwrap();
        }
        let export = Export {
            ecosystem: None,
            path: dir.path().into(),
            kind: ExportKind::JsonDir,
            origin: "dir".into(),
        };
        (dir, export)
    }

    fn filter(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn filter_keeps_advisories_naming_a_wanted_ecosystem_and_indexes_only_those() {
        let mixed = advisory("X-1", "2024-01-01T00:00:00Z", &[("PyPI", "a"), ("npm", "a")]);
        let kept = collect(mixed.clone(), None, &filter(&["npm"])).unwrap();
        assert_eq!(kept.keys, [("npm".to_string(), "a".to_string())]);
        assert_eq!(kept.exports, BTreeSet::from(["npm".to_string()]));
        assert!(collect(mixed.clone(), None, &filter(&["Go"])).is_none());
        let all = collect(mixed, None, &[]).unwrap();
        assert_eq!(all.exports, BTreeSet::from(["PyPI".to_string(), "npm".to_string()]));

        let withdrawn = advisory("X-2", "2024-01-01T00:00:00Z", &[]);
        assert!(collect(withdrawn.clone(), Some("PyPI"), &[]).is_some());
        assert!(collect(withdrawn.clone(), Some("PyPI"), &filter(&["Go"])).is_none());
        assert!(collect(withdrawn, None, &[]).is_none());
    }

    #[test]
    fn the_newest_copy_of_an_advisory_wins_and_counts_in_each_export() {
        let mut collected = HashMap::new();
        let mut old = advisory("X-1", "2024-01-01T00:00:00Z", &[("Alpine:v3.10", "a")]);
        old.summary = Some("old".into());
        let mut new = advisory("X-1", "2024-06-01T00:00:00Z", &[("Alpine:v3.10", "a")]);
        new.summary = Some("new".into());
        merge(&mut collected, collect(new, Some("Alpine"), &[]).unwrap());
        merge(&mut collected, collect(old, Some("Alpine:v3.10"), &[]).unwrap());
        let kept = &collected["X-1"];
        assert_eq!(kept.advisory.summary.as_deref(), Some("new"));
        assert_eq!(kept.exports, BTreeSet::from(["Alpine".to_string(), "Alpine:v3.10".to_string()]));
    }

    #[test]
    fn the_digest_depends_on_the_data_only() {
        let a = advisory("A-1", "2024-01-01T00:00:00Z", &[("Go", "m")]);
        let b = advisory("B-1", "2023-01-01T00:00:00Z", &[("Go", "n")]);
        let target = tempfile::tempdir().unwrap();
        let digest_of = |records: &[Advisory], name: &str| {
            let (_dir, export) = json_dir(records);
            let dest = target.path().join(name);
            import(&[export], "test", &dest, &[], &mut |_| {}).unwrap().status.digest
        };
        let first = digest_of(&[a.clone(), b.clone()], "1.db");
        assert_eq!(first, digest_of(&[b.clone(), a.clone()], "2.db"));
        let mut changed = b.clone();
        changed.aliases = vec!["CVE-1".into()];
        assert_ne!(first, digest_of(&[a, changed], "3.db"));
        assert!(first.starts_with("sha256:") && first.len() == 7 + 64);
    }

    #[test]
    fn an_import_replaces_the_database_only_when_it_succeeds() {
        let target = tempfile::tempdir().unwrap();
        let dest = target.path().join("cache/bosun/osv.db");
        let (_dir, good) = json_dir(&[advisory("GO-1", "2024-01-01T00:00:00Z", &[("Go", "m")])]);
        let summary = import(&[good], "first", &dest, &[], &mut |_| {}).unwrap();
        assert_eq!(summary.status.snapshot.as_deref(), Some("2024-01-01T00:00:00Z"));

        let (bad_dir, bad) = json_dir(&[advisory("GO-2", "2024-01-01T00:00:00Z", &[("Go", "m")])]);
        std::fs::write(bad_dir.path().join("9.json"), "{").unwrap();
        let error = import(&[bad], "second", &dest, &[], &mut |_| {}).unwrap_err().to_string();
        assert!(error.contains("9.json: invalid JSON"), "{error}");
        let (_dir, none) = json_dir(&[advisory("PYSEC-1", "2024-01-01T00:00:00Z", &[("PyPI", "p")])]);
        let error = import(&[none], "third", &dest, &filter(&["Go"]), &mut |_| {}).unwrap_err().to_string();
        assert_eq!(error, "third: no advisories found for Go");

        let db = Database::open(&dest).unwrap();
        assert_eq!(db.status().unwrap().source, "first");
        assert_eq!(db.advisories("Go", "m").unwrap()[0].id, "GO-1");
        let leftovers: Vec<_> =
            std::fs::read_dir(dest.parent().unwrap()).unwrap().flatten().map(|e| e.file_name()).collect();
        assert_eq!(leftovers, ["osv.db"]);
    }

    #[test]
    fn unusable_records_are_skipped_and_counted() {
        let (dir, export) = json_dir(&[advisory("GO-1", "2024-01-01T00:00:00Z", &[("Go", "m")])]);
        std::fs::write(dir.path().join("odd.json"), r#"{"id": "GO-2", "affected": "everything"}"#).unwrap();
        std::fs::write(
            dir.path().join("nothing.json"),
            r#"{"id": "GO-3", "withdrawn": "2024-01-01T00:00:00Z"}"#,
        )
        .unwrap();
        let dest = dir.path().join("osv.db");
        let summary = import(&[export], "test", &dest, &[], &mut |_| {}).unwrap();
        assert_eq!(summary.status.skipped, 2);
        assert_eq!(summary.skipped[0].origin, "dir, entry nothing.json");
        assert_eq!(summary.skipped[0].reason, "names no affected package");
        assert_eq!(summary.skipped[1].origin, "dir, entry odd.json");
        assert!(
            summary.skipped[1].reason.starts_with("not an OSV record: invalid type"),
            "{:?}",
            summary.skipped
        );
        assert_eq!(summary.status.advisories, 1);
    }
}
