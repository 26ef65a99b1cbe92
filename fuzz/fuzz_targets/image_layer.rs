//! Arbitrary bytes as a layer blob of an OCI image layout, streamed and
//! squashed the way `bosun image` reads an image: compression sniffing (gzip,
//! zstd, plain tar), the tar reader, path normalisation and the refusal of
//! hostile entries, the inflated-size and metadata meters, the digest check,
//! and the whiteout and opaque-directory logic of `SquashBuilder`.
//!
//! The layout is written for each input with the input's real digest, so the
//! digest check passes and the entries are what gets exercised. The manifest
//! names the same blob twice: the second copy's whiteouts and opaque
//! directories then delete what the first copy wrote, so deleted files are
//! exercised too. The limits are small, so bombs and entry floods hit them.
//!
//! Any panic, hang or runaway allocation is a bug. Checked besides: every
//! entry's path is normalised (no `..`, `.`, empty or leading `/` part) and
//! only an opaque root has an empty path; symlink targets resolve inside the
//! root and hard-link targets are normalised; a file's contents never exceed
//! its declared size; the limits hold; the tree `squash` builds is the one the
//! visitor saw; deleted files were written by an earlier layer than the one
//! that deleted them.
//!
//! Run with `cargo +nightly fuzz run image_layer`.

#![no_main]

use bosun_image::digest::Digest;
use bosun_image::{
    squash, stream_layers, EntryInfo, EntryKind, Image, ImageSource, LayerVisitor, Limits, OpenOptions,
    Refusal, SquashBuilder,
};
use libfuzzer_sys::fuzz_target;
use serde_json::json;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

const LIMITS: Limits = Limits {
    max_json_bytes: 1 << 16,
    max_layer_bytes: 1 << 22,
    max_layer_unpacked: 1 << 20,
    // Less than two layers' worth: the second copy can run into the image-wide limit.
    max_image_unpacked: 3 << 19,
    max_entry_bytes: 256 << 10,
    max_entries: 2_000,
    max_layers: 4,
    max_archive_members: 100,
};

/// One layout directory for the whole run, in memory where the system has it.
static LAYOUT: LazyLock<PathBuf> = LazyLock::new(|| {
    let base = if Path::new("/dev/shm").is_dir() { PathBuf::from("/dev/shm") } else { std::env::temp_dir() };
    let dir = base.join(format!("bosun-fuzz-image-layer-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("blobs/sha256")).unwrap();
    std::fs::write(dir.join("oci-layout"), br#"{"imageLayoutVersion":"1.0.0"}"#).unwrap();
    dir
});

fn write_blob(bytes: &[u8]) -> (Digest, PathBuf) {
    let digest = Digest::of(bytes);
    let path = LAYOUT.join("blobs/sha256").join(digest.hex());
    std::fs::write(&path, bytes).unwrap();
    (digest, path)
}

fn descriptor(media_type: &str, digest: &Digest, size: usize) -> serde_json::Value {
    json!({"mediaType": media_type, "digest": digest.as_str(), "size": size})
}

/// An image of two layers that are both `data`; returns the blobs to remove afterwards.
fn write_image(data: &[u8]) -> Vec<PathBuf> {
    let (layer, layer_path) = write_blob(data);
    let config = serde_json::to_vec(&json!({
        "architecture": "amd64",
        "os": "linux",
        "config": {},
        "rootfs": {"type": "layers", "diff_ids": [layer.as_str(), layer.as_str()]},
        "history": [{"created_by": "COPY a /"}, {"created_by": "COPY a /"}]
    }))
    .unwrap();
    let (config_digest, config_path) = write_blob(&config);
    let layer_desc = descriptor("application/vnd.oci.image.layer.v1.tar+gzip", &layer, data.len());
    let manifest = serde_json::to_vec(&json!({
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": descriptor("application/vnd.oci.image.config.v1+json", &config_digest, config.len()),
        "layers": [layer_desc.clone(), layer_desc]
    }))
    .unwrap();
    let (manifest_digest, manifest_path) = write_blob(&manifest);
    let index = json!({
        "schemaVersion": 2,
        "manifests": [descriptor("application/vnd.oci.image.manifest.v1+json", &manifest_digest, manifest.len())]
    });
    std::fs::write(LAYOUT.join("index.json"), serde_json::to_vec(&index).unwrap()).unwrap();
    vec![layer_path, config_path, manifest_path]
}

fn is_normalised(path: &str) -> bool {
    !path.starts_with('/') && path.split('/').all(|p| !p.is_empty() && p != "." && p != "..")
}

/// Whether `target`, read from the directory `base`, stays inside the root.
fn resolves_inside(base: &str, target: &str) -> bool {
    let mut depth =
        if target.starts_with('/') { 0 } else { base.split('/').filter(|p| !p.is_empty()).count() };
    for part in target.split('/') {
        match part {
            "" | "." => {}
            ".." if depth == 0 => return false,
            ".." => depth -= 1,
            _ => depth += 1,
        }
    }
    true
}

/// Checks each entry, reads every file to the end, and feeds the squash.
struct Checker {
    digest: Digest,
    squash: SquashBuilder,
    entries: u64,
    content_bytes: u64,
    refused: usize,
}

impl LayerVisitor for Checker {
    fn entry(&mut self, info: &EntryInfo<'_>, contents: Option<&mut dyn Read>) -> Result<(), String> {
        self.entries += 1;
        assert!(self.entries <= LIMITS.max_entries, "more entries than the limit");
        assert!(info.layer < 2, "layer {} of a two-layer image", info.layer);
        assert_eq!(info.layer_digest, &self.digest);
        if info.path.is_empty() {
            assert_eq!(info.kind, EntryKind::OpaqueDir, "only an opaque root has an empty path");
        } else {
            assert!(is_normalised(&info.path), "path {:?} is not normalised", info.path);
        }
        match &info.kind {
            EntryKind::Symlink { target } => {
                let parent = info.path.rsplit_once('/').map_or("", |(p, _)| p);
                assert!(
                    resolves_inside(parent, target),
                    "symlink {} -> {target:?} leaves the root",
                    info.path
                );
            }
            EntryKind::Hardlink { target } => {
                assert!(is_normalised(target), "hard link target {target:?} is not normalised");
            }
            _ => {}
        }
        assert_eq!(contents.is_some(), info.kind == EntryKind::File, "contents for {:?}", info.kind);
        if info.kind != EntryKind::File {
            assert_eq!(info.size, 0, "a {:?} has a size", info.kind);
        }
        assert!(info.size <= LIMITS.max_entry_bytes, "entry of {} bytes passed the limit", info.size);
        if let Some(reader) = contents {
            let mut read = 0u64;
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) => break,
                    Ok(n) => read += n as u64,
                    Err(e) => return Err(e.to_string()),
                }
            }
            assert!(read <= info.size, "read {read} bytes of a {}-byte file", info.size);
            self.content_bytes += read;
        }
        self.squash.apply(info);
        Ok(())
    }

    fn refused(&mut self, refusal: Refusal) {
        assert!(!refusal.reason.is_empty());
        assert!(refusal.layer < 2);
        self.refused += 1;
    }
}

fuzz_target!(|data: &[u8]| {
    let written = write_image(data);
    let source = ImageSource::OciLayout(LAYOUT.clone());
    let options = OpenOptions { limits: LIMITS, ..OpenOptions::default() };
    let image = Image::open(&source, &options).expect("a well-formed layout opens");
    assert_eq!(image.layers.len(), 2);
    let mut checker = Checker {
        digest: Digest::of(data),
        squash: SquashBuilder::for_image(&image),
        entries: 0,
        content_bytes: 0,
        refused: 0,
    };
    let streamed = stream_layers(&image, &LIMITS, &mut checker);
    assert!(checker.content_bytes <= LIMITS.max_image_unpacked, "read more than the image limit");
    let tree = checker.squash.finish();
    for (path, node) in tree.iter() {
        assert!(is_normalised(path), "tree path {path:?} is not normalised");
        assert!(node.layer < 2);
        assert!(
            !matches!(node.kind, EntryKind::Whiteout | EntryKind::OpaqueDir),
            "{path}: a marker in the tree"
        );
    }
    for deleted in tree.deleted() {
        assert!(deleted.layer < deleted.deleted_by, "{} deleted by its own layer", deleted.path);
        assert_eq!(deleted.layer_digest, checker.digest);
        assert!(tree.get(&deleted.path).is_none_or(|n| n.layer >= deleted.deleted_by));
    }
    match streamed {
        Ok(()) => {
            // The library's own squash sees the same tree.
            let again = squash(&image, &LIMITS).expect("a layer streamed once streams again");
            assert!(again.iter().eq(tree.iter()), "squash disagrees with the visitor");
            assert_eq!(again.deleted(), tree.deleted());
            assert_eq!(again.refused().len(), checker.refused);
        }
        Err(e) => assert!(!e.is_empty()),
    }
    for path in written {
        let _ = std::fs::remove_file(path);
    }
});
