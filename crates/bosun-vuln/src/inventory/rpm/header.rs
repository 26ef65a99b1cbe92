//! An rpm header as the package database stores it (rpm's "header blob",
//! `headerExport` in lib/header.c; the file format spec, "Header structure",
//! describes the same layout in a package file):
//!
//! ```text
//! il: u32 BE   number of index entries
//! dl: u32 BE   size of the data store
//! il × { tag: u32 BE, type: u32 BE, offset: u32 BE, count: u32 BE }
//! dl bytes     the data store; each entry's value at `offset` in it
//! ```
//!
//! Unlike a header in a package file, a stored blob has no magic number
//! before `il`. Only the few tags an inventory needs are decoded; every count,
//! offset and length is checked against the blob, and rpm's own limits on
//! entries and data size apply.

use std::fmt;

/// rpm's `HEADER_TAGS_MAX`: at most this many index entries.
const MAX_ENTRIES: u32 = 0xffff;
/// rpm's `HEADER_DATA_MAX`: at most this many bytes of data (256 MiB).
const MAX_DATA: u32 = 0x0fff_ffff;
const ENTRY_SIZE: usize = 16;

/// The tags bosun reads (rpm's lib/rpmtag.h).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    Name = 1000,
    Version = 1001,
    Release = 1002,
    Epoch = 1003,
    Vendor = 1011,
    License = 1014,
    Arch = 1022,
    SourceRpm = 1044,
}

/// Value types (rpm's `rpmTagType`).
const TYPE_INT32: u32 = 4;
const TYPE_STRING: u32 = 6;
const TYPE_STRING_ARRAY: u32 = 8;
const TYPE_I18NSTRING: u32 = 9;

/// Why a blob is not a readable header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderError(String);

impl fmt::Display for HeaderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<HeaderError> for String {
    fn from(error: HeaderError) -> String {
        error.0
    }
}

fn error(message: impl Into<String>) -> HeaderError {
    HeaderError(message.into())
}

/// A parsed header: its index entries and data store, borrowed from the blob.
#[derive(Debug)]
pub struct Header<'a> {
    entries: Vec<Entry>,
    data: &'a [u8],
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    tag: u32,
    kind: u32,
    offset: u32,
    count: u32,
}

impl<'a> Header<'a> {
    /// Parses a stored header blob; the index must fit the blob and every
    /// entry's offset must fall inside the data store.
    pub fn parse(blob: &'a [u8]) -> Result<Header<'a>, HeaderError> {
        let (Some(il), Some(dl)) = (be_u32(blob, 0), be_u32(blob, 4)) else {
            return Err(error(format!("a header of {} bytes is too short for its sizes", blob.len())));
        };
        if il == 0 || il > MAX_ENTRIES {
            return Err(error(format!("{il} index entries (rpm allows 1 to {MAX_ENTRIES})")));
        }
        if dl > MAX_DATA {
            return Err(error(format!("{dl} bytes of data (rpm allows up to {MAX_DATA})")));
        }
        let index_end = 8 + il as usize * ENTRY_SIZE;
        let data_end = index_end + dl as usize;
        if blob.len() < data_end {
            return Err(error(format!(
                "{il} entries and {dl} bytes of data need {data_end} bytes, the header has {}",
                blob.len()
            )));
        }
        let data = &blob[index_end..data_end];
        let entries = blob[8..index_end]
            .chunks_exact(ENTRY_SIZE)
            .map(|raw| Entry {
                tag: be_u32(raw, 0).unwrap_or(0),
                kind: be_u32(raw, 4).unwrap_or(0),
                offset: be_u32(raw, 8).unwrap_or(0),
                count: be_u32(raw, 12).unwrap_or(0),
            })
            .collect::<Vec<_>>();
        if let Some(entry) = entries.iter().find(|e| e.offset as usize > data.len()) {
            return Err(error(format!(
                "tag {} points at offset {} past the {} bytes of data",
                entry.tag,
                entry.offset,
                data.len()
            )));
        }
        Ok(Header { entries, data })
    }

    fn entry(&self, tag: Tag) -> Option<&Entry> {
        self.entries.iter().find(|e| e.tag == tag as u32)
    }

    /// A string tag's value (`STRING`, or the first of a `STRING_ARRAY` or
    /// `I18NSTRING`); `None` when the tag is absent, `Err` when its value is
    /// not a string that ends inside the data store.
    pub fn string(&self, tag: Tag) -> Result<Option<&'a str>, HeaderError> {
        let Some(entry) = self.entry(tag) else { return Ok(None) };
        if !matches!(entry.kind, TYPE_STRING | TYPE_STRING_ARRAY | TYPE_I18NSTRING) {
            return Err(error(format!("tag {} has type {}, not a string", entry.tag, entry.kind)));
        }
        if entry.count == 0 {
            return Err(error(format!("tag {} holds no string", entry.tag)));
        }
        let rest = &self.data[entry.offset as usize..];
        let Some(end) = rest.iter().position(|&b| b == 0) else {
            return Err(error(format!("the string of tag {} runs past the data", entry.tag)));
        };
        std::str::from_utf8(&rest[..end])
            .map(Some)
            .map_err(|_| error(format!("the string of tag {} is not UTF-8", entry.tag)))
    }

    /// An `INT32` tag's first value.
    pub fn int32(&self, tag: Tag) -> Result<Option<u32>, HeaderError> {
        let Some(entry) = self.entry(tag) else { return Ok(None) };
        if entry.kind != TYPE_INT32 || entry.count == 0 {
            return Err(error(format!("tag {} has type {}, not a number", entry.tag, entry.kind)));
        }
        be_u32(self.data, entry.offset as usize)
            .map(Some)
            .ok_or_else(|| error(format!("the number of tag {} runs past the data", entry.tag)))
    }
}

fn be_u32(bytes: &[u8], at: usize) -> Option<u32> {
    let raw = bytes.get(at..at.checked_add(4)?)?;
    Some(u32::from_be_bytes([raw[0], raw[1], raw[2], raw[3]]))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::{Header, Tag, TYPE_INT32, TYPE_STRING};

    /// A blob of `entries` (tag, type, value bytes), laid out as rpm does.
    pub(crate) fn blob(entries: &[(u32, u32, &[u8])]) -> Vec<u8> {
        let mut index = Vec::new();
        let mut data = Vec::new();
        for (tag, kind, value) in entries {
            for field in [*tag, *kind, data.len() as u32, 1] {
                index.extend_from_slice(&field.to_be_bytes());
            }
            data.extend_from_slice(value);
        }
        let mut blob = Vec::new();
        blob.extend_from_slice(&(entries.len() as u32).to_be_bytes());
        blob.extend_from_slice(&(data.len() as u32).to_be_bytes());
        blob.extend(index);
        blob.extend(data);
        blob
    }

    #[test]
    fn strings_and_numbers() {
        let bytes = blob(&[(1000, TYPE_STRING, b"bash\0"), (1003, TYPE_INT32, &2u32.to_be_bytes())]);
        let header = Header::parse(&bytes).unwrap();
        assert_eq!(header.string(Tag::Name).unwrap(), Some("bash"));
        assert_eq!(header.int32(Tag::Epoch).unwrap(), Some(2));
        assert_eq!(header.string(Tag::Version).unwrap(), None);
        assert!(header.int32(Tag::Name).unwrap_err().to_string().contains("not a number"));
        assert!(header.string(Tag::Epoch).unwrap_err().to_string().contains("not a string"));
    }

    #[test]
    fn bad_blobs_are_errors() {
        let reason = |bytes: &[u8]| Header::parse(bytes).unwrap_err().to_string();
        assert!(reason(b"\0\0").contains("too short"));
        assert!(reason(&[0, 0, 0, 0, 0, 0, 0, 0]).contains("0 index entries"));
        assert!(reason(&[0, 1, 0, 0, 0, 0, 0, 0]).contains("65536 index entries"));
        assert!(reason(&[0, 0, 0, 1, 0x10, 0, 0, 0]).contains("bytes of data"));
        assert!(reason(&[0, 0, 0, 2, 0, 0, 0, 0]).contains("need 40 bytes"));

        let mut far = blob(&[(1000, TYPE_STRING, b"x\0")]);
        far[16..20].copy_from_slice(&3u32.to_be_bytes());
        assert!(reason(&far).contains("past the 2 bytes"));

        let unterminated = blob(&[(1000, TYPE_STRING, b"bash")]);
        let header = Header::parse(&unterminated).unwrap();
        assert!(header.string(Tag::Name).unwrap_err().to_string().contains("runs past"));
        let short_number = blob(&[(1003, TYPE_INT32, b"\0\0")]);
        assert!(Header::parse(&short_number).unwrap().int32(Tag::Epoch).is_err());
        let not_utf8 = blob(&[(1000, TYPE_STRING, b"\xff\0")]);
        assert!(Header::parse(&not_utf8).unwrap().string(Tag::Name).is_err());
    }
}
