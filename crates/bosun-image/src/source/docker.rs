//! `docker save` tarballs: `manifest.json` naming the config and the layer
//! tars by member path. The old layout names layers `<id>/layer.tar` and links
//! a layer shared between images to its first copy; Docker 25+ stores them as
//! `blobs/sha256/<digest>`. Layers are uncompressed tars either way, verified
//! against the config's `diff_ids` when their names carry no digest.

use super::{check_layer_size, clean_member, parse, Image, Layer, OpenOptions, Store};
use crate::config::ImageConfig;
use crate::digest::{read_verified, Digest};
use serde::Deserialize;

#[derive(Deserialize)]
struct DockerManifest {
    #[serde(rename = "Config")]
    config: String,
    #[serde(rename = "Layers", default)]
    layers: Vec<String>,
    #[serde(rename = "RepoTags", default)]
    repo_tags: Option<Vec<String>>,
}

/// The digest a `docker save` path carries: `blobs/sha256/<hex>` (Docker 25+)
/// or `<hex>.json` (the config in the old layout).
fn digest_in_name(name: &str) -> Option<Digest> {
    let name = clean_member(name)?;
    let hex = name.strip_prefix("blobs/sha256/").or_else(|| name.strip_suffix(".json"))?;
    Digest::parse(&format!("sha256:{hex}")).ok()
}

pub(super) fn open_docker(store: &Store, options: &OpenOptions) -> Result<Image, String> {
    let limits = &options.limits;
    let bytes = store.read_plain("manifest.json", limits.max_json_bytes).map_err(|_| {
        "not a docker save archive (no manifest.json); for an OCI archive use oci-archive:".to_string()
    })?;
    let mut images: Vec<DockerManifest> = parse("manifest.json", &bytes)?;
    if let Some(reference) = &options.reference {
        images.retain(|m| m.repo_tags.as_ref().is_some_and(|t| t.contains(reference)));
    }
    let manifest = match images.len() {
        1 => images.remove(0),
        0 => return Err("manifest.json lists no matching image".into()),
        n => return Err(format!("manifest.json lists {n} images: choose one by tag")),
    };
    if manifest.layers.len() > limits.max_layers {
        return Err(format!(
            "image has {} layers, more than the limit of {}",
            manifest.layers.len(),
            limits.max_layers
        ));
    }
    let config_digest = digest_in_name(&manifest.config).ok_or_else(|| {
        format!("cannot verify the config {:?}: its name carries no digest", manifest.config)
    })?;
    let config_location = store.locate(&manifest.config)?;
    let config_bytes = read_verified(config_location.open()?, &config_digest, limits.max_json_bytes)?;
    let config: ImageConfig = parse(&format!("image config {config_digest}"), &config_bytes)?;
    let mut layers = Vec::with_capacity(manifest.layers.len());
    for (i, path) in manifest.layers.iter().enumerate() {
        // The old layout names layers by an id that is no digest: the config's
        // diff_ids (digests of the uncompressed tars `docker save` writes) are.
        let digest = match digest_in_name(path).filter(|_| !path.ends_with(".json")) {
            Some(d) => d,
            None => Digest::parse(config.rootfs.diff_ids.get(i).map(String::as_str).unwrap_or_default())
                .map_err(|e| format!("cannot verify layer {path:?}: no usable diff_id ({e})"))?,
        };
        let location = store.locate(path)?;
        let size = location.size();
        check_layer_size(size, &digest, limits)?;
        let media_type = "application/vnd.docker.image.rootfs.diff.tar".to_string();
        layers.push(Layer { digest, media_type, size, location });
    }
    Ok(Image { config, config_digest, manifest_digest: None, layers })
}
