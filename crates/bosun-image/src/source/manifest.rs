//! What OCI layouts and registries share: the descriptor, index and manifest
//! documents, and choosing an index entry by platform.

use super::Platform;
use crate::digest::Digest;
use crate::Limits;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;

pub(super) const INDEX_TYPES: [&str; 2] =
    ["application/vnd.oci.image.index.v1+json", "application/vnd.docker.distribution.manifest.list.v2+json"];
/// Indexes nested deeper than this are refused: real ones nest once at most.
pub(super) const MAX_INDEX_DEPTH: usize = 4;

#[derive(Debug, Deserialize)]
pub(super) struct Descriptor {
    #[serde(rename = "mediaType", default)]
    pub media_type: Option<String>,
    pub digest: String,
    #[serde(default)]
    pub size: Option<u64>,
    #[serde(default)]
    pub platform: Option<DescriptorPlatform>,
    #[serde(default)]
    pub annotations: BTreeMap<String, String>,
}

#[derive(Debug, Deserialize)]
pub(super) struct DescriptorPlatform {
    pub os: String,
    pub architecture: String,
    #[serde(default)]
    pub variant: Option<String>,
}

impl fmt::Display for DescriptorPlatform {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.os, self.architecture)?;
        match &self.variant {
            Some(v) => write!(f, "/{v}"),
            None => Ok(()),
        }
    }
}

#[derive(Deserialize)]
pub(super) struct IndexDoc {
    pub manifests: Vec<Descriptor>,
}

#[derive(Deserialize)]
pub(super) struct ManifestDoc {
    pub config: Descriptor,
    pub layers: Vec<Descriptor>,
}

impl ManifestDoc {
    pub fn check_layer_count(&self, limits: &Limits) -> Result<(), String> {
        if self.layers.len() > limits.max_layers {
            return Err(format!(
                "image has {} layers, more than the limit of {}",
                self.layers.len(),
                limits.max_layers
            ));
        }
        Ok(())
    }
}

/// The manifest of an index for `platform`. An index of one entry without a
/// platform is taken as it is; one whose only entry is for another platform
/// is refused rather than scanned as if it were the one asked for.
pub(super) fn choose(
    mut manifests: Vec<Descriptor>,
    platform: &Platform,
    what: &str,
) -> Result<Descriptor, String> {
    if manifests.is_empty() {
        return Err(format!("{what} lists no manifests"));
    }
    if manifests.len() == 1 && manifests[0].platform.is_none() {
        return Ok(manifests.remove(0));
    }
    let matches = |p: &DescriptorPlatform| {
        platform.os == p.os
            && platform.architecture == p.architecture
            && (platform.variant.is_none() || platform.variant == p.variant)
    };
    if let Some(i) = manifests.iter().position(|d| d.platform.as_ref().is_some_and(matches)) {
        return Ok(manifests.swap_remove(i));
    }
    let listed: Vec<String> =
        manifests.iter().filter_map(|d| d.platform.as_ref()).map(|p| p.to_string()).collect();
    if listed.is_empty() {
        return Err(format!(
            "{what} lists {} images without platforms: choose one by reference",
            manifests.len()
        ));
    }
    Err(format!("{what} has no image for {platform} (it has {})", listed.join(", ")))
}

/// A blob must be the size its descriptor declares (when it declares one).
pub(super) fn check_size(declared: Option<u64>, actual: u64, digest: &Digest) -> Result<(), String> {
    match declared {
        Some(size) if size != actual => {
            Err(format!("blob {digest} is {actual} bytes, not its declared {size}"))
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn descriptor(platform: Option<(&str, &str, Option<&str>)>) -> Descriptor {
        Descriptor {
            media_type: None,
            digest: format!("{:?}", platform),
            size: None,
            platform: platform.map(|(os, architecture, variant)| DescriptorPlatform {
                os: os.into(),
                architecture: architecture.into(),
                variant: variant.map(str::to_string),
            }),
            annotations: BTreeMap::new(),
        }
    }

    #[test]
    fn indexes_resolve_by_platform() {
        let index = || {
            vec![
                descriptor(Some(("linux", "amd64", None))),
                descriptor(Some(("linux", "arm64", Some("v8")))),
                descriptor(Some(("unknown", "unknown", None))),
            ]
        };
        let arm = Platform::parse("linux/arm64").unwrap();
        assert!(choose(index(), &arm, "i").unwrap().digest.contains("arm64"));
        assert!(choose(index(), &Platform::default(), "i").unwrap().digest.contains("amd64"));
        let err = choose(index(), &Platform::parse("linux/s390x").unwrap(), "index x").unwrap_err();
        assert_eq!(
            err,
            "index x has no image for linux/s390x (it has linux/amd64, linux/arm64/v8, unknown/unknown)"
        );
        let only_arm = vec![descriptor(Some(("linux", "arm64", None)))];
        assert!(choose(only_arm, &Platform::default(), "i")
            .unwrap_err()
            .contains("no image for linux/amd64"));
        assert!(choose(vec![descriptor(None)], &Platform::default(), "i").is_ok());
        assert!(choose(vec![], &Platform::default(), "i").unwrap_err().contains("lists no manifests"));
        let size = check_size(Some(3), 4, &Digest::of(b"x")).unwrap_err();
        assert!(size.contains("4 bytes, not its declared 3"), "{size}");
    }
}
