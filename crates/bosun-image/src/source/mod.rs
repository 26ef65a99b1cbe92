//! Opening an image: an OCI image layout directory, a `docker save` tarball
//! (the old `<id>/layer.tar` layout and the Docker 25+ one with `blobs/`), or an
//! OCI archive (a tar of a layout).
//!
//! The result is the parsed config and the ordered layers, each able to open
//! its blob as a digest-checking stream. Archives are indexed once (member name
//! to offset) and members are then read by seeking, so nothing is unpacked and
//! a layer is read only when it is streamed. Manifests, indexes and configs are
//! small: they are read whole, bounded by [`Limits::max_json_bytes`], and
//! verified before they are parsed. Registries are pulled into a blob cache
//! first ([`registry`]), after which their layers are files like a layout's.

mod docker;
mod manifest;
mod oci;
pub mod registry;

use crate::config::ImageConfig;
use crate::digest::{read_verified, Digest, VerifyingReader};
use crate::Limits;
use registry::{Reference, RegistryOptions};
use serde::Deserialize;
use std::collections::HashMap;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

/// Where an image comes from, as written on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImageSource {
    OciLayout(PathBuf),
    DockerArchive(PathBuf),
    OciArchive(PathBuf),
    Registry(Reference),
}

/// Transports other tools (skopeo, podman) accept that bosun does not read.
const UNSUPPORTED_TRANSPORTS: [&str; 6] =
    ["dir", "docker-daemon", "containers-storage", "ostree", "sif", "tarball"];

impl ImageSource {
    /// Parses `oci:DIR`, `docker-archive:FILE`, `oci-archive:FILE`, or else a
    /// registry reference `[HOST[:PORT]/]REPO[:TAG][@sha256:HEX]` (also with
    /// skopeo's `docker://` prefix).
    pub fn parse(reference: &str) -> Result<ImageSource, String> {
        if let Some((kind, path)) = reference.split_once(':') {
            let path = PathBuf::from(path);
            match kind {
                "oci" => return Ok(ImageSource::OciLayout(path)),
                "docker-archive" => return Ok(ImageSource::DockerArchive(path)),
                "oci-archive" => return Ok(ImageSource::OciArchive(path)),
                _ if UNSUPPORTED_TRANSPORTS.contains(&kind) => {
                    return Err(format!(
                        "unsupported image transport {kind:?} (expected oci:, docker-archive:, oci-archive: or a registry reference)"
                    ))
                }
                _ => {}
            }
        }
        let registry = reference.strip_prefix("docker://").unwrap_or(reference);
        Reference::parse(registry).map(ImageSource::Registry)
    }
}

/// The platform chosen from a multi-platform index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Platform {
    pub os: String,
    pub architecture: String,
    /// `None` accepts any variant.
    pub variant: Option<String>,
}

impl Default for Platform {
    fn default() -> Self {
        Platform { os: "linux".into(), architecture: "amd64".into(), variant: None }
    }
}

impl Platform {
    /// Parses `os/arch[/variant]`, as `--platform` takes it.
    pub fn parse(text: &str) -> Result<Platform, String> {
        let parts: Vec<&str> = text.split('/').collect();
        match parts.as_slice() {
            [os, arch] if !os.is_empty() && !arch.is_empty() => {
                Ok(Platform { os: os.to_string(), architecture: arch.to_string(), variant: None })
            }
            [os, arch, variant] if !os.is_empty() && !arch.is_empty() && !variant.is_empty() => {
                Ok(Platform {
                    os: os.to_string(),
                    architecture: arch.to_string(),
                    variant: Some(variant.to_string()),
                })
            }
            _ => Err(format!("malformed platform {text:?}: expected OS/ARCH or OS/ARCH/VARIANT")),
        }
    }
}

impl std::fmt::Display for Platform {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.os, self.architecture)?;
        match &self.variant {
            Some(v) => write!(f, "/{v}"),
            None => Ok(()),
        }
    }
}

/// How to choose the image inside a source.
#[derive(Debug, Clone, Default)]
pub struct OpenOptions {
    pub platform: Platform,
    /// Picks the top-level manifest annotated `org.opencontainers.image.ref.name`
    /// with this value when a layout holds several images.
    pub reference: Option<String>,
    pub limits: Limits,
    /// Credentials, transport and cache for registry references.
    pub registry: RegistryOptions,
}

/// One layer, in order from the base up.
#[derive(Debug, Clone)]
pub struct Layer {
    pub digest: Digest,
    pub media_type: String,
    /// The blob's size as stored, when a descriptor or archive states it.
    pub size: Option<u64>,
    location: Location,
}

impl Layer {
    /// The stored (possibly compressed) blob, checked against the digest as it is read.
    pub fn open(&self) -> Result<VerifyingReader<Box<dyn Read>>, String> {
        let reader = self.location.open()?;
        Ok(VerifyingReader::new(reader, self.digest.clone(), self.size))
    }
}

/// An opened image.
#[derive(Debug, Clone)]
pub struct Image {
    pub config: ImageConfig,
    pub config_digest: Digest,
    /// `None` for the old `docker save` layout, which has no manifest blob.
    pub manifest_digest: Option<Digest>,
    pub layers: Vec<Layer>,
}

impl Image {
    pub fn open(source: &ImageSource, options: &OpenOptions) -> Result<Image, String> {
        let (result, origin) = match source {
            ImageSource::OciLayout(dir) => {
                (oci::open_layout(&Store::Dir(dir.clone()), options), dir.display().to_string())
            }
            ImageSource::DockerArchive(file) => (
                Store::archive(file, &options.limits).and_then(|store| docker::open_docker(&store, options)),
                file.display().to_string(),
            ),
            ImageSource::OciArchive(file) => (
                Store::archive(file, &options.limits).and_then(|store| oci::open_layout(&store, options)),
                file.display().to_string(),
            ),
            ImageSource::Registry(reference) => {
                (registry::open_registry(reference, options), reference.to_string())
            }
        };
        result.map_err(|e| format!("{origin}: {e}"))
    }
}

/// Where a blob's bytes are.
#[derive(Debug, Clone)]
enum Location {
    File(PathBuf),
    Member { archive: PathBuf, offset: u64, size: u64 },
}

impl Location {
    fn open(&self) -> Result<Box<dyn Read>, String> {
        match self {
            Location::File(path) => {
                let file = File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
                Ok(Box::new(file))
            }
            Location::Member { archive, offset, size } => {
                let mut file = File::open(archive).map_err(|e| format!("{}: {e}", archive.display()))?;
                file.seek(SeekFrom::Start(*offset)).map_err(|e| format!("{}: {e}", archive.display()))?;
                Ok(Box::new(file.take(*size)))
            }
        }
    }

    fn size(&self) -> Option<u64> {
        match self {
            Location::File(path) => std::fs::metadata(path).ok().map(|m| m.len()),
            Location::Member { size, .. } => Some(*size),
        }
    }
}

/// The files of a layout or archive, addressed by relative path.
enum Store {
    Dir(PathBuf),
    /// Regular members of a tar, by normalised name, with symlinked members resolved.
    Archive {
        path: PathBuf,
        members: HashMap<String, (u64, u64)>,
    },
}

impl Store {
    fn archive(path: &Path, limits: &Limits) -> Result<Store, String> {
        let mut file = File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut magic = [0u8; 4];
        let n = file.read(&mut magic).map_err(|e| e.to_string())?;
        if n >= 2 && magic[..2] == [0x1f, 0x8b] {
            return Err("compressed archives are not supported: decompress it first (gunzip)".into());
        }
        file.seek(SeekFrom::Start(0)).map_err(|e| e.to_string())?;
        let mut archive = tar::Archive::new(file);
        let mut members = HashMap::new();
        let mut links = Vec::new();
        let entries = archive.entries_with_seek().map_err(|e| format!("not a tar archive: {e}"))?;
        for (count, entry) in entries.enumerate() {
            if count >= limits.max_archive_members {
                return Err(format!("archive has more than {} members", limits.max_archive_members));
            }
            let entry = entry.map_err(|e| format!("reading the archive: {e}"))?;
            let Some(name) = clean_member(&String::from_utf8_lossy(&entry.path_bytes())) else { continue };
            match entry.header().entry_type() {
                tar::EntryType::Regular | tar::EntryType::Continuous => {
                    members.insert(name, (entry.raw_file_position(), entry.size()));
                }
                // `docker save` writes a layer shared by two images once and links the other name to it.
                tar::EntryType::Symlink | tar::EntryType::Link => {
                    if let Some(target) = entry.link_name_bytes() {
                        let target = String::from_utf8_lossy(&target).into_owned();
                        links.push((name, target, entry.header().entry_type().is_symlink()));
                    }
                }
                _ => {}
            }
        }
        for (name, target, symlink) in links {
            let resolved = if symlink {
                let dir = name.rsplit_once('/').map_or("", |(d, _)| d);
                clean_member(&format!("{dir}/{target}"))
            } else {
                clean_member(&target)
            };
            if let Some(found) = resolved.and_then(|t| members.get(&t).copied()) {
                members.entry(name).or_insert(found);
            }
        }
        Ok(Store::Archive { path: path.to_path_buf(), members })
    }

    fn locate(&self, relative: &str) -> Result<Location, String> {
        let name =
            clean_member(relative).ok_or_else(|| format!("refusing path {relative:?} outside the image"))?;
        match self {
            Store::Dir(dir) => Ok(Location::File(dir.join(name))),
            Store::Archive { path, members } => match members.get(&name) {
                Some(&(offset, size)) => Ok(Location::Member { archive: path.clone(), offset, size }),
                None => Err(format!("{name} is missing from the archive")),
            },
        }
    }

    fn blob(&self, digest: &Digest) -> Result<Location, String> {
        self.locate(&format!("blobs/sha256/{}", digest.hex()))
            .map_err(|_| format!("blob {digest} is missing"))
            .and_then(|l| match &l {
                Location::File(p) if !p.is_file() => Err(format!("blob {digest} is missing")),
                _ => Ok(l),
            })
    }

    /// Reads an unverifiable file (`index.json`, `oci-layout`, `manifest.json`), bounded.
    fn read_plain(&self, relative: &str, limit: u64) -> Result<Vec<u8>, String> {
        let location = self.locate(relative)?;
        let mut bytes = Vec::new();
        location
            .open()
            .map_err(|_| format!("no {relative}"))?
            .take(limit + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("{relative}: {e}"))?;
        if bytes.len() as u64 > limit {
            return Err(format!("{relative} is larger than the {limit}-byte limit"));
        }
        Ok(bytes)
    }

    fn read_blob(&self, digest: &Digest, limits: &Limits) -> Result<Vec<u8>, String> {
        read_verified(self.blob(digest)?.open()?, digest, limits.max_json_bytes)
    }
}

/// Normalises an archive member name; `None` when it leaves the archive root.
fn clean_member(name: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for part in name.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

fn parse<'a, T: Deserialize<'a>>(what: &str, bytes: &'a [u8]) -> Result<T, String> {
    serde_json::from_slice(bytes).map_err(|e| format!("malformed {what}: {e}"))
}

fn check_layer_size(size: Option<u64>, digest: &Digest, limits: &Limits) -> Result<(), String> {
    match size {
        Some(size) if size > limits.max_layer_bytes => {
            Err(format!("layer {digest} is {size} bytes, more than the limit of {}", limits.max_layer_bytes))
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_and_platforms_parse() {
        assert_eq!(ImageSource::parse("oci:/x").unwrap(), ImageSource::OciLayout("/x".into()));
        let pulled = |text: &str| match ImageSource::parse(text).unwrap() {
            ImageSource::Registry(r) => r.to_string(),
            other => panic!("{other:?}"),
        };
        assert_eq!(pulled("localhost:5000/x:1"), "localhost:5000/x:1");
        assert_eq!(pulled("docker://alpine"), "docker.io/library/alpine:latest");
        assert_eq!(pulled("alpine:3.20"), "docker.io/library/alpine:3.20");
        assert!(ImageSource::parse("docker-daemon:x").unwrap_err().contains("unsupported image transport"));
        assert!(ImageSource::parse("Not/A/Ref").unwrap_err().contains("invalid image reference"));
        let p = Platform::parse("linux/arm/v7").unwrap();
        assert_eq!(
            (p.os.as_str(), p.architecture.as_str(), p.variant.as_deref()),
            ("linux", "arm", Some("v7"))
        );
        assert!(Platform::parse("linux").is_err());
        assert_eq!(Platform::default().to_string(), "linux/amd64");
    }

    #[test]
    fn member_names_cannot_leave_the_archive() {
        assert_eq!(clean_member("./a//b/../c").as_deref(), Some("a/c"));
        assert_eq!(clean_member("../etc/passwd"), None);
        assert_eq!(clean_member("/"), None);
    }
}
