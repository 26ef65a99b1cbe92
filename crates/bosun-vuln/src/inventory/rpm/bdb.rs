//! The Berkeley DB rpm database, `Packages` (rpm before 4.16: CentOS 7 and
//! 8, RHEL 7 and 8, Amazon Linux 2, SLES 12 and 15): a Berkeley DB hash file
//! whose keys are header numbers and whose values are header blobs.
//!
//! The file is read page by page, as Berkeley DB lays it out (`db_page.h`):
//! page 0 is the hash metadata page (magic number, page size, byte order);
//! hash pages hold key/value items, a value either on the page
//! (`H_KEYDATA`) or, when large, on a chain of overflow pages (`H_OFFPAGE`).
//! Every hash page of the file is read, so the bucket structure is not
//! needed. Key 0 holds rpm's next free header number, not a header.

/// The hash access method's magic number.
const HASH_MAGIC: u32 = 0x0006_1561;
/// Page types.
const P_HASH_UNSORTED: u8 = 2;
const P_OVERFLOW: u8 = 7;
const P_HASHMETA: u8 = 8;
const P_HASH: u8 = 13;
/// Item types on a hash page.
const H_KEYDATA: u8 = 1;
const H_OFFPAGE: u8 = 3;
/// The page header: LSN, page number, previous and next page, entry count,
/// free-space offset, level, type.
const PAGE_HEADER: usize = 26;

/// Whether `bytes` start like a Berkeley DB hash file, in either byte order.
pub(super) fn is_bdb_hash(bytes: &[u8]) -> bool {
    Layout::of(bytes).is_some()
}

/// How the file's numbers are read, and its page size.
#[derive(Clone, Copy)]
struct Layout {
    big_endian: bool,
    page_size: usize,
}

impl Layout {
    fn of(bytes: &[u8]) -> Option<Layout> {
        let magic = bytes.get(12..16)?;
        let magic = [magic[0], magic[1], magic[2], magic[3]];
        let big_endian = match () {
            _ if u32::from_le_bytes(magic) == HASH_MAGIC => false,
            _ if u32::from_be_bytes(magic) == HASH_MAGIC => true,
            _ => return None,
        };
        let layout = Layout { big_endian, page_size: 0 };
        let page_size = layout.u32(bytes, 20)? as usize;
        let valid = page_size.is_power_of_two() && (512..=65536).contains(&page_size);
        (valid && *bytes.get(25)? == P_HASHMETA).then_some(Layout { big_endian, page_size })
    }

    fn u32(&self, bytes: &[u8], at: usize) -> Option<u32> {
        let raw = bytes.get(at..at.checked_add(4)?)?;
        let raw = [raw[0], raw[1], raw[2], raw[3]];
        Some(if self.big_endian { u32::from_be_bytes(raw) } else { u32::from_le_bytes(raw) })
    }

    fn u16(&self, bytes: &[u8], at: usize) -> Option<u16> {
        let raw = bytes.get(at..at.checked_add(2)?)?;
        let raw = [raw[0], raw[1]];
        Some(if self.big_endian { u16::from_be_bytes(raw) } else { u16::from_le_bytes(raw) })
    }
}

/// Each header of the file: its number and blob, or why its value was not read.
pub(super) fn blobs(bytes: &[u8]) -> Result<super::StoredHeaders, String> {
    let layout = Layout::of(bytes).ok_or("not a Berkeley DB hash database")?;
    let pages: Vec<&[u8]> = bytes.chunks_exact(layout.page_size).collect();
    let mut found = Vec::new();
    for page in pages.iter().skip(1) {
        if !matches!(page[25], P_HASH | P_HASH_UNSORTED) {
            continue;
        }
        let entries = layout.u16(page, 20).unwrap_or(0) as usize;
        let offset = |index: usize| layout.u16(page, PAGE_HEADER + 2 * index).map(usize::from);
        // Items are (key, value) pairs; item i spans from its offset to the
        // offset of item i - 1 (items are laid out from the page's end down).
        for pair in 0..entries / 2 {
            let (Some(key_at), Some(value_at)) = (offset(2 * pair), offset(2 * pair + 1)) else {
                return Err("a hash page whose index runs past the page".into());
            };
            let key_end = if pair == 0 { layout.page_size } else { offset(2 * pair - 1).unwrap_or(0) };
            let key = item(page, key_at, key_end);
            let number = match key {
                Some((H_KEYDATA, key)) if key.len() == 4 => layout.u32(key, 0).unwrap_or(0),
                _ => {
                    found.push((0, Err("a key that is not a header number".to_string())));
                    continue;
                }
            };
            if number == 0 {
                continue;
            }
            let value = match item(page, value_at, key_at) {
                Some((H_KEYDATA, data)) => Ok(data.to_vec()),
                Some((H_OFFPAGE, _)) => overflow(&pages, layout, page, value_at),
                Some((kind, _)) => Err(format!("a value of item type {kind}, not a header")),
                None => Err("a value outside its page".to_string()),
            };
            found.push((u64::from(number), value));
        }
    }
    Ok(found)
}

/// The item at `at` on `page`, ending at `end`: its type and its data.
fn item(page: &[u8], at: usize, end: usize) -> Option<(u8, &[u8])> {
    if at < PAGE_HEADER || at >= end || end > page.len() {
        return None;
    }
    Some((page[at], &page[at + 1..end]))
}

/// A value stored on overflow pages: `H_OFFPAGE` names the first page and
/// the total length; each page holds its share after the page header (its
/// length in the free-space offset field) and names the next.
fn overflow(pages: &[&[u8]], layout: Layout, page: &[u8], at: usize) -> Result<Vec<u8>, String> {
    let broken = |why: &str| Err(format!("a header on overflow pages {why}"));
    let (Some(mut next), Some(length)) = (layout.u32(page, at + 4), layout.u32(page, at + 8)) else {
        return broken("with its reference cut short");
    };
    if i64::from(length) > super::sqlite::MAX_BLOB {
        return Err(format!("a header of {length} bytes, more than bosun reads"));
    }
    // A value cannot be larger than the file: a hostile length reserves nothing.
    let mut value = Vec::with_capacity((length as usize).min(pages.len() * layout.page_size));
    let mut visited = 0;
    while next != 0 {
        visited += 1;
        let Some(page) = pages.get(next as usize).filter(|_| visited <= pages.len()) else {
            return broken("that lead outside the file or round in a loop");
        };
        if page[25] != P_OVERFLOW {
            return broken("that lead to a page of another type");
        }
        let on_page = layout.u16(page, 22).unwrap_or(0) as usize;
        let Some(data) = page.get(PAGE_HEADER..PAGE_HEADER + on_page) else {
            return broken("with a page holding more than it can");
        };
        value.extend_from_slice(data);
        if value.len() > length as usize {
            return broken("holding more than its length");
        }
        next = layout.u32(page, 16).unwrap_or(0);
    }
    if value.len() != length as usize {
        return broken("holding less than its length");
    }
    Ok(value)
}
