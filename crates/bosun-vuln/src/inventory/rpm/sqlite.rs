//! The sqlite rpm database (rpm 4.16 and later: Fedora 33+, RHEL and its
//! rebuilds from 9, Amazon Linux 2023, openSUSE Tumbleweed): a table
//! `Packages (hnum INTEGER PRIMARY KEY, blob BLOB)`, one header blob per
//! installed package; the other tables are indexes rpm derives from them.
//!
//! The database is read from memory (sqlite's deserialize interface), so an
//! image layer's bytes need no temporary file. rpm keeps it in WAL mode; a
//! database in memory cannot use a write-ahead log, so the header's two
//! format bytes are set back to the rollback journal's before it is opened
//! read-only. Whatever a `-wal` file beside it still holds is not read: rpm
//! checkpoints it when it closes the database.

use rusqlite::{Connection, OpenFlags, MAIN_DB};
use std::io::Read;

const MAGIC: &[u8; 16] = b"SQLite format 3\0";
/// The file format read and write versions: 1 rollback journal, 2 WAL.
const FORMAT_BYTES: std::ops::Range<usize> = 18..20;
const HEADER_SIZE: usize = 100;

/// More than any distribution installs (a full Fedora workstation has about
/// 2,500 packages).
const MAX_PACKAGES: usize = 100_000;
/// rpm's own limit on a header's data is 256 MiB; real headers are well under
/// a megabyte even for packages with thousands of files.
pub(super) const MAX_BLOB: i64 = 64 << 20;

/// Whether `bytes` start like an sqlite database.
pub(super) fn is_sqlite(bytes: &[u8]) -> bool {
    bytes.starts_with(MAGIC)
}

/// Each row of `Packages`: its header number and blob, or why the blob was
/// not read.
pub(super) fn blobs(bytes: &[u8]) -> Result<super::StoredHeaders, String> {
    if !is_sqlite(bytes) || bytes.len() < HEADER_SIZE {
        return Err("not an sqlite database".into());
    }
    let mut head = bytes[..HEADER_SIZE].to_vec();
    for byte in &mut head[FORMAT_BYTES] {
        if *byte == 2 {
            *byte = 1;
        }
    }
    let sqlite_error = |e: rusqlite::Error| format!("the sqlite rpm database cannot be read: {e}");
    let mut connection = Connection::open_in_memory_with_flags(
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(sqlite_error)?;
    let whole = head.as_slice().chain(&bytes[HEADER_SIZE..]);
    connection.deserialize_read_exact(MAIN_DB, whole, bytes.len(), true).map_err(sqlite_error)?;
    // A `Packages` view (a hostile file) could run any query, e.g. an endless
    // recursive one: only a plain table is read.
    let kind: Option<String> = connection
        .query_row("SELECT type FROM sqlite_master WHERE name = 'Packages'", [], |row| row.get(0))
        .map_err(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => "an sqlite database without a Packages table".to_string(),
            e => sqlite_error(e),
        })?;
    if kind.as_deref() != Some("table") {
        return Err("an sqlite database whose Packages is not a table".into());
    }
    let mut statement = connection
        .prepare(
            "SELECT hnum, CASE WHEN length(blob) <= ?1 THEN blob END, length(blob) FROM Packages ORDER BY hnum",
        )
        .map_err(sqlite_error)?;
    let mut rows = statement.query([MAX_BLOB]).map_err(sqlite_error)?;
    let mut found = Vec::new();
    while let Some(row) = rows.next().map_err(sqlite_error)? {
        if found.len() == MAX_PACKAGES {
            return Err(format!("more than {MAX_PACKAGES} packages"));
        }
        let number: i64 = row.get(0).map_err(sqlite_error)?;
        let blob = match row.get::<_, Option<Vec<u8>>>(1) {
            Ok(Some(blob)) => Ok(blob),
            Ok(None) => match row.get::<_, Option<i64>>(2) {
                Ok(Some(length)) => Err(format!("a header of {length} bytes, more than bosun reads")),
                _ => Err("no header".to_string()),
            },
            Err(e) => Err(format!("not a header blob: {e}")),
        };
        found.push((number.max(0) as u64, blob));
    }
    Ok(found)
}
