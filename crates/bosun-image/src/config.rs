//! The image config: how a container of the image runs and how the image was
//! built. Only what scanning looks at is parsed; unknown fields are ignored so
//! that configs from any builder (Docker, buildah, kaniko, ko) load.

use serde::Deserialize;
use std::collections::BTreeMap;

/// The parts of the image config that scanning looks at.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ImageConfig {
    #[serde(default)]
    pub os: String,
    #[serde(default)]
    pub architecture: String,
    /// `v7` for `linux/arm/v7`.
    #[serde(default)]
    pub variant: Option<String>,
    #[serde(default)]
    pub config: RunConfig,
    #[serde(default)]
    pub history: Vec<History>,
    #[serde(default)]
    pub rootfs: RootFs,
}

/// `config` in the image config: how a container of this image runs.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct RunConfig {
    #[serde(rename = "User", default)]
    pub user: Option<String>,
    #[serde(rename = "Env", default)]
    pub env: Option<Vec<String>>,
    /// Keys such as `80/tcp`; the values are always empty objects.
    #[serde(rename = "ExposedPorts", default)]
    pub exposed_ports: Option<BTreeMap<String, serde_json::Value>>,
    #[serde(rename = "Healthcheck", default)]
    pub healthcheck: Option<Healthcheck>,
    #[serde(rename = "Entrypoint", default)]
    pub entrypoint: Option<Vec<String>>,
    #[serde(rename = "Cmd", default)]
    pub cmd: Option<Vec<String>>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct Healthcheck {
    /// `["NONE"]` disables a healthcheck inherited from the base image.
    #[serde(rename = "Test", default)]
    pub test: Option<Vec<String>>,
}

/// One build step; `empty_layer` steps (ENV, USER...) produced no layer, so the
/// n-th non-empty step is the one that created layer n.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct History {
    #[serde(default)]
    pub created_by: Option<String>,
    #[serde(default)]
    pub empty_layer: bool,
    #[serde(default)]
    pub created: Option<String>,
    #[serde(default)]
    pub comment: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct RootFs {
    #[serde(default)]
    pub diff_ids: Vec<String>,
}

impl ImageConfig {
    /// The history entry that created layer `layer`, when the history is complete enough to tell.
    pub fn history_for_layer(&self, layer: usize) -> Option<&History> {
        self.history.iter().filter(|h| !h.empty_layer).nth(layer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn history_skips_empty_layers() {
        let config: ImageConfig = serde_json::from_str(
            r#"{"history":[{"created_by":"ADD rootfs"},{"created_by":"ENV A=1","empty_layer":true},{"created_by":"RUN x"}]}"#,
        )
        .unwrap();
        assert_eq!(config.history_for_layer(1).and_then(|h| h.created_by.as_deref()), Some("RUN x"));
        assert!(config.history_for_layer(2).is_none());
    }
}
