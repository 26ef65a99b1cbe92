//! OCI image layouts (a directory, or an OCI archive's members): `oci-layout`,
//! `index.json`, then manifests and indexes under `blobs/sha256/`, each
//! verified before it is parsed. Indexes (nested ones too, as `docker buildx`
//! writes them) are resolved by platform, or by the `ref.name` annotation at
//! the top when a layout holds several images.

use super::{check_layer_size, parse, Image, Layer, OpenOptions, Platform, Store};
use crate::config::ImageConfig;
use crate::digest::Digest;
use crate::Limits;
use serde::Deserialize;
use std::collections::BTreeMap;

const INDEX_TYPES: [&str; 2] =
    ["application/vnd.oci.image.index.v1+json", "application/vnd.docker.distribution.manifest.list.v2+json"];
/// Nested indexes deeper than this are refused: real ones nest once at most.
const MAX_INDEX_DEPTH: usize = 4;

#[derive(Deserialize)]
struct Descriptor {
    #[serde(rename = "mediaType", default)]
    media_type: Option<String>,
    digest: String,
    #[serde(default)]
    size: Option<u64>,
    #[serde(default)]
    platform: Option<DescriptorPlatform>,
    #[serde(default)]
    annotations: BTreeMap<String, String>,
}

#[derive(Deserialize)]
struct DescriptorPlatform {
    os: String,
    architecture: String,
    #[serde(default)]
    variant: Option<String>,
}

#[derive(Deserialize)]
struct IndexDoc {
    manifests: Vec<Descriptor>,
}

#[derive(Deserialize)]
struct ManifestDoc {
    config: Descriptor,
    layers: Vec<Descriptor>,
}

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
        check_size(&chosen, bytes.len() as u64, &digest)?;
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

/// One manifest of an index: the only one, or the one for the platform.
fn choose(mut manifests: Vec<Descriptor>, platform: &Platform, what: &str) -> Result<Descriptor, String> {
    if manifests.len() == 1 {
        return Ok(manifests.remove(0));
    }
    if manifests.is_empty() {
        return Err(format!("{what} lists no manifests"));
    }
    let listed: Vec<String> = manifests
        .iter()
        .filter_map(|d| d.platform.as_ref())
        .map(|p| {
            format!(
                "{}/{}{}",
                p.os,
                p.architecture,
                p.variant.as_ref().map_or(String::new(), |v| format!("/{v}"))
            )
        })
        .collect();
    match manifests.iter().position(|d| d.platform.as_ref().is_some_and(|p| platform_matches(platform, p))) {
        Some(i) => Ok(manifests.swap_remove(i)),
        None if listed.is_empty() => {
            Err(format!("{what} lists {} images without platforms: choose one by reference", manifests.len()))
        }
        None => Err(format!("{what} has no image for {platform} (it has {})", listed.join(", "))),
    }
}

fn check_size(descriptor: &Descriptor, actual: u64, digest: &Digest) -> Result<(), String> {
    match descriptor.size {
        Some(size) if size != actual => {
            Err(format!("blob {digest} is {actual} bytes, not its declared {size}"))
        }
        _ => Ok(()),
    }
}

fn image_from_manifest(
    store: &Store,
    manifest: ManifestDoc,
    manifest_digest: Option<Digest>,
    limits: &Limits,
) -> Result<Image, String> {
    if manifest.layers.len() > limits.max_layers {
        return Err(format!(
            "image has {} layers, more than the limit of {}",
            manifest.layers.len(),
            limits.max_layers
        ));
    }
    let config_digest = Digest::parse(&manifest.config.digest)?;
    let config_bytes = store.read_blob(&config_digest, limits)?;
    check_size(&manifest.config, config_bytes.len() as u64, &config_digest)?;
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

fn platform_matches(wanted: &Platform, offered: &DescriptorPlatform) -> bool {
    wanted.os == offered.os
        && wanted.architecture == offered.architecture
        && (wanted.variant.is_none() || wanted.variant == offered.variant)
}
