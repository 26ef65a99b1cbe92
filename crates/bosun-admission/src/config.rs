//! `[admission]` in bosun.toml: modes, exemptions, image policy, mutation and
//! input limits. Every field has a default, so an empty table is a working
//! configuration (everything warns, kube-system is exempt, nothing mutates).

use crate::exemptions::LabelSelector;
use crate::review::InputLimits;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What a violated rule does to the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Not evaluated at all.
    Off,
    /// Allowed; the decision log records the violation.
    Audit,
    /// Allowed, with an AdmissionReview warning (kubectl prints it).
    Warn,
    /// Denied.
    Enforce,
}

impl Mode {
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Off => "off",
            Mode::Audit => "audit",
            Mode::Warn => "warn",
            Mode::Enforce => "enforce",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields, default)]
pub struct AdmissionConfig {
    /// The mode of every rule not named in `rules`. `warn` so that turning the
    /// webhook on never breaks a cluster before someone chose what to enforce.
    pub mode: Mode,
    /// Per-rule modes, keyed by rule id, name or alias (`K8S001`,
    /// `privileged-container`, `KSV017`) or an image-policy id (`ADM001`).
    pub rules: BTreeMap<String, Mode>,
    pub exempt: Exemptions,
    pub images: ImagePolicyConfig,
    pub mutation: MutationConfig,
    pub limits: InputLimits,
}

impl Default for AdmissionConfig {
    fn default() -> Self {
        AdmissionConfig {
            mode: Mode::Warn,
            rules: BTreeMap::new(),
            exempt: Exemptions::default(),
            images: ImagePolicyConfig::default(),
            mutation: MutationConfig::default(),
            limits: InputLimits::default(),
        }
    }
}

/// Requests that are allowed without evaluation (and logged as exempt).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields, default)]
pub struct Exemptions {
    /// Namespaces by exact name. The webhook configuration's namespaceSelector
    /// should exclude them too; this is the second line.
    pub namespaces: Vec<String>,
    /// An object whose own `metadata.labels` match any of these selectors is exempt.
    pub labels: Vec<LabelSelector>,
}

impl Default for Exemptions {
    fn default() -> Self {
        Exemptions { namespaces: vec!["kube-system".into()], labels: Vec::new() }
    }
}

/// `[admission.images]`: checked on every container image of a pod template.
/// The default checks nothing.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields, default)]
pub struct ImagePolicyConfig {
    /// Registry hosts or host/path prefixes (`ghcr.io/acme`, `*.example.com`),
    /// the same syntax as `[kubernetes] trusted-registries`. Empty allows any.
    pub allowed_registries: Vec<String>,
    /// Every image must be pinned by `@sha256:` digest.
    pub require_digest: bool,
    /// `:latest`, or no tag and no digest (which means latest), is refused.
    /// Off by default: the scan rule K8S050 reports the same, under its own mode.
    pub forbid_latest: bool,
}

/// `[admission.mutation]`: the safe defaults `/mutate` adds where unset.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields, default)]
pub struct MutationConfig {
    /// Opt-in: without it `/mutate` allows everything unchanged.
    pub enabled: bool,
    pub seccomp_runtime_default: bool,
    pub drop_all_capabilities: bool,
    pub disallow_privilege_escalation: bool,
    /// Breaks applications that write outside their volumes, hence off by default.
    pub read_only_root_filesystem: bool,
}

impl Default for MutationConfig {
    fn default() -> Self {
        MutationConfig {
            enabled: false,
            seccomp_runtime_default: true,
            drop_all_capabilities: true,
            disallow_privilege_escalation: true,
            read_only_root_filesystem: false,
        }
    }
}

/// A configuration that names something that does not exist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError(pub String);

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "[admission]: {}", self.0)
    }
}

impl std::error::Error for ConfigError {}
