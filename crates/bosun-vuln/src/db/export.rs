//! Reading OSV exports: osv.dev's `<ecosystem>/all.zip` (one `<id>.json` per
//! advisory), a directory of those, one zip, or a directory of OSV JSON files
//! (a checkout of an advisory repository).
//!
//! Nothing is extracted: zip entries are read into memory one at a time, so
//! entry names matter only in that they must be `*.json`. An export is either
//! read whole or refused: a damaged zip, an entry that is not JSON, or one past
//! the limits fails the export (and with it the import), naming the entry. A
//! record that is JSON but not a usable OSV record (no id, a field of the wrong
//! type) is skipped and counted instead: one odd record upstream must not keep
//! every other advisory out.

use super::DbError;
use crate::osv::Advisory;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

/// An uncompressed record larger than this is not an advisory (the largest
/// real ones are a few hundred KiB).
pub(super) const MAX_ENTRY: u64 = 8 << 20;
/// Entries in one zip, or JSON files under one directory.
const MAX_ENTRIES: usize = 2_000_000;
/// Uncompressed bytes read from one export.
const MAX_TOTAL: u64 = 16 << 30;
/// How deep a directory of JSON files is walked.
const MAX_DEPTH: usize = 8;

/// What kind of file an export is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportKind {
    /// A zip of `*.json` records.
    Zip,
    /// A directory walked for `*.json` files.
    JsonDir,
}

/// One export to import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Export {
    /// The ecosystem the export is for, when its place says (`PyPI` for
    /// `PyPI/all.zip`): its records are counted under it. Otherwise records
    /// are counted under the ecosystems they name.
    pub ecosystem: Option<String>,
    pub path: PathBuf,
    pub kind: ExportKind,
    /// Where it came from, for messages: the URL or the path.
    pub origin: String,
}

impl Export {
    /// How messages name the export: `PyPI export https://.../PyPI/all.zip`.
    pub fn label(&self) -> String {
        match &self.ecosystem {
            Some(ecosystem) => format!("{ecosystem} export {}", self.origin),
            None => self.origin.clone(),
        }
    }
}

/// The exports at `path`: a directory of `<ecosystem>/all.zip` (those the
/// filter takes, every one without a filter), one zip, or a directory of OSV
/// JSON files. An `--ecosystems` entry that no `<ecosystem>/all.zip` answers
/// is an error (a typo must not import nothing quietly).
pub fn exports_in(path: &Path, ecosystems: &[String]) -> Result<Vec<Export>, DbError> {
    let origin = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| DbError::source(&origin, e))?;
    if meta.is_file() {
        return Ok(vec![Export { ecosystem: None, path: path.into(), kind: ExportKind::Zip, origin }]);
    }
    let mut zips = Vec::new();
    for entry in std::fs::read_dir(path).map_err(|e| DbError::source(&origin, e))? {
        let entry = entry.map_err(|e| DbError::source(&origin, e))?;
        let zip = entry.path().join("all.zip");
        if let (Some(name), true) = (entry.file_name().to_str(), zip.is_file()) {
            zips.push((name.to_string(), zip));
        }
    }
    zips.sort();
    if zips.is_empty() {
        if has_json(path, 0) {
            return Ok(vec![Export {
                ecosystem: None,
                path: path.into(),
                kind: ExportKind::JsonDir,
                origin,
            }]);
        }
        let reason = "no OSV data here: expected <ecosystem>/all.zip files or *.json records";
        return Err(DbError::source(origin, reason));
    }
    let takes = |filter: &str, name: &str| filter == name || super::base_ecosystem(filter) == name;
    let available: Vec<&str> = zips.iter().map(|(name, _)| name.as_str()).collect();
    if let Some(requested) = ecosystems.iter().find(|f| !available.iter().any(|name| takes(f, name))) {
        let reason = format!(
            "no export for ecosystem '{requested}' (expected {requested}/all.zip; there are: {})",
            available.join(", ")
        );
        return Err(DbError::source(origin, reason));
    }
    let selected = zips
        .into_iter()
        .filter(|(name, _)| ecosystems.is_empty() || ecosystems.iter().any(|f| takes(f, name)));
    Ok(selected
        .map(|(name, zip)| Export {
            origin: zip.display().to_string(),
            ecosystem: Some(name),
            path: zip,
            kind: ExportKind::Zip,
        })
        .collect())
}

fn has_json(dir: &Path, depth: usize) -> bool {
    let Ok(entries) = std::fs::read_dir(dir) else { return false };
    entries.flatten().any(|entry| {
        let path = entry.path();
        let Ok(kind) = entry.file_type() else { return false };
        (kind.is_file() && is_json(&path))
            || (kind.is_dir() && depth < MAX_DEPTH && has_json(&path, depth + 1))
    })
}

fn is_json(path: &Path) -> bool {
    path.extension().is_some_and(|ext| ext == "json")
}

/// What one entry of an export held.
pub(super) enum Record {
    Advisory(Box<Advisory>),
    /// JSON, but not an OSV record bosun can use, and why.
    Invalid(String),
}

/// Reads every record of `export`, calling `each` with the entry's name and
/// record, and `progress` with (entries done, entries in all).
pub(super) fn read(
    export: &Export,
    each: &mut dyn FnMut(&str, Record),
    progress: &mut dyn FnMut(u64, u64),
) -> Result<(), DbError> {
    match export.kind {
        ExportKind::Zip => read_zip(export, each, progress),
        ExportKind::JsonDir => read_dir(export, each, progress),
    }
}

fn read_zip(
    export: &Export,
    each: &mut dyn FnMut(&str, Record),
    progress: &mut dyn FnMut(u64, u64),
) -> Result<(), DbError> {
    let label = export.label();
    let file = File::open(&export.path).map_err(|e| DbError::source(&label, e))?;
    let mut archive = zip::ZipArchive::new(BufReader::new(file))
        .map_err(|e| DbError::source(&label, format!("not a valid zip archive ({e})")))?;
    let total = archive.len();
    if total > MAX_ENTRIES {
        return Err(DbError::source(&label, format!("{total} entries (the limit is {MAX_ENTRIES})")));
    }
    let mut read_bytes = 0u64;
    let mut text = Vec::new();
    for index in 0..total {
        let mut entry =
            archive.by_index(index).map_err(|e| DbError::source(&label, format!("entry {index}: {e}")))?;
        if entry.is_dir() {
            continue;
        }
        let name = entry.name().to_string();
        let origin = || format!("{label}, entry {name}");
        if !name.ends_with(".json") {
            return Err(DbError::source(origin(), "not a .json record: this is not an OSV export"));
        }
        if entry.size() > MAX_ENTRY {
            return Err(DbError::source(
                origin(),
                format!("{} bytes uncompressed (the limit is {MAX_ENTRY})", entry.size()),
            ));
        }
        text.clear();
        (&mut entry).take(MAX_ENTRY + 1).read_to_end(&mut text).map_err(|e| DbError::source(origin(), e))?;
        if text.len() as u64 > MAX_ENTRY {
            return Err(DbError::source(origin(), format!("over {MAX_ENTRY} bytes uncompressed")));
        }
        read_bytes += text.len() as u64;
        if read_bytes > MAX_TOTAL {
            return Err(DbError::source(&label, format!("over {MAX_TOTAL} bytes uncompressed")));
        }
        each(&name, parse(&text).map_err(|reason| DbError::source(origin(), reason))?);
        progress(index as u64 + 1, total as u64);
    }
    Ok(())
}

fn read_dir(
    export: &Export,
    each: &mut dyn FnMut(&str, Record),
    progress: &mut dyn FnMut(u64, u64),
) -> Result<(), DbError> {
    let label = export.label();
    let mut files = Vec::new();
    collect_json(&export.path, 0, &mut files).map_err(|e| DbError::source(&label, e))?;
    files.sort();
    let total = files.len() as u64;
    let mut read_bytes = 0u64;
    for (done, file) in files.iter().enumerate() {
        let origin = || file.display().to_string();
        let size = std::fs::metadata(file).map_err(|e| DbError::source(origin(), e))?.len();
        if size > MAX_ENTRY {
            return Err(DbError::source(origin(), format!("{size} bytes (the limit is {MAX_ENTRY})")));
        }
        read_bytes += size;
        if read_bytes > MAX_TOTAL {
            return Err(DbError::source(&label, format!("over {MAX_TOTAL} bytes of JSON")));
        }
        let text = std::fs::read(file).map_err(|e| DbError::source(origin(), e))?;
        let name = file.strip_prefix(&export.path).unwrap_or(file).display().to_string();
        each(&name, parse(&text).map_err(|reason| DbError::source(origin(), reason))?);
        progress(done as u64 + 1, total);
    }
    Ok(())
}

fn collect_json(dir: &Path, depth: usize, files: &mut Vec<PathBuf>) -> Result<(), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("{}: {e}", dir.display()))?;
        let path = entry.path();
        let kind = entry.file_type().map_err(|e| format!("{}: {e}", path.display()))?;
        if kind.is_dir() && depth < MAX_DEPTH {
            collect_json(&path, depth + 1, files)?;
        } else if kind.is_file() && is_json(&path) {
            files.push(path);
            if files.len() > MAX_ENTRIES {
                return Err(format!("over {MAX_ENTRIES} JSON files"));
            }
        }
    }
    Ok(())
}

/// Text that is not JSON is an error (a damaged export); JSON that is not a
/// usable record is [`Record::Invalid`].
fn parse(text: &[u8]) -> Result<Record, String> {
    let value: serde_json::Value = serde_json::from_slice(text).map_err(|e| format!("invalid JSON: {e}"))?;
    let mut advisory: Advisory = match serde_json::from_value(value) {
        Ok(advisory) => advisory,
        Err(e) => return Ok(Record::Invalid(format!("not an OSV record: {e}"))),
    };
    if advisory.id.trim().is_empty() {
        return Ok(Record::Invalid("not an OSV record: no id".into()));
    }
    // Reports link to the advisory's page for the full text; a record with no
    // summary (most PYSEC ones) keeps the first sentence of it as one, so that
    // a finding still says what the vulnerability is.
    slim(&mut advisory);
    let details = advisory.details.take();
    let has_summary = advisory.summary.as_deref().is_some_and(|s| !s.trim().is_empty());
    if !has_summary {
        advisory.summary = details.as_deref().and_then(first_sentence);
    }
    Ok(Record::Advisory(Box::new(advisory)))
}

/// The keys of the databases' own fields that severity reads
/// (`osv::severity`); the rest (Go's import paths and symbols, conversion
/// notes, source URLs) is dropped so that the store stays small and a lookup
/// decodes little.
const KEPT_SPECIFIC_KEYS: &[&str] = &["severity", "cvss", "cvss_v3_score"];

/// Drops what matching and reports never read: `database_specific` and
/// `ecosystem_specific` fields other than [`KEPT_SPECIFIC_KEYS`], and `GIT`
/// ranges (commit ranges say nothing about a version number).
fn slim(advisory: &mut Advisory) {
    fn keep_known(specific: &mut Option<serde_json::Value>) {
        if let Some(serde_json::Value::Object(map)) = specific {
            map.retain(|key, _| KEPT_SPECIFIC_KEYS.contains(&key.as_str()));
            if map.is_empty() {
                *specific = None;
            }
        } else {
            *specific = None;
        }
    }
    keep_known(&mut advisory.database_specific);
    for affected in &mut advisory.affected {
        keep_known(&mut affected.database_specific);
        keep_known(&mut affected.ecosystem_specific);
        affected.ranges.retain(|range| !range.kind.eq_ignore_ascii_case("GIT"));
    }
}

/// The first sentence of an advisory's details (at most about 160
/// characters, cut at a word), without Markdown line breaks.
fn first_sentence(details: &str) -> Option<String> {
    const MAX: usize = 160;
    let text = details.split_whitespace().collect::<Vec<_>>().join(" ");
    let end = text.find(". ").map(|i| i + 1).unwrap_or(text.len());
    let sentence = &text[..end];
    if sentence.is_empty() {
        return None;
    }
    if sentence.len() <= MAX {
        return Some(sentence.to_string());
    }
    let mut cut = MAX;
    while !sentence.is_char_boundary(cut) {
        cut -= 1;
    }
    let cut = sentence[..cut].rfind(' ').unwrap_or(cut);
    Some(format!("{}…", &sentence[..cut]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zip_of(path: &Path, entries: &[(&str, &str)]) {
        let mut writer = zip::ZipWriter::new(File::create(path).unwrap());
        for (name, text) in entries {
            writer.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
            writer.write_all(text.as_bytes()).unwrap();
        }
        writer.finish().unwrap();
    }

    /// Each entry's name, and its record's id or why it is unusable.
    type Seen = Vec<(String, Result<String, String>)>;

    fn read_all(export: &Export) -> Result<Seen, String> {
        let mut seen = Vec::new();
        read(
            export,
            &mut |name, record| {
                let record = match record {
                    Record::Advisory(a) => Ok(a.id.clone()),
                    Record::Invalid(reason) => Err(reason),
                };
                seen.push((name.to_string(), record));
            },
            &mut |_, _| {},
        )
        .map_err(|e| e.to_string())?;
        Ok(seen)
    }

    fn zip_export(path: &Path) -> Export {
        Export {
            ecosystem: Some("PyPI".into()),
            path: path.into(),
            kind: ExportKind::Zip,
            origin: "x/all.zip".into(),
        }
    }

    #[test]
    fn records_are_read_and_unusable_ones_reported() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("all.zip");
        zip_of(
            &path,
            &[
                ("A-1.json", r#"{"id": "A-1", "details": "long text", "affected": []}"#),
                ("A-2.json", r#"{"id": 7}"#),
                ("A-3.json", r#"{"summary": "no id"}"#),
            ],
        );
        let seen = read_all(&zip_export(&path)).unwrap();
        assert_eq!(seen[0], ("A-1.json".into(), Ok("A-1".into())));
        assert!(matches!(&seen[1].1, Err(reason) if reason.starts_with("not an OSV record: invalid type")));
        assert_eq!(seen[2].1, Err("not an OSV record: missing field `id`".into()));
    }

    #[test]
    fn a_missing_summary_is_the_first_sentence_of_the_details() {
        let record = br#"{"id": "A-1", "details": "The  Jinja2 sandbox\nlets code escape. Upgrade now."}"#;
        let Record::Advisory(advisory) = parse(record).unwrap() else { panic!() };
        assert_eq!(advisory.summary.as_deref(), Some("The Jinja2 sandbox lets code escape."));
        let long = format!(r#"{{"id": "A-1", "details": "{}"}}"#, "word ".repeat(100));
        let Record::Advisory(advisory) = parse(long.as_bytes()).unwrap() else { panic!() };
        let summary = advisory.summary.unwrap();
        assert!(summary.len() <= 165 && summary.ends_with('…'), "{summary}");
        let Record::Advisory(advisory) =
            parse(br#"{"id": "A-1", "summary": "Own", "details": "Other."}"#).unwrap()
        else {
            panic!()
        };
        assert_eq!(advisory.summary.as_deref(), Some("Own"));
    }

    #[test]
    fn only_what_severity_reads_is_kept_of_the_databases_own_fields() {
        let record = br#"{"id": "GO-1", "database_specific": {"url": "https://x", "severity": "HIGH"},
            "affected": [{"package": {"ecosystem": "Go", "name": "m"},
                "ecosystem_specific": {"imports": [{"path": "m/x", "symbols": ["F"]}]},
                "ranges": [{"type": "GIT", "repo": "r", "events": [{"introduced": "0"}]},
                           {"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "1.2.0"}]}]}]}"#;
        let Record::Advisory(advisory) = parse(record).unwrap() else { panic!() };
        assert_eq!(advisory.database_specific, Some(serde_json::json!({"severity": "HIGH"})));
        assert_eq!(advisory.affected[0].ecosystem_specific, None);
        assert_eq!(advisory.affected[0].ranges.len(), 1);
        assert_eq!(advisory.affected[0].ranges[0].kind, "SEMVER");
    }

    #[test]
    fn details_are_not_kept() {
        let Record::Advisory(advisory) = parse(br#"{"id": "A-1", "details": "long"}"#).unwrap() else {
            panic!()
        };
        assert_eq!(advisory.details, None);
    }

    #[test]
    fn a_damaged_export_fails_naming_the_entry() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("all.zip");
        zip_of(&path, &[("A-1.json", r#"{"id": "A-1"}"#), ("A-2.json", r#"{"id": "A-2""#)]);
        let error = read_all(&zip_export(&path)).unwrap_err();
        assert!(error.starts_with("PyPI export x/all.zip, entry A-2.json: invalid JSON: EOF"), "{error}");

        zip_of(&path, &[("README.md", "hello")]);
        let error = read_all(&zip_export(&path)).unwrap_err();
        assert!(error.contains("entry README.md: not a .json record"), "{error}");

        std::fs::write(&path, "<html>Not Found</html>").unwrap();
        let error = read_all(&zip_export(&path)).unwrap_err();
        assert!(error.starts_with("PyPI export x/all.zip: not a valid zip archive"), "{error}");
    }

    #[test]
    fn a_truncated_zip_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("all.zip");
        let records: Vec<(String, String)> = (0..50)
            .map(|n| (format!("A-{n}.json"), format!(r#"{{"id": "A-{n}", "summary": "{}"}}"#, "x".repeat(n))))
            .collect();
        let entries: Vec<(&str, &str)> = records.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        zip_of(&path, &entries);
        let bytes = std::fs::read(&path).unwrap();
        std::fs::write(&path, &bytes[..bytes.len() * 2 / 3]).unwrap();
        let error = read_all(&zip_export(&path)).unwrap_err();
        assert!(error.contains("not a valid zip archive"), "{error}");
    }

    #[test]
    fn an_oversized_entry_is_refused_before_it_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("all.zip");
        let big = format!(r#"{{"id": "A-1", "summary": "{}"}}"#, " ".repeat(MAX_ENTRY as usize));
        zip_of(&path, &[("A-1.json", &big)]);
        let error = read_all(&zip_export(&path)).unwrap_err();
        assert!(
            error.contains("entry A-1.json: 8388636 bytes uncompressed (the limit is 8388608)"),
            "{error}"
        );
    }

    #[test]
    fn a_directory_of_exports_is_filtered_by_ecosystem() {
        let dir = tempfile::tempdir().unwrap();
        for ecosystem in ["PyPI", "Alpine", "Go"] {
            std::fs::create_dir(dir.path().join(ecosystem)).unwrap();
            zip_of(&dir.path().join(ecosystem).join("all.zip"), &[]);
        }
        let names = |filter: &[&str]| -> Result<Vec<String>, String> {
            let filter: Vec<String> = filter.iter().map(|s| s.to_string()).collect();
            let exports = exports_in(dir.path(), &filter).map_err(|e| e.to_string())?;
            Ok(exports.into_iter().map(|e| e.ecosystem.unwrap()).collect())
        };
        assert_eq!(names(&[]).unwrap(), ["Alpine", "Go", "PyPI"]);
        assert_eq!(names(&["PyPI", "Alpine:v3.11"]).unwrap(), ["Alpine", "PyPI"]);
        let error = names(&["pypi"]).unwrap_err();
        assert!(error.ends_with(
            "no export for ecosystem 'pypi' (expected pypi/all.zip; there are: Alpine, Go, PyPI)"
        ));
    }

    #[test]
    fn a_directory_of_json_records_is_one_export() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("crates/serde")).unwrap();
        std::fs::write(dir.path().join("crates/serde/RUSTSEC-1.json"), r#"{"id": "RUSTSEC-1"}"#).unwrap();
        std::fs::write(dir.path().join("README.md"), "not a record").unwrap();
        let exports = exports_in(dir.path(), &[]).unwrap();
        assert_eq!(exports.len(), 1);
        assert_eq!(exports[0].kind, ExportKind::JsonDir);
        let seen = read_all(&exports[0]).unwrap();
        assert_eq!(seen, [("crates/serde/RUSTSEC-1.json".into(), Ok("RUSTSEC-1".into()))]);

        let empty = tempfile::tempdir().unwrap();
        let error = exports_in(empty.path(), &[]).unwrap_err().to_string();
        assert!(error.ends_with("no OSV data here: expected <ecosystem>/all.zip files or *.json records"));
    }
}
