//! The blob cache: `<dir>/blobs/sha256/<hex>`, the layout of an OCI image
//! layout's blobs, shared by every registry and repository (a digest names the
//! same bytes everywhere).
//!
//! A download goes to a temporary file in the same directory and is renamed
//! to its digest only once its content matched, so a file under its digest's
//! name is always complete and verified, even with several bosun processes
//! pulling at once; a failed or mismatching download leaves nothing behind.
//! Manifests and configs are re-verified whenever they are read back; a
//! cached layer is re-verified as it is streamed, by [`crate::Layer::open`].

use crate::digest::{read_verified, Digest};
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

pub(crate) struct BlobCache {
    dir: PathBuf,
}

impl BlobCache {
    pub fn new(root: &Path) -> Result<BlobCache, String> {
        let dir = root.join("blobs").join("sha256");
        std::fs::create_dir_all(&dir).map_err(|e| format!("cache directory {}: {e}", dir.display()))?;
        Ok(BlobCache { dir })
    }

    pub fn path(&self, digest: &Digest) -> PathBuf {
        self.dir.join(digest.hex())
    }

    /// A cached blob whose size is `size` (when known), without reading it.
    pub fn has(&self, digest: &Digest, size: Option<u64>) -> bool {
        match std::fs::metadata(self.path(digest)) {
            Ok(meta) => meta.is_file() && size.is_none_or(|s| meta.len() == s),
            Err(_) => false,
        }
    }

    /// A small cached blob, verified; one that no longer matches is removed
    /// (a damaged cache must not stop a pull that can fetch it again).
    pub fn read_small(&self, digest: &Digest, limit: u64) -> Option<Vec<u8>> {
        let path = self.path(digest);
        let file = File::open(&path).ok()?;
        match read_verified(file, digest, limit) {
            Ok(bytes) => Some(bytes),
            Err(_) => {
                let _ = std::fs::remove_file(&path);
                None
            }
        }
    }

    /// Stores bytes already checked against `digest`.
    pub fn store_small(&self, digest: &Digest, bytes: &[u8]) -> Result<(), String> {
        let mut pending = self.begin(digest)?;
        pending.write(bytes)?;
        pending.commit(&Digest::of(bytes))
    }

    /// A temporary file that becomes the blob `digest` once committed.
    pub fn begin(&self, digest: &Digest) -> Result<PendingBlob, String> {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let unique = COUNTER.fetch_add(1, Ordering::Relaxed);
        let temp = self.dir.join(format!(".partial-{}-{}-{unique}", digest.hex(), std::process::id()));
        let file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)
            .map_err(|e| format!("cache file {}: {e}", temp.display()))?;
        Ok(PendingBlob { file: Some(file), temp, target: self.path(digest), expected: digest.clone() })
    }
}

/// A download in progress; dropped without [`PendingBlob::commit`], it is removed.
pub(crate) struct PendingBlob {
    file: Option<File>,
    temp: PathBuf,
    target: PathBuf,
    expected: Digest,
}

impl PendingBlob {
    pub fn write(&mut self, bytes: &[u8]) -> Result<(), String> {
        let file = self.file.as_mut().ok_or("cache file already closed")?;
        file.write_all(bytes).map_err(|e| format!("cache file {}: {e}", self.temp.display()))
    }

    /// Renames the file to its digest if `actual` (what the content hashed to) is the expected one.
    pub fn commit(mut self, actual: &Digest) -> Result<(), String> {
        if actual != &self.expected {
            return Err(format!(
                "blob {} does not match its digest (content hashes to {actual}); nothing was cached",
                self.expected
            ));
        }
        let file = self.file.take().ok_or("cache file already closed")?;
        file.sync_all().map_err(|e| format!("cache file {}: {e}", self.temp.display()))?;
        drop(file);
        std::fs::rename(&self.temp, &self.target)
            .map_err(|e| format!("cache file {}: {e}", self.target.display()))
    }
}

impl Drop for PendingBlob {
    fn drop(&mut self) {
        if self.file.is_some() || self.temp.exists() {
            self.file = None;
            let _ = std::fs::remove_file(&self.temp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir.join("blobs/sha256"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn only_matching_blobs_are_kept() {
        let root = tempfile::tempdir().unwrap();
        let cache = BlobCache::new(root.path()).unwrap();
        let good = Digest::of(b"layer");
        let mut pending = cache.begin(&good).unwrap();
        pending.write(b"layer").unwrap();
        pending.commit(&Digest::of(b"layer")).unwrap();
        assert!(cache.has(&good, Some(5)) && !cache.has(&good, Some(6)));
        assert_eq!(entries(root.path()), [good.hex()]);

        let other = Digest::of(b"other");
        let mut pending = cache.begin(&other).unwrap();
        pending.write(b"tampered").unwrap();
        let err = pending.commit(&Digest::of(b"tampered")).unwrap_err();
        assert!(err.contains(other.as_str()) && err.contains("nothing was cached"), "{err}");
        let abandoned = cache.begin(&other).unwrap();
        drop(abandoned);
        assert_eq!(entries(root.path()), [good.hex()]);
    }

    #[test]
    fn damaged_small_blobs_are_dropped() {
        let root = tempfile::tempdir().unwrap();
        let cache = BlobCache::new(root.path()).unwrap();
        let digest = Digest::of(b"{}");
        cache.store_small(&digest, b"{}").unwrap();
        assert_eq!(cache.read_small(&digest, 10).unwrap(), b"{}");
        std::fs::write(cache.path(&digest), b"[]").unwrap();
        assert!(cache.read_small(&digest, 10).is_none());
        assert!(!cache.path(&digest).exists());
    }
}
