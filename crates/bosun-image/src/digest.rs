//! Content digests (`sha256:<64 hex>`) and the readers that check them.
//!
//! Only sha256 is accepted: it is what every registry and `docker save` use,
//! and a digest we cannot check must not be trusted silently. The digest is
//! parsed strictly (lowercase hex, exact length) because it also becomes a file
//! name under `blobs/sha256/`, so a loose parse would be a path traversal.

use sha2::{Digest as _, Sha256};
use std::fmt;
use std::io::{self, Read};

/// A validated `sha256:<hex>` content digest.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Digest(String);

impl Digest {
    /// Parses `sha256:<64 lowercase hex>`; anything else is an error naming the text.
    pub fn parse(text: &str) -> Result<Digest, String> {
        let shown: String = text.chars().take(100).collect();
        let Some(hex) = text.strip_prefix("sha256:") else {
            return Err(format!("unsupported digest {shown:?}: only sha256 is accepted"));
        };
        if !is_sha256_hex(hex) {
            return Err(format!("malformed digest {shown:?}: expected 64 lowercase hex digits"));
        }
        Ok(Digest(text.to_string()))
    }

    /// The digest of `bytes`.
    pub fn of(bytes: &[u8]) -> Digest {
        Digest(format!("sha256:{}", to_hex(&Sha256::digest(bytes))))
    }

    /// The 64 hex digits, which is also the blob's file name in a layout.
    pub fn hex(&self) -> &str {
        &self.0["sha256:".len()..]
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Digest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

pub(crate) fn is_sha256_hex(hex: &str) -> bool {
    hex.len() == 64 && hex.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Reads a whole small blob (manifest, index, config), refusing one larger than
/// `limit` or whose content does not hash to `expected`.
pub fn read_verified(mut reader: impl Read, expected: &Digest, limit: u64) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    reader
        .by_ref()
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| format!("blob {expected}: {e}"))?;
    if bytes.len() as u64 > limit {
        return Err(format!("blob {expected} is larger than the {limit}-byte limit"));
    }
    let actual = Digest::of(&bytes);
    if &actual != expected {
        return Err(mismatch(expected, &actual));
    }
    Ok(bytes)
}

fn mismatch(expected: &Digest, actual: &Digest) -> String {
    format!("blob {expected} does not match its digest (content hashes to {actual})")
}

/// Wraps a streamed blob (a layer) and checks, once the end is reached, that
/// the content hashes to the expected digest and has the expected size.
///
/// Layers are read once and never buffered whole, so the check can only come
/// at the end: whatever was derived from the content is valid only if the
/// reader reached its end without error. A failure is kept in
/// [`VerifyingReader::failure`] because decoders wrapped around this reader
/// rewrite the I/O errors they pass on.
pub struct VerifyingReader<R> {
    inner: R,
    expected: Digest,
    size: Option<u64>,
    read: u64,
    hasher: Sha256,
    failure: Option<String>,
    done: bool,
}

impl<R: Read> VerifyingReader<R> {
    /// `size`, when known (from a descriptor or an archive member), must match exactly.
    pub fn new(inner: R, expected: Digest, size: Option<u64>) -> Self {
        VerifyingReader { inner, expected, size, read: 0, hasher: Sha256::new(), failure: None, done: false }
    }

    /// Why verification failed, if it did.
    pub fn failure(&self) -> Option<&str> {
        self.failure.as_deref()
    }

    /// Whether the end was reached and the content matched.
    pub fn verified(&self) -> bool {
        self.done && self.failure.is_none()
    }

    /// Reads whatever a consumer left unread, so that the digest covers the whole blob.
    pub fn finish(&mut self) -> Result<(), String> {
        if !self.done {
            io::copy(self, &mut io::sink()).map_err(|e| self.failure.clone().unwrap_or(e.to_string()))?;
        }
        match &self.failure {
            Some(f) => Err(f.clone()),
            None => Ok(()),
        }
    }

    fn fail(&mut self, message: String) -> io::Error {
        self.failure = Some(message.clone());
        io::Error::new(io::ErrorKind::InvalidData, message)
    }
}

impl<R: Read> Read for VerifyingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if let Some(f) = &self.failure {
            return Err(io::Error::new(io::ErrorKind::InvalidData, f.clone()));
        }
        if self.done || buf.is_empty() {
            return Ok(0);
        }
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        if let Some(size) = self.size {
            if self.read > size {
                return Err(
                    self.fail(format!("blob {} is larger than its declared {size} bytes", self.expected))
                );
            }
        }
        self.hasher.update(&buf[..n]);
        if n == 0 {
            self.done = true;
            if let Some(size) = self.size {
                if self.read != size {
                    let message =
                        format!("blob {} is {} bytes, not its declared {size}", self.expected, self.read);
                    return Err(self.fail(message));
                }
            }
            let actual = Digest(format!("sha256:{}", to_hex(&self.hasher.clone().finalize())));
            if actual != self.expected {
                let message = mismatch(&self.expected, &actual);
                return Err(self.fail(message));
            }
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_is_strict() {
        let good = Digest::of(b"x");
        assert_eq!(Digest::parse(good.as_str()).unwrap(), good);
        assert!(Digest::parse("sha512:abcd").unwrap_err().contains("only sha256"));
        assert!(Digest::parse("sha256:../../etc/passwd").unwrap_err().contains("malformed"));
        assert!(Digest::parse(&good.as_str().to_uppercase().replace("SHA256", "sha256")).is_err());
    }

    #[test]
    fn streamed_mismatch_and_size_are_caught() {
        let digest = Digest::of(b"hello");
        let mut ok = VerifyingReader::new(&b"hello"[..], digest.clone(), Some(5));
        assert!(ok.finish().is_ok() && ok.verified());
        let mut bad = VerifyingReader::new(&b"hellO"[..], digest.clone(), None);
        assert!(bad.finish().unwrap_err().contains("does not match its digest"));
        let mut long = VerifyingReader::new(&b"hello!"[..], digest.clone(), Some(5));
        assert!(long.finish().unwrap_err().contains("larger than its declared"));
        let mut short = VerifyingReader::new(&b"hell"[..], digest, Some(5));
        assert!(short.finish().unwrap_err().contains("not its declared 5"));
    }

    #[test]
    fn small_blobs_are_bounded() {
        let digest = Digest::of(b"{}");
        assert_eq!(read_verified(&b"{}"[..], &digest, 2).unwrap(), b"{}");
        assert!(read_verified(&b"{}"[..], &digest, 1).unwrap_err().contains("limit"));
        assert!(read_verified(&b"[]"[..], &digest, 10).unwrap_err().contains("does not match"));
    }
}
