//! Pulling an image from a registry over the OCI distribution API into the
//! blob cache, so that the result is an [`Image`] like any other: its layers
//! are files under `<cache>/blobs/sha256/`, streamed and squashed unchanged.
//!
//! The manifest is fetched by tag or digest (OCI and Docker v2 schema 2
//! manifests and indexes; schema 1 is refused), an index is resolved by
//! platform (nested ones too, to a bounded depth), then the config and every
//! layer not yet cached are downloaded. Everything is verified against its
//! digest before it is used or cached: a manifest fetched by tag against the
//! registry's `Docker-Content-Digest` when it sends one. Content addressed by
//! digest is read from the cache without asking the registry, so a pull by
//! digest works offline once it has been done.

mod auth;
mod cache;
mod client;
mod reference;

pub use auth::Credentials;
pub use reference::Reference;

use super::manifest::{check_size, choose, IndexDoc, ManifestDoc, INDEX_TYPES, MAX_INDEX_DEPTH};
use super::{check_layer_size, parse, Image, Layer, Location, OpenOptions};
use crate::config::ImageConfig;
use crate::digest::Digest;
use cache::BlobCache;
use client::Client;
use sha2::Digest as _;
use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

const MANIFEST_TYPES: [&str; 2] =
    ["application/vnd.oci.image.manifest.v1+json", "application/vnd.docker.distribution.manifest.v2+json"];

/// How to reach registries; part of [`OpenOptions`].
#[derive(Debug, Clone, Default)]
pub struct RegistryOptions {
    /// Used for the image's registry (and its token service) before anything stored.
    pub credentials: Option<Credentials>,
    /// Docker's `config.json` to read stored logins from; `None` reads
    /// `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`.
    pub docker_config: Option<PathBuf>,
    /// `host` or `host:port` entries allowed to use plain HTTP or unverified
    /// HTTPS (a `host` entry covers every port). Token services and redirects
    /// to these hosts may use plain HTTP too.
    pub insecure_registries: Vec<String>,
    /// PEM files of CA certificates trusted besides the public roots.
    pub ca_files: Vec<PathBuf>,
    /// Where pulled blobs are kept (`<dir>/blobs/sha256/<hex>`); required for registry pulls.
    pub cache_dir: Option<PathBuf>,
    pub progress: Option<ProgressHook>,
}

/// What a pull is doing, for a progress display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlobKind {
    Manifest,
    Config,
    Layer,
}

/// One step of a pull: `done` of `total` bytes of one blob.
#[derive(Debug, Clone)]
pub struct PullProgress<'a> {
    pub kind: BlobKind,
    pub digest: &'a Digest,
    pub done: u64,
    pub total: Option<u64>,
    /// The blob was already in the cache: nothing is downloaded.
    pub cached: bool,
}

/// Called as a pull makes progress (from the pulling thread). The library
/// never prints: drawing a progress bar is the caller's business.
#[derive(Clone)]
pub struct ProgressHook(pub Arc<dyn Fn(&PullProgress<'_>) + Send + Sync>);

impl ProgressHook {
    pub fn new(hook: impl Fn(&PullProgress<'_>) + Send + Sync + 'static) -> ProgressHook {
        ProgressHook(Arc::new(hook))
    }
}

impl fmt::Debug for ProgressHook {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ProgressHook")
    }
}

/// One pull: the cache, and a client made only once the network is needed.
struct Pull<'a> {
    reference: &'a Reference,
    options: &'a OpenOptions,
    cache: BlobCache,
    client: Option<Client>,
}

pub(super) fn open_registry(reference: &Reference, options: &OpenOptions) -> Result<Image, String> {
    let cache_dir =
        options.registry.cache_dir.as_ref().ok_or("pulling from a registry needs a cache directory")?;
    let mut pull = Pull { reference, options, cache: BlobCache::new(cache_dir)?, client: None };
    pull.run()
}

impl Pull<'_> {
    fn run(&mut self) -> Result<Image, String> {
        let limits = &self.options.limits;
        let (mut bytes, mut digest) = match &self.reference.digest {
            Some(digest) => (self.manifest_by_digest(digest, None)?, digest.clone()),
            None => self.manifest_by_tag()?,
        };
        let mut depth = 0;
        loop {
            let json: serde_json::Value = parse(&format!("manifest {digest}"), &bytes)?;
            match manifest_kind(&json) {
                Kind::Manifest => break,
                Kind::SchemaOne => {
                    return Err(format!(
                    "manifest {digest} is a Docker schema 1 manifest, which is deprecated and not supported"
                ))
                }
                Kind::Unknown(what) => return Err(format!("manifest {digest}: {what}")),
                Kind::Index => {}
            }
            depth += 1;
            if depth > MAX_INDEX_DEPTH {
                return Err(format!("image indexes nest deeper than {MAX_INDEX_DEPTH} levels"));
            }
            let index: IndexDoc = parse(&format!("index {digest}"), &bytes)?;
            let chosen = choose(index.manifests, &self.options.platform, &format!("index {digest}"))?;
            let child = Digest::parse(&chosen.digest)?;
            bytes = self.manifest_by_digest(&child, chosen.size)?;
            digest = child;
        }
        let manifest: ManifestDoc = parse(&format!("manifest {digest}"), &bytes)?;
        manifest.check_layer_count(limits)?;
        let config_digest = Digest::parse(&manifest.config.digest)?;
        let config_bytes = self.small_blob(&config_digest, manifest.config.size)?;
        let config: ImageConfig = parse(&format!("image config {config_digest}"), &config_bytes)?;
        let mut layers = Vec::with_capacity(manifest.layers.len());
        for descriptor in manifest.layers {
            let digest = Digest::parse(&descriptor.digest)?;
            check_layer_size(descriptor.size, &digest, limits)?;
            self.layer(&digest, descriptor.size)?;
            let location = Location::File(self.cache.path(&digest));
            let size = descriptor.size.or_else(|| location.size());
            layers.push(Layer {
                digest,
                media_type: descriptor.media_type.unwrap_or_default(),
                size,
                location,
            });
        }
        Ok(Image { config, config_digest, manifest_digest: Some(digest), layers })
    }

    fn client(&mut self) -> Result<&mut Client, String> {
        if self.client.is_none() {
            let registry = &self.options.registry;
            let (credentials, note) = match &registry.credentials {
                Some(credentials) => (Some(credentials.clone()), None),
                None => match registry.docker_config.clone().or_else(auth::default_docker_config) {
                    Some(path) => {
                        let login = auth::stored_login(&path, &self.reference.registry)?;
                        (login.credentials, login.note)
                    }
                    None => (None, None),
                },
            };
            let client = Client::new(
                self.reference.api_host(),
                &self.reference.repository,
                registry,
                credentials,
                note,
            )?;
            self.client = Some(client);
        }
        Ok(self.client.as_mut().expect("set above"))
    }

    fn progress(&self, kind: BlobKind, digest: &Digest, done: u64, total: Option<u64>, cached: bool) {
        if let Some(hook) = &self.options.registry.progress {
            (hook.0)(&PullProgress { kind, digest, done, total, cached });
        }
    }

    /// A tag's manifest: always asked for (tags move), verified against the
    /// digest the registry states, then cached under its own digest.
    fn manifest_by_tag(&mut self) -> Result<(Vec<u8>, Digest), String> {
        let tag = self.reference.manifest_reference().to_string();
        let limit = self.options.limits.max_json_bytes;
        let fetched = self.client()?.manifest(&tag, limit)?;
        let digest = Digest::of(&fetched.bytes);
        if let Some(stated) = fetched.stated_digest.as_deref().and_then(|d| Digest::parse(d).ok()) {
            if stated != digest {
                return Err(format!(
                    "the manifest of tag {tag} hashes to {digest}, not to the {stated} the registry stated"
                ));
            }
        }
        check_content_type(fetched.content_type.as_deref(), &digest)?;
        self.cache.store_small(&digest, &fetched.bytes)?;
        self.progress(BlobKind::Manifest, &digest, fetched.bytes.len() as u64, None, false);
        Ok((fetched.bytes, digest))
    }

    fn manifest_by_digest(&mut self, digest: &Digest, size: Option<u64>) -> Result<Vec<u8>, String> {
        let limit = self.options.limits.max_json_bytes;
        let bytes = match self.cache.read_small(digest, limit) {
            Some(bytes) => {
                self.progress(BlobKind::Manifest, digest, bytes.len() as u64, size, true);
                bytes
            }
            None => {
                let fetched = self.client()?.manifest(digest.as_str(), limit)?;
                let actual = Digest::of(&fetched.bytes);
                if &actual != digest {
                    return Err(format!(
                        "manifest {digest} does not match its digest (content hashes to {actual})"
                    ));
                }
                check_content_type(fetched.content_type.as_deref(), digest)?;
                self.cache.store_small(digest, &fetched.bytes)?;
                self.progress(BlobKind::Manifest, digest, fetched.bytes.len() as u64, size, false);
                fetched.bytes
            }
        };
        check_size(size, bytes.len() as u64, digest)?;
        Ok(bytes)
    }

    /// The config blob, from the cache or the registry, verified.
    fn small_blob(&mut self, digest: &Digest, size: Option<u64>) -> Result<Vec<u8>, String> {
        let limit = self.options.limits.max_json_bytes;
        if let Some(size) = size.filter(|&s| s > limit) {
            return Err(format!("blob {digest} is {size} bytes, more than the limit of {limit}"));
        }
        if let Some(bytes) = self.cache.read_small(digest, limit) {
            check_size(size, bytes.len() as u64, digest)?;
            self.progress(BlobKind::Config, digest, bytes.len() as u64, size, true);
            return Ok(bytes);
        }
        let mut bytes = Vec::new();
        self.client()?.blob(digest.as_str(), size, limit, &mut |chunk| {
            bytes.extend_from_slice(chunk);
            Ok(())
        })?;
        let actual = Digest::of(&bytes);
        if &actual != digest {
            return Err(format!("blob {digest} does not match its digest (content hashes to {actual})"));
        }
        self.cache.store_small(digest, &bytes)?;
        self.progress(BlobKind::Config, digest, bytes.len() as u64, size, false);
        Ok(bytes)
    }

    /// Makes sure layer `digest` is in the cache, downloading and verifying it if not.
    fn layer(&mut self, digest: &Digest, size: Option<u64>) -> Result<(), String> {
        if self.cache.has(digest, size) {
            self.progress(BlobKind::Layer, digest, size.unwrap_or_default(), size, true);
            return Ok(());
        }
        let limit = self.options.limits.max_layer_bytes;
        let mut pending = self.cache.begin(digest)?;
        let mut hasher = sha2::Sha256::new();
        let mut done = 0u64;
        self.progress(BlobKind::Layer, digest, 0, size, false);
        let hook = self.options.registry.progress.clone();
        self.client()?.blob(digest.as_str(), size, limit, &mut |chunk| {
            hasher.update(chunk);
            pending.write(chunk)?;
            done += chunk.len() as u64;
            if let Some(hook) = &hook {
                (hook.0)(&PullProgress { kind: BlobKind::Layer, digest, done, total: size, cached: false });
            }
            Ok(())
        })?;
        let actual = Digest::parse(&format!("sha256:{}", hex(&hasher.finalize())))?;
        pending.commit(&actual)
    }
}

enum Kind {
    Index,
    Manifest,
    SchemaOne,
    Unknown(String),
}

/// What a manifest document is, from its own (digest-covered) `mediaType`
/// first, else its shape: the `Content-Type` header is not covered by any
/// digest, so it is never what decides.
fn manifest_kind(json: &serde_json::Value) -> Kind {
    if json.get("schemaVersion").and_then(|v| v.as_u64()) == Some(1) {
        return Kind::SchemaOne;
    }
    match json.get("mediaType").and_then(|m| m.as_str()) {
        Some(t) if INDEX_TYPES.contains(&t) => Kind::Index,
        Some(t) if MANIFEST_TYPES.contains(&t) => Kind::Manifest,
        Some(t) if t.contains("manifest.v1") => Kind::SchemaOne,
        Some(t) => {
            Kind::Unknown(format!("unsupported media type {:?}", t.chars().take(100).collect::<String>()))
        }
        None if json.get("manifests").is_some() => Kind::Index,
        None if json.get("layers").is_some() && json.get("config").is_some() => Kind::Manifest,
        None => Kind::Unknown("neither an image manifest nor an index".into()),
    }
}

/// Refuses what is plainly not a manifest (an HTML error page served with 200,
/// say); a JSON type other than the one the document states is tolerated.
fn check_content_type(content_type: Option<&str>, digest: &Digest) -> Result<(), String> {
    let Some(content_type) = content_type else { return Ok(()) };
    let essence = content_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    if essence.starts_with("text/html") {
        return Err(format!("manifest {digest}: the registry sent {essence}, not a manifest"));
    }
    Ok(())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_kinds_come_from_the_document() {
        let kind = |text: &str| manifest_kind(&serde_json::from_str(text).unwrap());
        assert!(matches!(kind(r#"{"mediaType":"application/vnd.oci.image.index.v1+json"}"#), Kind::Index));
        assert!(matches!(kind(r#"{"manifests":[]}"#), Kind::Index));
        assert!(matches!(kind(r#"{"config":{},"layers":[]}"#), Kind::Manifest));
        assert!(matches!(kind(r#"{"schemaVersion":1,"fsLayers":[]}"#), Kind::SchemaOne));
        assert!(matches!(kind(r#"{"mediaType":"text/plain"}"#), Kind::Unknown(_)));
        assert!(matches!(kind(r#"{}"#), Kind::Unknown(_)));
        let d = Digest::of(b"x");
        assert!(check_content_type(Some("text/html; charset=utf-8"), &d).unwrap_err().contains("text/html"));
        assert!(check_content_type(Some("application/json"), &d).is_ok());
    }
}
