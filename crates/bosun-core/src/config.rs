//! `bosun.toml`: the same options as the command line, per-rule overrides,
//! suppressions and rule settings. Found by walking up from the scan target.

use crate::Severity;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const FILE_NAMES: [&str; 2] = ["bosun.toml", ".bosun.toml"];

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Config {
    pub format: Option<Vec<String>>,
    pub output: Option<String>,
    pub severity: Option<Vec<Severity>>,
    pub fail_on: Option<Severity>,
    pub select: Option<Vec<String>>,
    pub ignore: Option<Vec<String>>,
    pub scanners: Option<Vec<String>>,
    pub color: Option<String>,
    pub quiet: Option<bool>,
    /// Globs over paths relative to the scanned directory that are not scanned
    /// (e.g. deliberately insecure test fixtures).
    pub exclude: Option<Vec<String>>,
    /// Files larger than this many bytes are skipped (and reported as skipped).
    pub max_file_size: Option<u64>,
    /// Per-rule overrides, keyed by rule id, name or alias.
    #[serde(default)]
    pub rules: BTreeMap<String, RuleOverride>,
    #[serde(default)]
    pub suppress: Vec<SuppressEntry>,
    #[serde(default)]
    pub dockerfile: DockerfileSettings,
    #[serde(default)]
    pub kubernetes: KubernetesSettings,
    #[serde(default)]
    pub secrets: SecretsSettings,
    /// Custom policy files or directories (relative to this file), as `--policy`.
    pub policies: Option<Vec<String>>,
    /// `[admission]`: the webhook's modes, exemptions and image policy. Kept
    /// as TOML here and read by `bosun serve` (bosun-admission owns its shape).
    #[serde(default)]
    pub admission: Option<toml::Value>,
    /// Where the config was read from; suppression globs are relative to its folder.
    #[serde(skip)]
    pub source: Option<PathBuf>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct RuleOverride {
    pub severity: Option<Severity>,
    /// Secret rules: matches to ignore, by path regex, by regex over the secret,
    /// or when the secret contains one of these words.
    #[serde(default)]
    pub allow_paths: Vec<String>,
    #[serde(default)]
    pub allow_regexes: Vec<String>,
    #[serde(default)]
    pub stopwords: Vec<String>,
}

/// `[secrets]`: the secret scanner's global allowlist and a gitleaks configuration.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct SecretsSettings {
    /// A gitleaks-format TOML file (relative to this config), like `--secrets-config`.
    pub config: Option<String>,
    /// Regexes over `/`-separated paths whose files are not scanned for secrets.
    #[serde(default)]
    pub allow_paths: Vec<String>,
    /// Regexes over the secret: matches are not reported.
    #[serde(default)]
    pub allow_regexes: Vec<String>,
    /// Words that, in a secret, mark it as an example.
    #[serde(default)]
    pub stopwords: Vec<String>,
}

/// A config-file suppression: which rule, where, why, and until when.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct SuppressEntry {
    /// Rule id, name or alias (peer ids such as `KSV017` work).
    pub rule: String,
    /// A glob over paths relative to the scanned root; every path when absent.
    pub path: Option<String>,
    pub reason: String,
    /// After this date the suppression stops applying and is reported.
    pub expires: Option<toml::value::Datetime>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct DockerfileSettings {
    /// Registries base images may come from. Empty means any registry is trusted.
    #[serde(default)]
    pub trusted_registries: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct KubernetesSettings {
    /// Registries images may come from. Empty means any registry is trusted.
    #[serde(default)]
    pub trusted_registries: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

impl std::error::Error for ConfigError {}

impl Config {
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let error = |message: String| ConfigError { path: path.to_path_buf(), message };
        let text = std::fs::read_to_string(path).map_err(|e| error(e.to_string()))?;
        let mut config = Config::parse(&text).map_err(error)?;
        config.source = Some(path.to_path_buf());
        Ok(config)
    }

    /// Parses config text; errors name the line.
    pub fn parse(text: &str) -> Result<Config, String> {
        toml::from_str(text).map_err(|e| {
            let line = e.span().map(|span| text[..span.start.min(text.len())].matches('\n').count() + 1);
            let message = e.message().trim().to_string();
            match line {
                Some(line) => format!("line {line}: {message}"),
                None => message,
            }
        })
    }

    /// Looks for `bosun.toml` in `start` (or its folder, for a file) and each parent.
    pub fn discover(start: &Path) -> Option<PathBuf> {
        let start = std::fs::canonicalize(start).ok()?;
        let mut dir = if start.is_dir() { Some(start.as_path()) } else { start.parent() };
        while let Some(d) = dir {
            for name in FILE_NAMES {
                let candidate = d.join(name);
                if candidate.is_file() {
                    return Some(candidate);
                }
            }
            dir = d.parent();
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_options_overrides_and_suppressions() {
        let config = Config::parse(
            r#"
fail-on = "high"
severity = ["HIGH", "CRITICAL"]
[rules.K8S001]
severity = "LOW"
[[suppress]]
rule = "KSV017"
path = "deploy/dev/**"
reason = "dev cluster"
expires = 2030-01-31
[dockerfile]
trusted-registries = ["registry.example.com"]
"#,
        )
        .unwrap();
        assert_eq!(config.fail_on, Some(Severity::High));
        assert_eq!(config.rules["K8S001"].severity, Some(Severity::Low));
        assert_eq!(config.suppress[0].expires.unwrap().date.unwrap().year, 2030);
        assert_eq!(config.dockerfile.trusted_registries, ["registry.example.com"]);
    }

    #[test]
    fn unknown_keys_are_errors_with_a_line() {
        let error = Config::parse("fail-on = \"high\"\nfial-on = 1\n").unwrap_err();
        assert!(error.starts_with("line 2:"), "{error}");
        assert!(error.contains("fial-on"), "{error}");
    }

    #[test]
    fn a_suppression_needs_a_reason() {
        let error = Config::parse("[[suppress]]\nrule = \"K8S001\"\n").unwrap_err();
        assert!(error.contains("reason"), "{error}");
    }
}
