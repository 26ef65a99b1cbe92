use crate::ids;
use crate::Severity;
use serde::Serialize;
use std::fmt;

/// What kind of input a rule reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Domain {
    Dockerfile,
    Kubernetes,
    Compose,
    /// Infrastructure as code (Terraform, CloudFormation) for one cloud provider.
    Cloud(Provider),
    /// Credentials and keys in any text file (and, later, image layers and git history).
    Secret,
    /// Rules about bosun's own configuration: stale or expired suppressions.
    Config,
    /// Known vulnerabilities in dependencies (OSV advisories matched against lockfiles).
    Vuln,
    /// What a container image is built on (its operating system release).
    Image,
}

/// The cloud a cloud rule is about; `bosun rules --format json` shows it as `provider`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Provider {
    Aws,
    Google,
    Azure,
}

impl Provider {
    pub fn as_str(self) -> &'static str {
        match self {
            Provider::Aws => "aws",
            Provider::Google => "google",
            Provider::Azure => "azure",
        }
    }
}

impl Domain {
    pub fn as_str(self) -> &'static str {
        match self {
            Domain::Dockerfile => "dockerfile",
            Domain::Kubernetes => "kubernetes",
            Domain::Compose => "compose",
            Domain::Cloud(_) => "cloud",
            Domain::Secret => "secret",
            Domain::Config => "config",
            Domain::Vuln => "vuln",
            Domain::Image => "image",
        }
    }

    pub fn provider(self) -> Option<Provider> {
        match self {
            Domain::Cloud(provider) => Some(provider),
            _ => None,
        }
    }
}

/// Serialized as its name alone (`"cloud"`); the provider is a field of its own.
impl Serialize for Domain {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl fmt::Display for Domain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Everything a user or a report needs to know about a rule, declared once next
/// to the rule's check. Docs, `bosun rules`, SARIF rule metadata and the
/// checklist report are all generated from this.
#[derive(Debug, Clone, Copy)]
pub struct RuleMeta {
    /// Stable id, e.g. `K8S001`. Never reused, never renamed.
    pub id: &'static str,
    /// kebab-case name, e.g. `privileged-container`.
    pub name: &'static str,
    /// One line, sentence case, says what is wrong.
    pub title: &'static str,
    pub severity: Severity,
    pub domain: Domain,
    /// Item ids from the checklist (`checklist.yaml`).
    pub checklist: &'static [&'static str],
    /// Equivalent ids in other tools (Trivy, Checkov, hadolint, kube-linter, ...).
    pub aliases: &'static [&'static str],
    /// Why this matters, a paragraph.
    pub rationale: &'static str,
    /// How to fix it, one line: the hint shown under a finding.
    pub remediation: &'static str,
    /// An input that must trigger the rule (run as a test).
    pub bad_example: &'static str,
    /// The same input fixed: must not trigger the rule (run as a test).
    pub good_example: &'static str,
}

impl RuleMeta {
    /// True when `key` names this rule: its id, name or one of its aliases,
    /// compared loosely so that `KSV017`, `ksv-0017` and `AVD-KSV-0017` agree.
    pub fn answers_to(&self, key: &str) -> bool {
        let key = ids::normalize(key);
        ids::normalize(self.id) == key
            || ids::normalize(self.name) == key
            || self.aliases.iter().any(|alias| ids::normalize(alias) == key)
    }

    /// Selection for `--select`/`--ignore`: a name, alias, id, id prefix or domain.
    pub fn matches_selector(&self, selector: &str) -> bool {
        let upper = selector.trim().to_ascii_uppercase();
        self.answers_to(selector)
            || (!upper.is_empty() && self.id.to_ascii_uppercase().starts_with(&upper))
            || self.domain.as_str().eq_ignore_ascii_case(selector.trim())
            || self.domain.provider().is_some_and(|p| p.as_str().eq_ignore_ascii_case(selector.trim()))
    }
}
