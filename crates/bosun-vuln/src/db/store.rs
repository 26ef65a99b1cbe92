//! The SQLite file: its tables, how a record is packed into a row, and the
//! reader ([`Database`]) and writer ([`StoreWriter`]) over them.
//!
//! ```text
//! meta      (key PRIMARY KEY, value)            status as JSON, under "status"
//! advisory  (rowid, id, record)                 record = deflate(JSON of the Advisory)
//! ecosystem (id, name UNIQUE)                   the exact OSV ecosystem strings
//! package   (ecosystem, name, advisory) PK      WITHOUT ROWID: the lookup index
//! ```
//!
//! The file carries an application id, so a foreign SQLite file is told apart,
//! and a format number (`user_version`) that changes whenever the layout or the
//! record encoding does: an older or newer database is reported, not misread.

use super::{DbError, EcosystemCount, IndexedEcosystem, Status};
use crate::inventory::normalize_name;
use crate::osv::Advisory;
use flate2::write::DeflateEncoder;
use flate2::{Compression, Decompress, FlushDecompress};
use rusqlite::{params, Connection, OpenFlags, OptionalExtension};
use std::cell::RefCell;
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

/// "bOSv", so that `file` and bosun can tell our databases from other SQLite files.
const APPLICATION_ID: i64 = 0x624f_5376;
/// Bumped whenever the tables or the record encoding change.
const FORMAT: i64 = 1;
/// A stored record never inflates past this: a guard against a damaged file.
const MAX_RECORD: u64 = 16 << 20;

const SCHEMA: &str = "
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE advisory (rowid INTEGER PRIMARY KEY, id TEXT NOT NULL, record BLOB NOT NULL);
CREATE TABLE ecosystem (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE package (
    ecosystem INTEGER NOT NULL,
    name TEXT NOT NULL,
    advisory INTEGER NOT NULL,
    PRIMARY KEY (ecosystem, name, advisory)
) WITHOUT ROWID;
";

/// An open vulnerability database (read-only).
pub struct Database {
    path: PathBuf,
    connection: Connection,
    /// Exact ecosystem name → its id in the index (a few dozen at most).
    ecosystems: HashMap<String, i64>,
}

impl std::fmt::Debug for Database {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Database").field("path", &self.path).finish_non_exhaustive()
    }
}

impl Database {
    /// Opens the database at `path` for reading. A missing file is
    /// [`DbError::Missing`] (whose message says how to get one); a file that
    /// is not a bosun database, or one of another format version, is
    /// [`DbError::Unreadable`].
    pub fn open(path: &Path) -> Result<Database, DbError> {
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_file() => {}
            Ok(_) => return Err(DbError::unreadable(path, "not a file")),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(DbError::Missing(path.into())),
            Err(e) => return Err(DbError::unreadable(path, e)),
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let connection =
            Connection::open_with_flags(path, flags).map_err(|e| DbError::unreadable(path, e))?;
        let pragma = |name: &str| -> Result<i64, DbError> {
            connection
                .pragma_query_value(None, name, |row| row.get(0))
                .map_err(|e| DbError::unreadable(path, e))
        };
        if pragma("application_id")? != APPLICATION_ID {
            return Err(DbError::unreadable(path, "not a bosun vulnerability database"));
        }
        let format = pragma("user_version")?;
        if format != FORMAT {
            let reason = format!("written in format {format} (this bosun reads format {FORMAT})");
            return Err(DbError::unreadable(path, reason));
        }
        let ecosystems = {
            let mut statement = connection
                .prepare("SELECT name, id FROM ecosystem")
                .map_err(|e| DbError::unreadable(path, e))?;
            let rows = statement
                .query_map([], |row| Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?)))
                .and_then(|rows| rows.collect::<Result<HashMap<_, _>, _>>())
                .map_err(|e| DbError::unreadable(path, e))?;
            rows
        };
        Ok(Database { path: path.to_path_buf(), connection, ecosystems })
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Every advisory that names package `name` in `ecosystem` (the exact OSV
    /// string: `PyPI`, `Alpine:v3.11`), withdrawn ones included, ordered by
    /// id. The name is normalized as the ecosystem does
    /// ([`normalize_name`]), so `Jinja2` finds `jinja2`. Which of them affect
    /// a given version is `osv::matching`'s question.
    pub fn advisories(&self, ecosystem: &str, name: &str) -> Result<Vec<Advisory>, DbError> {
        let Some(&ecosystem_id) = self.ecosystems.get(ecosystem) else { return Ok(Vec::new()) };
        let name = normalize_name(ecosystem, name);
        let fail = |e: rusqlite::Error| DbError::unreadable(&self.path, e);
        let mut statement = self
            .connection
            .prepare_cached(
                "SELECT a.id, a.record FROM package p JOIN advisory a ON a.rowid = p.advisory \
                 WHERE p.ecosystem = ?1 AND p.name = ?2 ORDER BY p.advisory",
            )
            .map_err(fail)?;
        let mut rows = statement.query(params![ecosystem_id, name]).map_err(fail)?;
        let mut found = Vec::new();
        while let Some(row) = rows.next().map_err(fail)? {
            let id: String = row.get(0).map_err(fail)?;
            let record = row.get_ref(1).map_err(fail)?.as_blob().map_err(|e| fail(e.into()))?;
            let advisory = decode(record)
                .map_err(|reason| DbError::unreadable(&self.path, format!("record {id}: {reason}")))?;
            found.push(advisory);
        }
        Ok(found)
    }

    /// The exact ecosystem keys of the index, sorted, with how many packages
    /// each has advisories for: what `advisories` can answer for.
    pub fn ecosystems(&self) -> Result<Vec<IndexedEcosystem>, DbError> {
        let fail = |e: rusqlite::Error| DbError::unreadable(&self.path, e);
        let mut statement = self
            .connection
            .prepare(
                "SELECT e.name, COUNT(DISTINCT p.name) FROM ecosystem e JOIN package p ON p.ecosystem = e.id \
                 GROUP BY e.id ORDER BY e.name",
            )
            .map_err(fail)?;
        let rows = statement
            .query_map([], |row| {
                Ok(IndexedEcosystem { name: row.get(0)?, packages: row.get::<_, i64>(1)? as u64 })
            })
            .map_err(fail)?;
        rows.collect::<Result<Vec<_>, _>>().map_err(fail)
    }

    /// Source, snapshot time, counts and digest, as recorded by the import,
    /// and the file's size now.
    pub fn status(&self) -> Result<Status, DbError> {
        let fail = |e: rusqlite::Error| DbError::unreadable(&self.path, e);
        let text: Option<String> = self
            .connection
            .query_row("SELECT value FROM meta WHERE key = 'status'", [], |row| row.get(0))
            .optional()
            .map_err(fail)?;
        let text = text.ok_or_else(|| DbError::unreadable(&self.path, "its status record is missing"))?;
        let mut status: Status = serde_json::from_str(&text)
            .map_err(|e| DbError::unreadable(&self.path, format!("its status record is damaged: {e}")))?;
        status.path = self.path.clone();
        status.size = std::fs::metadata(&self.path).map(|meta| meta.len()).unwrap_or(0);
        Ok(status)
    }
}

/// The stored form of a record: its JSON, without `details`, deflated.
pub(super) fn encode(advisory: &Advisory) -> Vec<u8> {
    let json = serde_json::to_vec(advisory).expect("an Advisory always serializes");
    let mut encoder = DeflateEncoder::new(Vec::with_capacity(json.len() / 3), Compression::new(9));
    encoder.write_all(&json).expect("writing to memory");
    encoder.finish().expect("writing to memory")
}

pub(super) fn decode(record: &[u8]) -> Result<Advisory, String> {
    // Most of a lookup's time is inflating records of a few hundred bytes:
    // each thread keeps one inflater and one buffer instead of setting up new
    // ones (tens of kilobytes of state) per record.
    thread_local! {
        static INFLATE: RefCell<(Decompress, Vec<u8>)> = RefCell::new((Decompress::new(false), Vec::new()));
    }
    INFLATE.with_borrow_mut(|(inflater, json)| {
        // Inflated in one call into a buffer large enough for the usual
        // ratio; a record that needs more starts over with twice the room.
        let mut room = record.len() * 8 + 1024;
        loop {
            inflater.reset(false);
            json.clear();
            json.reserve(room);
            let status = inflater
                .decompress_vec(record, json, FlushDecompress::Finish)
                .map_err(|e| format!("cannot inflate: {e}"))?;
            if status == flate2::Status::StreamEnd {
                break;
            }
            if json.len() < json.capacity() {
                return Err("cannot inflate: the record is cut short".into());
            }
            if room as u64 >= MAX_RECORD {
                return Err(format!("cannot inflate: larger than {MAX_RECORD} bytes"));
            }
            room *= 2;
        }
        serde_json::from_slice(json).map_err(|e| format!("not an OSV record: {e}"))
    })
}

/// One advisory as the writer takes it: already encoded, with its index keys.
pub(super) struct Row {
    pub id: String,
    pub record: Vec<u8>,
    /// (exact ecosystem, normalized name), without duplicates.
    pub keys: Vec<(String, String)>,
}

/// Builds a new database file from scratch. Nothing is durable until
/// [`StoreWriter::finish`] returns; the caller renames the file into place.
pub(super) struct StoreWriter {
    path: PathBuf,
    connection: Connection,
}

impl StoreWriter {
    /// Creates the file (which must not exist) with the schema.
    pub fn create(path: &Path) -> Result<StoreWriter, DbError> {
        let fail = |e: rusqlite::Error| DbError::write(path, e);
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let connection = Connection::open_with_flags(path, flags).map_err(fail)?;
        // A half-written file is thrown away, never recovered: no journal, and
        // one fsync of the finished file instead of one per transaction.
        connection.pragma_update(None, "journal_mode", "OFF").map_err(fail)?;
        connection.pragma_update(None, "synchronous", "OFF").map_err(fail)?;
        connection.pragma_update(None, "application_id", APPLICATION_ID).map_err(fail)?;
        connection.pragma_update(None, "user_version", FORMAT).map_err(fail)?;
        connection.execute_batch(SCHEMA).map_err(fail)?;
        Ok(StoreWriter { path: path.to_path_buf(), connection })
    }

    /// Writes every row and the status, then closes and fsyncs the file.
    /// `rows` must be sorted by id: rowids follow that order, which is how
    /// lookups return advisories by id without sorting.
    pub fn finish(
        mut self,
        rows: &[Row],
        status: &Status,
        progress: &mut dyn FnMut(u64),
    ) -> Result<(), DbError> {
        debug_assert!(rows.windows(2).all(|pair| pair[0].id < pair[1].id), "rows sorted by id");
        let path = self.path.clone();
        let fail = |e: rusqlite::Error| DbError::write(&path, e);
        let transaction = self.connection.transaction().map_err(fail)?;
        let mut ecosystem_ids: HashMap<&str, i64> = HashMap::new();
        // The index is written in key order so its pages fill completely.
        let mut index: Vec<(i64, &str, i64)> = Vec::new();
        {
            let mut insert_advisory = transaction
                .prepare("INSERT INTO advisory (rowid, id, record) VALUES (?1, ?2, ?3)")
                .map_err(fail)?;
            let mut insert_ecosystem =
                transaction.prepare("INSERT INTO ecosystem (id, name) VALUES (?1, ?2)").map_err(fail)?;
            for (n, row) in rows.iter().enumerate() {
                let rowid = n as i64 + 1;
                insert_advisory.execute(params![rowid, row.id, row.record]).map_err(fail)?;
                for (ecosystem, name) in &row.keys {
                    let next = ecosystem_ids.len() as i64 + 1;
                    let ecosystem_id = match ecosystem_ids.get(ecosystem.as_str()) {
                        Some(&id) => id,
                        None => {
                            insert_ecosystem.execute(params![next, ecosystem]).map_err(fail)?;
                            ecosystem_ids.insert(ecosystem, next);
                            next
                        }
                    };
                    index.push((ecosystem_id, name, rowid));
                }
                if n % 512 == 0 {
                    progress(n as u64);
                }
            }
            index.sort_unstable();
            index.dedup();
            let mut insert_package = transaction
                .prepare("INSERT INTO package (ecosystem, name, advisory) VALUES (?1, ?2, ?3)")
                .map_err(fail)?;
            for (ecosystem_id, name, rowid) in &index {
                insert_package.execute(params![ecosystem_id, name, rowid]).map_err(fail)?;
            }
            let status = serde_json::to_string(status).expect("a Status always serializes");
            transaction
                .execute("INSERT INTO meta (key, value) VALUES ('status', ?1)", params![status])
                .map_err(fail)?;
        }
        transaction.commit().map_err(fail)?;
        progress(rows.len() as u64);
        self.connection.close().map_err(|(_, e)| fail(e))?;
        std::fs::File::open(&path).and_then(|file| file.sync_all()).map_err(|e| DbError::write(&path, e))?;
        Ok(())
    }
}

/// Per-export counts, sorted by name, from (export, withdrawn) pairs.
pub(super) fn count_exports<'a>(memberships: impl Iterator<Item = (&'a str, bool)>) -> Vec<EcosystemCount> {
    let mut counts: HashMap<&str, EcosystemCount> = HashMap::new();
    for (export, withdrawn) in memberships {
        let count = counts
            .entry(export)
            .or_insert_with(|| EcosystemCount { name: export.to_string(), ..Default::default() });
        count.advisories += 1;
        count.withdrawn += u64::from(withdrawn);
    }
    let mut counts: Vec<EcosystemCount> = counts.into_values().collect();
    counts.sort_by(|a, b| a.name.cmp(&b.name));
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::advisory_about;

    fn advisory(id: &str, packages: &[(&str, &str)]) -> Advisory {
        Advisory { summary: Some(format!("summary of {id}")), ..advisory_about(id, packages) }
    }

    #[test]
    fn records_inflate_whatever_their_ratio_and_cut_ones_are_errors() {
        // A summary of one repeated letter deflates a thousandfold: far past
        // the first buffer's room, so decoding has to start over with more.
        let big = Advisory { summary: Some("a".repeat(200_000)), ..advisory("BIG-1", &[("npm", "x")]) };
        let small = advisory("SMALL-1", &[("npm", "y")]);
        for advisory in [&big, &small, &big] {
            let encoded = encode(advisory);
            assert_eq!(&decode(&encoded).unwrap(), advisory);
        }
        let encoded = encode(&big);
        let error = decode(&encoded[..encoded.len() / 2]).unwrap_err();
        assert!(error.contains("cannot inflate"), "{error}");
        assert!(decode(b"not deflate at all").is_err());
    }

    fn row(advisory: &Advisory) -> Row {
        let keys = advisory
            .affected
            .iter()
            .map(|a| (a.package.ecosystem.clone(), normalize_name(&a.package.ecosystem, &a.package.name)))
            .collect();
        Row { id: advisory.id.clone(), record: encode(advisory), keys }
    }

    fn write(path: &Path, advisories: &[Advisory]) {
        let mut rows: Vec<Row> = advisories.iter().map(row).collect();
        rows.sort_by(|a, b| a.id.cmp(&b.id));
        let status = Status { source: "test".into(), advisories: rows.len() as u64, ..Default::default() };
        StoreWriter::create(path).unwrap().finish(&rows, &status, &mut |_| {}).unwrap();
    }

    #[test]
    fn records_round_trip_through_the_stored_form() {
        let mut original = advisory("PYSEC-1", &[("PyPI", "Jinja2")]);
        original.aliases = vec!["CVE-2024-1".into()];
        let stored = encode(&original);
        assert_eq!(decode(&stored).unwrap(), original);
        assert!(decode(b"not deflate").is_err());
    }

    #[test]
    fn lookups_use_the_exact_ecosystem_and_the_normalized_name() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("osv.db");
        write(
            &path,
            &[
                advisory("PYSEC-2", &[("PyPI", "Jinja2")]),
                advisory("PYSEC-1", &[("PyPI", "jinja2"), ("PyPI", "markupsafe")]),
                advisory("ALPINE-CVE-1", &[("Alpine:v3.11", "openssl"), ("Alpine:v3.10", "openssl")]),
            ],
        );
        let db = Database::open(&path).unwrap();
        let ids = |ecosystem: &str, name: &str| -> Vec<String> {
            db.advisories(ecosystem, name).unwrap().into_iter().map(|a| a.id).collect()
        };
        assert_eq!(ids("PyPI", "jinja2"), ["PYSEC-1", "PYSEC-2"]);
        assert_eq!(ids("PyPI", "JINJA2"), ["PYSEC-1", "PYSEC-2"]);
        assert_eq!(ids("PyPI", "MarkupSafe"), ["PYSEC-1"]);
        assert_eq!(ids("Alpine:v3.11", "openssl"), ["ALPINE-CVE-1"]);
        assert!(ids("Alpine:v3.12", "openssl").is_empty());
        assert!(ids("Alpine", "openssl").is_empty());
        assert!(ids("npm", "jinja2").is_empty());
        let keys: Vec<(String, u64)> =
            db.ecosystems().unwrap().into_iter().map(|e| (e.name, e.packages)).collect();
        assert_eq!(keys, [("Alpine:v3.10".into(), 1), ("Alpine:v3.11".into(), 1), ("PyPI".into(), 2)]);
        let status = db.status().unwrap();
        assert_eq!((status.source.as_str(), status.advisories), ("test", 3));
        assert_eq!(status.size, std::fs::metadata(&path).unwrap().len());
    }

    #[test]
    fn a_missing_foreign_or_damaged_file_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("none.db");
        assert!(matches!(Database::open(&missing), Err(DbError::Missing(_))));

        let text = dir.path().join("text.db");
        std::fs::write(&text, "hello, this is not SQLite at all, but long enough to look like a header..")
            .unwrap();
        let error = Database::open(&text).unwrap_err().to_string();
        assert!(error.contains("cannot read the vulnerability database"), "{error}");

        let foreign = dir.path().join("foreign.db");
        Connection::open(&foreign).unwrap().execute_batch("CREATE TABLE t (x)").unwrap();
        let error = Database::open(&foreign).unwrap_err().to_string();
        assert!(error.contains("not a bosun vulnerability database"), "{error}");

        let newer = dir.path().join("newer.db");
        write(&newer, &[advisory("GO-1", &[("Go", "x")])]);
        Connection::open(&newer).unwrap().pragma_update(None, "user_version", FORMAT + 1).unwrap();
        let error = Database::open(&newer).unwrap_err().to_string();
        assert!(error.contains(&format!("written in format {}", FORMAT + 1)), "{error}");
    }

    #[test]
    fn a_damaged_record_names_the_advisory() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("osv.db");
        write(&path, &[advisory("GO-1", &[("Go", "example.com/m")])]);
        Connection::open(&path).unwrap().execute("UPDATE advisory SET record = x'00ff'", []).unwrap();
        let error = Database::open(&path).unwrap().advisories("Go", "example.com/m").unwrap_err().to_string();
        assert!(error.contains("record GO-1: "), "{error}");
    }

    #[test]
    fn exports_are_counted_with_their_withdrawn_advisories() {
        let counts =
            count_exports([("PyPI", false), ("Go", false), ("PyPI", true), ("PyPI", false)].into_iter());
        assert_eq!(
            counts,
            [
                EcosystemCount { name: "Go".into(), advisories: 1, withdrawn: 0 },
                EcosystemCount { name: "PyPI".into(), advisories: 3, withdrawn: 1 },
            ]
        );
    }
}
