//! OCI image layouts (a directory, or an OCI archive's members): `oci-layout`,
//! `index.json`, then manifests and indexes under `blobs/sha256/`, each
//! verified before it is parsed. Indexes (nested ones too, as `docker buildx`
//! writes them) are resolved by platform, or by the `ref.name` annotation at
//! the top when a layout holds several images.

use super::manifest::{check_size, choose, IndexDoc, ManifestDoc, INDEX_TYPES, MAX_INDEX_DEPTH};
use super::{check_layer_size, parse, Image, Layer, OpenOptions, Store};
use crate::config::ImageConfig;
use crate::digest::Digest;
use crate::Limits;

pub(super) fn open_layout(store: &Store, options: &OpenOptions) -> Result<Image, String> {
    let limits = &options.limits;
    let marker =
        store.read_plain("oci-layout", 4096).map_err(|_| "not an OCI image layout (no oci-layout file)")?;
    let marker: serde_json::Value = parse("oci-layout", &marker)?;
    if marker.get("imageLayoutVersion").and_then(|v| v.as_str()).is_none() {
        return Err("oci-layout has no imageLayoutVersion".into());
    }
    let index: IndexDoc = parse("index.json", &store.read_plain("index.json", limits.max_json_bytes)?)?;
    let mut candidates = index.manifests;
    if let Some(reference) = &options.reference {
        candidates.retain(|d| d.annotations.get("org.opencontainers.image.ref.name") == Some(reference));
        if candidates.is_empty() {
            return Err(format!("no image named {reference:?} in index.json"));
        }
    }
    let mut chosen = choose(candidates, &options.platform, "index.json")?;
    for _ in 0..MAX_INDEX_DEPTH {
        let digest = Digest::parse(&chosen.digest)?;
        let bytes = store.read_blob(&digest, limits)?;
        check_size(chosen.size, bytes.len() as u64, &digest)?;
        let json: serde_json::Value = parse(&format!("manifest {digest}"), &bytes)?;
        let is_index = match chosen.media_type.as_deref() {
            Some(t) if INDEX_TYPES.contains(&t) => true,
            Some(_) => false,
            None => json.get("manifests").is_some(),
        };
        if !is_index {
            let manifest: ManifestDoc = parse(&format!("manifest {digest}"), &bytes)?;
            return image_from_manifest(store, manifest, Some(digest), limits);
        }
        let nested: IndexDoc = parse(&format!("index {digest}"), &bytes)?;
        chosen = choose(nested.manifests, &options.platform, &format!("index {digest}"))?;
    }
    Err(format!("image indexes nest deeper than {MAX_INDEX_DEPTH} levels"))
}

fn image_from_manifest(
    store: &Store,
    manifest: ManifestDoc,
    manifest_digest: Option<Digest>,
    limits: &Limits,
) -> Result<Image, String> {
    manifest.check_layer_count(limits)?;
    let config_digest = Digest::parse(&manifest.config.digest)?;
    let config_bytes = store.read_blob(&config_digest, limits)?;
    check_size(manifest.config.size, config_bytes.len() as u64, &config_digest)?;
    let config: ImageConfig = parse(&format!("image config {config_digest}"), &config_bytes)?;
    let mut layers = Vec::with_capacity(manifest.layers.len());
    for descriptor in manifest.layers {
        let digest = Digest::parse(&descriptor.digest)?;
        let location = store.blob(&digest)?;
        let size = descriptor.size.or_else(|| location.size());
        check_layer_size(size, &digest, limits)?;
        let media_type = descriptor.media_type.unwrap_or_default();
        layers.push(Layer { digest, media_type, size, location });
    }
    Ok(Image { config, config_digest, manifest_digest, layers })
}
