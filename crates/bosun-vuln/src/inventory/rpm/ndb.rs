//! rpm's own "ndb" package database, `Packages.db` (SUSE: openSUSE Leap 15.x
//! later releases, SLES 15 SP3 and later, SLE BCI images), laid out as rpm's
//! lib/backend/ndb/rpmpkg.c writes it, every number little-endian:
//!
//! * a 32-byte file header: magic `RpmP`, version 0, generation, the number
//!   of 4096-byte pages that hold the slot table;
//! * the slot table after it: 16-byte slots (magic `Slot`, package index,
//!   block offset, block count), index 0 for a free slot;
//! * blobs at `block offset × 16`: a 16-byte head (magic `BlbS`, package
//!   index, generation, length), the header blob, and a checksummed tail.
//!
//! The tail's checksum is not verified: a damaged blob fails as a header.

const FILE_MAGIC: &[u8; 4] = b"RpmP";
const SLOT_MAGIC: &[u8; 4] = b"Slot";
const BLOB_MAGIC: &[u8; 4] = b"BlbS";
const PAGE_SIZE: usize = 4096;
const FILE_HEADER: usize = 32;
const SLOT_SIZE: usize = 16;
const BLOCK_SIZE: usize = 16;
const BLOB_HEAD: usize = 16;

/// Whether `bytes` start like an ndb package database.
pub(super) fn is_ndb(bytes: &[u8]) -> bool {
    bytes.starts_with(FILE_MAGIC)
}

fn le_u32(bytes: &[u8], at: usize) -> Option<u32> {
    let raw = bytes.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([raw[0], raw[1], raw[2], raw[3]]))
}

/// Each used slot's header: its package index and blob, or why its blob was
/// not read.
pub(super) fn blobs(bytes: &[u8]) -> Result<super::StoredHeaders, String> {
    if !is_ndb(bytes) {
        return Err("not an ndb package database".into());
    }
    if le_u32(bytes, 4) != Some(0) {
        return Err("an ndb package database of a version other than 0".into());
    }
    let slot_pages = le_u32(bytes, 12).ok_or("an ndb package database cut short")? as usize;
    let slots_end = slot_pages.saturating_mul(PAGE_SIZE);
    if slot_pages == 0 || slots_end > bytes.len() {
        return Err(format!("a slot table of {slot_pages} pages in a file of {} bytes", bytes.len()));
    }
    let mut found = Vec::new();
    for slot in bytes[FILE_HEADER..slots_end].chunks_exact(SLOT_SIZE) {
        if !slot.starts_with(SLOT_MAGIC) {
            return Err("a slot without its magic number".into());
        }
        let index = le_u32(slot, 4).unwrap_or(0);
        if index == 0 {
            continue;
        }
        let (offset, count) = (le_u32(slot, 8).unwrap_or(0) as usize, le_u32(slot, 12).unwrap_or(0) as usize);
        found.push((u64::from(index), blob(bytes, index, offset, count)));
    }
    Ok(found)
}

/// The header blob of package `index`, in `count` blocks from block `offset`.
fn blob(bytes: &[u8], index: u32, offset: usize, count: usize) -> Result<Vec<u8>, String> {
    let start = offset.saturating_mul(BLOCK_SIZE);
    let area = bytes
        .get(start..start.saturating_add(count.saturating_mul(BLOCK_SIZE)))
        .ok_or_else(|| format!("blocks {offset} to {} lie outside the file", offset.saturating_add(count)))?;
    if !area.starts_with(BLOB_MAGIC) || le_u32(area, 4) != Some(index) {
        return Err(format!("the blocks of package {index} do not start with its blob"));
    }
    let length = le_u32(area, 12).unwrap_or(0) as usize;
    area.get(BLOB_HEAD..BLOB_HEAD.saturating_add(length))
        .map(<[u8]>::to_vec)
        .ok_or_else(|| format!("a blob of {length} bytes in {count} blocks"))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::{blobs, BLOB_HEAD, BLOCK_SIZE, FILE_HEADER, PAGE_SIZE, SLOT_SIZE};

    /// An ndb file holding `headers` as packages 1, 2, ..., laid out as
    /// rpm's rpmpkg.c does: one page of slots, then each blob with its head
    /// and tail (the tail's checksum left zero), block-aligned.
    pub(crate) fn ndb_file(headers: &[&[u8]]) -> Vec<u8> {
        let mut file = vec![0u8; PAGE_SIZE];
        file[..4].copy_from_slice(b"RpmP");
        file[12..16].copy_from_slice(&1u32.to_le_bytes());
        for slot in file[FILE_HEADER..].chunks_exact_mut(SLOT_SIZE) {
            slot[..4].copy_from_slice(b"Slot");
        }
        for (i, header) in headers.iter().enumerate() {
            let index = i as u32 + 1;
            let offset = file.len() / BLOCK_SIZE;
            let mut blob = b"BlbS".to_vec();
            for field in [index, 1, header.len() as u32] {
                blob.extend_from_slice(&field.to_le_bytes());
            }
            blob.extend_from_slice(header);
            blob.extend_from_slice(&[0; 4]);
            blob.extend_from_slice(&(header.len() as u32).to_le_bytes());
            blob.extend_from_slice(b"BlbE");
            blob.resize(blob.len().div_ceil(BLOCK_SIZE) * BLOCK_SIZE, 0);
            let slot = FILE_HEADER + i * SLOT_SIZE;
            for (at, value) in [(4, index), (8, offset as u32), (12, (blob.len() / BLOCK_SIZE) as u32)] {
                file[slot + at..slot + at + 4].copy_from_slice(&value.to_le_bytes());
            }
            file.extend(blob);
        }
        file
    }

    #[test]
    fn slots_lead_to_blobs() {
        let file = ndb_file(&[b"first header", b"second"]);
        assert_eq!(file.len() % BLOCK_SIZE, 0);
        let found = blobs(&file).unwrap();
        assert_eq!(found, [(1, Ok(b"first header".to_vec())), (2, Ok(b"second".to_vec()))]);
        assert_eq!(BLOB_HEAD, 16);
    }

    #[test]
    fn damaged_files() {
        let file = ndb_file(&[b"first header"]);
        let mut version = file.clone();
        version[4] = 1;
        assert!(blobs(&version).unwrap_err().contains("version"));
        let mut pages = file.clone();
        pages[12] = 200;
        assert!(blobs(&pages).unwrap_err().contains("slot table of 200 pages"));
        let mut slot = file.clone();
        slot[FILE_HEADER] = b'X';
        assert!(blobs(&slot).unwrap_err().contains("magic"));
        let mut outside = file.clone();
        outside[FILE_HEADER + 8..FILE_HEADER + 12].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(blobs(&outside).unwrap()[0].1.as_ref().unwrap_err().contains("outside the file"));
        let mut other = file.clone();
        other[PAGE_SIZE + 4] = 9;
        assert!(blobs(&other).unwrap()[0].1.as_ref().unwrap_err().contains("do not start with its blob"));
        let mut long = file;
        long[PAGE_SIZE + 12..PAGE_SIZE + 16].copy_from_slice(&1000u32.to_le_bytes());
        assert!(blobs(&long).unwrap()[0].1.as_ref().unwrap_err().contains("a blob of 1000 bytes"));
    }
}
