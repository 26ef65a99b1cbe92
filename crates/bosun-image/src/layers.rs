//! Streaming a layer's tar once, entry by entry, without writing anything to
//! disk and without trusting any entry.
//!
//! The compression is sniffed from the first bytes rather than taken from the
//! media type, because `docker save` and some registries label layers loosely:
//! gzip (multi-member too), zstd and plain tar are read; xz and bzip2 are
//! refused by name. Each entry reaches the [`LayerVisitor`] with a normalised
//! path (leading `/` stripped, `.` and `..` resolved), or is refused with a
//! reason when it would leave the image root: a `..` escape, a symlink or hard
//! link pointing outside. Links are recorded, never followed. Inflated bytes
//! are counted below the tar reader, so a decompression bomb is stopped even
//! where no one reads the entry's contents.

use crate::digest::Digest;
use crate::source::{Image, Layer};
use crate::zstd::ZstdFrames;
use crate::Limits;
use std::cell::Cell;
use std::io::{self, Cursor, Read};
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// What an entry is, after whiteout names have been recognised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryKind {
    File,
    Dir,
    /// `target` as written in the layer; it stays inside the root when resolved.
    Symlink {
        target: String,
    },
    /// `target` is the normalised path of the file this one shares contents with.
    Hardlink {
        target: String,
    },
    /// `.wh.NAME`: `path` is the NAME it deletes from lower layers.
    Whiteout,
    /// `.wh..wh..opq`: `path` is the directory whose lower contents are hidden.
    OpaqueDir,
    /// Devices, fifos and other special files.
    Other,
}

/// One entry of a layer, as the visitor sees it.
#[derive(Debug)]
pub struct EntryInfo<'a> {
    /// Relative to the image root, `/`-separated, never empty except for an opaque root.
    pub path: String,
    /// Position of the layer, 0 being the base.
    pub layer: usize,
    pub layer_digest: &'a Digest,
    pub kind: EntryKind,
    pub size: u64,
    pub mode: u32,
}

/// An entry left out, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub layer: usize,
    pub layer_digest: Digest,
    /// The path as written in the layer (lossily decoded).
    pub path: String,
    pub reason: String,
}

/// Receives a layer's entries in archive order.
pub trait LayerVisitor {
    /// `contents` is given for regular files only and reads at most `info.size` bytes.
    /// An error stops the stream.
    fn entry(&mut self, info: &EntryInfo<'_>, contents: Option<&mut dyn Read>) -> Result<(), String>;

    /// A hostile or unusable entry that was skipped.
    fn refused(&mut self, refusal: Refusal);
}

/// What is left of the image-wide limits while its layers are streamed.
///
/// Clones share the counters, so layers streamed on several threads draw on
/// one budget: the entry count is exact; inflated bytes are charged when a
/// layer ends, so layers in flight together can each reach the per-layer limit.
#[derive(Debug, Clone)]
pub struct Budget {
    limits: Limits,
    unpacked_left: Arc<AtomicU64>,
    entries_left: Arc<AtomicU64>,
}

impl Budget {
    pub fn new(limits: &Limits) -> Budget {
        Budget {
            limits: limits.clone(),
            unpacked_left: Arc::new(AtomicU64::new(limits.max_image_unpacked)),
            entries_left: Arc::new(AtomicU64::new(limits.max_entries)),
        }
    }

    /// Takes one entry from the budget; `false` when none is left.
    fn take_entry(&self) -> bool {
        self.entries_left.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| n.checked_sub(1)).is_ok()
    }

    fn charge_unpacked(&self, bytes: u64) {
        let _ = self
            .unpacked_left
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| Some(n.saturating_sub(bytes)));
    }
}

/// Streams every layer, base first, with one budget for the whole image.
///
/// What the visitor saw is trustworthy only if this returns `Ok`: a layer's
/// digest can be checked only once it has been read to the end.
pub fn stream_layers(image: &Image, limits: &Limits, visitor: &mut dyn LayerVisitor) -> Result<(), String> {
    let budget = Budget::new(limits);
    for (index, layer) in image.layers.iter().enumerate() {
        stream_layer(layer, index, &budget, visitor)?;
    }
    Ok(())
}

/// Streams one layer; see [`stream_layers`].
pub fn stream_layer(
    layer: &Layer,
    index: usize,
    budget: &Budget,
    visitor: &mut dyn LayerVisitor,
) -> Result<(), String> {
    let name = format!("layer {index} ({})", layer.digest);
    let mut blob = layer.open().map_err(|e| format!("{name}: {e}"))?;
    let (per_layer, image_left) =
        (budget.limits.max_layer_unpacked, budget.unpacked_left.load(Ordering::Relaxed));
    let (limit, limit_text) = if per_layer <= image_left {
        (per_layer, format!("the per-layer limit of {per_layer} bytes"))
    } else {
        let total = budget.limits.max_image_unpacked;
        (image_left, format!("the image limit of {total} bytes for all layers together"))
    };
    let (walked, counted, bomb, metadata_bomb) = {
        let mut magic = Vec::with_capacity(6);
        (&mut blob).take(6).read_to_end(&mut magic).map_err(|e| format!("{name}: {e}"))?;
        let stream = Cursor::new(magic.clone()).chain(&mut blob);
        let decoded: Box<dyn Read + '_> = match magic.as_slice() {
            [0x1f, 0x8b, ..] => Box::new(flate2::read::MultiGzDecoder::new(stream)),
            [0x28, 0xb5, 0x2f, 0xfd, ..] => Box::new(ZstdFrames::new(stream)),
            [0xfd, b'7', b'z', b'X', b'Z', 0] => {
                return Err(format!("{name}: xz-compressed layers are not supported"))
            }
            [b'B', b'Z', b'h', ..] => {
                return Err(format!("{name}: bzip2-compressed layers are not supported"))
            }
            _ => Box::new(stream),
        };
        let meter = Rc::new(Meter { limit, ..Meter::default() });
        meter.gap_allowed.set(MAX_METADATA_BYTES);
        let mut archive = tar::Archive::new(Counted { inner: decoded, meter: meter.clone() });
        let walked = walk(&mut archive, index, &layer.digest, budget, &meter, visitor);
        (walked, meter.count.get(), meter.exceeded.get(), meter.metadata_exceeded.get())
    };
    if bomb {
        return Err(format!(
            "{name} inflates to more than {limit_text}: refusing a possible decompression bomb"
        ));
    }
    if metadata_bomb {
        return Err(format!(
            "{name}: a long name or pax record exceeds {MAX_METADATA_BYTES} bytes: refusing a possible memory bomb"
        ));
    }
    if let Some(failure) = blob.failure() {
        return Err(format!("{name}: {failure}"));
    }
    walked.map_err(|e| format!("{name}: {e}"))?;
    blob.finish().map_err(|e| format!("{name}: {e}"))?;
    budget.charge_unpacked(counted);
    Ok(())
}

fn walk<R: Read>(
    archive: &mut tar::Archive<R>,
    layer: usize,
    digest: &Digest,
    budget: &Budget,
    meter: &Meter,
    visitor: &mut dyn LayerVisitor,
) -> Result<(), String> {
    let entries = archive.entries().map_err(|e| format!("not a tar archive: {e}"))?;
    for entry in entries {
        let mut entry = entry.map_err(|e| format!("reading the layer: {e}"))?;
        meter.entry_yielded(entry.size());
        if !budget.take_entry() {
            return Err(format!("the image has more than {} entries", budget.limits.max_entries));
        }
        let raw = String::from_utf8_lossy(&entry.path_bytes()).into_owned();
        let size = entry.size();
        if size > budget.limits.max_entry_bytes {
            let limit = budget.limits.max_entry_bytes;
            return Err(format!("{raw:?} declares {size} bytes, more than the per-entry limit of {limit}"));
        }
        let header = entry.header();
        let mode = header.mode().unwrap_or(0);
        let link = entry.link_name_bytes().map(|t| String::from_utf8_lossy(&t).into_owned());
        let (path, kind) = match classify(&raw, header.entry_type(), link) {
            Ok(Some(found)) => found,
            Ok(None) => continue,
            Err(reason) => {
                visitor.refused(Refusal { layer, layer_digest: digest.clone(), path: raw, reason });
                continue;
            }
        };
        let size = if kind == EntryKind::File { size } else { 0 };
        let info = EntryInfo { path, layer, layer_digest: digest, kind, size, mode };
        let contents: Option<&mut dyn Read> =
            if info.kind == EntryKind::File { Some(&mut entry) } else { None };
        visitor.entry(&info, contents).map_err(|e| format!("{}: {e}", info.path))?;
    }
    Ok(())
}

/// The normalised path and kind of an entry; `None` for entries that carry
/// nothing (the root directory, pax global headers); `Err` for refusals.
fn classify(
    raw: &str,
    entry_type: tar::EntryType,
    link: Option<String>,
) -> Result<Option<(String, EntryKind)>, String> {
    use tar::EntryType as T;
    if entry_type == T::XGlobalHeader {
        return Ok(None);
    }
    let path = normalise("", raw).ok_or("path leaves the image root")?;
    let (parent, name) = path.rsplit_once('/').unwrap_or(("", path.as_str()));
    if name == ".wh..wh..opq" {
        return Ok(Some((parent.to_string(), EntryKind::OpaqueDir)));
    }
    if name.starts_with(".wh..wh.") {
        return Err("aufs bookkeeping entry, ignored".into());
    }
    if let Some(deleted) = name.strip_prefix(".wh.") {
        if deleted.is_empty() || deleted == "." || deleted == ".." {
            return Err(format!("whiteout of {deleted:?} names no file"));
        }
        return Ok(Some((join(parent, deleted), EntryKind::Whiteout)));
    }
    if path.is_empty() {
        return Ok(None);
    }
    let kind = match entry_type {
        T::Regular | T::Continuous | T::GNUSparse => EntryKind::File,
        T::Directory => EntryKind::Dir,
        T::Symlink => {
            let target = link.ok_or("symlink without a target")?;
            // An absolute target is resolved from the image root, as inside a container.
            let base = if target.starts_with('/') { "" } else { parent };
            if normalise(base, &target).is_none() {
                return Err(format!("symlink target {target:?} leaves the image root"));
            }
            EntryKind::Symlink { target }
        }
        T::Link => {
            let target = link.ok_or("hard link without a target")?;
            match normalise("", &target) {
                Some(t) if !t.is_empty() => EntryKind::Hardlink { target: t },
                _ => return Err(format!("hard link target {target:?} leaves the image root")),
            }
        }
        _ => EntryKind::Other,
    };
    Ok(Some((path, kind)))
}

/// Resolves `path` lexically under `base`, dropping leading `/` as tar tools
/// do; `None` when `..` climbs above the root.
fn normalise(base: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = base.split('/').filter(|p| !p.is_empty()).collect();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

fn join(parent: &str, name: &str) -> String {
    if parent.is_empty() {
        name.to_string()
    } else {
        format!("{parent}/{name}")
    }
}

/// Most bytes the tar reader may consume between two entries beyond the
/// previous entry's own data: GNU long names and pax records are read whole
/// into memory by the `tar` crate, so they must be small.
const MAX_METADATA_BYTES: u64 = 1 << 20;

/// Counts inflated bytes, shared between the reader below the tar parser and
/// the loop above it; the flags survive the parser rewording the error.
#[derive(Default)]
struct Meter {
    count: Cell<u64>,
    limit: u64,
    exceeded: Cell<bool>,
    /// Bytes read since the last entry was yielded, and how many are allowed.
    gap: Cell<u64>,
    gap_allowed: Cell<u64>,
    metadata_exceeded: Cell<bool>,
}

impl Meter {
    /// Called for each yielded entry: what follows is its data, then metadata.
    fn entry_yielded(&self, size: u64) {
        self.gap.set(0);
        self.gap_allowed.set(size.div_ceil(512).saturating_mul(512).saturating_add(MAX_METADATA_BYTES));
    }
}

struct Counted<R> {
    inner: R,
    meter: Rc<Meter>,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)? as u64;
        let meter = &self.meter;
        meter.count.set(meter.count.get() + n);
        meter.gap.set(meter.gap.get() + n);
        if meter.count.get() > meter.limit {
            meter.exceeded.set(true);
            return Err(io::Error::other("uncompressed size limit exceeded"));
        }
        if meter.gap.get() > meter.gap_allowed.get() {
            meter.metadata_exceeded.set(true);
            return Err(io::Error::other("tar metadata too large"));
        }
        Ok(n as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tar::EntryType as T;

    fn kind(raw: &str, t: T, link: Option<&str>) -> Result<Option<(String, EntryKind)>, String> {
        classify(raw, t, link.map(str::to_string))
    }

    #[test]
    fn paths_are_normalised_or_refused() {
        assert_eq!(kind("/etc/./passwd", T::Regular, None).unwrap().unwrap().0, "etc/passwd");
        assert_eq!(kind("a/../b", T::Regular, None).unwrap().unwrap().0, "b");
        assert!(kind("../../etc/passwd", T::Regular, None).unwrap_err().contains("leaves the image root"));
        assert!(kind("/../x", T::Regular, None).is_err());
        assert_eq!(kind("./", T::Directory, None).unwrap(), None);
    }

    #[test]
    fn links_stay_inside() {
        let inside = kind("usr/lib/x", T::Symlink, Some("../../bin/sh")).unwrap().unwrap();
        assert_eq!(inside.1, EntryKind::Symlink { target: "../../bin/sh".into() });
        assert!(kind("usr/x", T::Symlink, Some("../../../etc")).unwrap_err().contains("symlink target"));
        assert!(kind("x", T::Symlink, Some("/../../x")).is_err());
        assert!(kind("x", T::Symlink, Some("/etc/passwd")).is_ok());
        assert!(kind("x", T::Link, Some("../outside")).unwrap_err().contains("hard link"));
        assert_eq!(
            kind("x", T::Link, Some("/etc/passwd")).unwrap().unwrap().1,
            EntryKind::Hardlink { target: "etc/passwd".into() }
        );
    }

    #[test]
    fn whiteouts_are_recognised() {
        assert_eq!(
            kind("etc/.wh.shadow", T::Regular, None).unwrap().unwrap(),
            ("etc/shadow".into(), EntryKind::Whiteout)
        );
        assert_eq!(
            kind("opt/.wh..wh..opq", T::Regular, None).unwrap().unwrap(),
            ("opt".into(), EntryKind::OpaqueDir)
        );
        assert!(kind("etc/.wh...", T::Regular, None).is_err());
        assert!(kind(".wh..wh.plnk/1.2", T::Regular, None).is_ok(), "a file inside is a plain file");
        assert!(kind("a/.wh..wh.aufs", T::Regular, None).unwrap_err().contains("aufs"));
    }
}
