use crate::{RuleMeta, Severity, Span};
use serde::Serialize;

/// Where a finding is: a file (relative to the scanned root, `/`-separated) and
/// lines, plus the resource inside the file when there is one.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Location {
    pub path: String,
    pub start_line: u32,
    pub end_line: u32,
    /// e.g. `Deployment/default/web`, `service/db`, `stage/builder`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource: Option<String>,
    /// The image layer a file came from (image scans).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub layer_digest: Option<String>,
}

/// A quoted source line shown under a finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SnippetLine {
    pub line: u32,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub rule_id: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub severity: Severity,
    pub title: String,
    pub message: String,
    pub checklist: Vec<String>,
    pub location: Location,
    pub remediation: String,
    /// Stable across runs and line moves: rule, path, resource and message.
    pub fingerprint: String,
    /// What a secret rule matched: redacted unless the user asked to see it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secret: Option<SecretMatch>,
    /// The commit that introduced the finding (git history scans).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub commit: Option<Commit>,
    /// The vulnerable package, for dependency findings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub package: Option<PackageRef>,
    /// Every version that fixes a dependency finding's vulnerability.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fixed_versions: Vec<String>,
    /// The lowest fixed version above the installed one: the upgrade to make.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nearest_fixed_version: Option<String>,
    /// The CVSS score a dependency finding's severity was computed from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cvss: Option<Cvss>,
    /// Where to read more (the advisory's page).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip)]
    pub snippet: Vec<SnippetLine>,
}

/// The credential behind a secret finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SecretMatch {
    /// The secret with all but a short prefix masked, or in full with `--show-secrets`.
    #[serde(rename = "match")]
    pub shown: String,
    pub redacted: bool,
}

/// A commit, as history scans report it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Commit {
    /// The full hex object id.
    pub id: String,
    pub author: String,
    pub email: String,
    /// RFC 3339, in the author's time zone.
    pub date: String,
    /// The first line of the commit message.
    pub summary: String,
}

/// A package a dependency finding is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PackageRef {
    pub name: String,
    pub version: String,
    /// OSV ecosystem name (`npm`, `PyPI`, `Debian:12`).
    pub ecosystem: String,
    pub purl: String,
}

/// A CVSS base score and the vector it came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cvss {
    pub score: f64,
    pub vector: String,
}

impl Finding {
    pub fn new(meta: &RuleMeta, message: String, location: Location) -> Self {
        let fingerprint =
            fingerprint(&[meta.id, &location.path, location.resource.as_deref().unwrap_or(""), &message]);
        Finding {
            rule_id: meta.id.to_string(),
            name: meta.name.to_string(),
            aliases: meta.aliases.iter().map(|a| a.to_string()).collect(),
            severity: meta.severity,
            title: meta.title.to_string(),
            message,
            checklist: meta.checklist.iter().map(|c| c.to_string()).collect(),
            location,
            remediation: meta.remediation.to_string(),
            fingerprint,
            secret: None,
            commit: None,
            package: None,
            fixed_versions: Vec::new(),
            nearest_fixed_version: None,
            cvss: None,
            url: None,
            snippet: Vec::new(),
        }
    }

    pub fn span(&self) -> Span {
        Span::new(self.location.start_line, self.location.end_line)
    }

    /// Quotes the finding's lines (at most a few) from the file's text.
    pub fn attach_snippet(&mut self, text: &str) {
        self.attach_snippet_masked(text, str::to_string);
    }

    /// Quotes the finding's lines, each passed through `mask` before it is
    /// shortened (so that shortening never reveals part of a masked secret).
    pub fn attach_snippet_masked(&mut self, text: &str, mask: impl Fn(&str) -> String) {
        const MAX_LINES: u32 = 4;
        const MAX_WIDTH: usize = 200;
        let start = self.location.start_line.max(1);
        let end = self.location.end_line.max(start).min(start + MAX_LINES - 1);
        self.snippet = text
            .lines()
            .enumerate()
            .skip(start as usize - 1)
            .take((end - start + 1) as usize)
            .map(|(i, line)| SnippetLine {
                line: i as u32 + 1,
                text: truncate(&mask(line.trim_end()), MAX_WIDTH),
            })
            .collect();
    }

    /// The order every report uses: by file, line, rule, then the rest.
    pub fn sort_key(&self) -> (&str, u32, &str, Option<&str>, &str) {
        (
            &self.location.path,
            self.location.start_line,
            &self.rule_id,
            self.location.resource.as_deref(),
            &self.message,
        )
    }
}

fn truncate(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_string();
    }
    let mut cut = max;
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{}…", &s[..cut])
}

/// A 64-bit FNV-1a over the parts, as hex. Stable across Rust versions, unlike
/// `std`'s hasher, so SARIF fingerprints do not change between bosun releases.
pub fn fingerprint(parts: &[&str]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain(std::iter::once(0)) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

/// A file that could not be read or parsed. The scan goes on without it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct FileError {
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    pub message: String,
}

/// Why a file (or a blob in history) of `size` bytes was not read: one wording
/// wherever the `--max-file-size` limit applies.
pub fn too_large_reason(size: u64, limit: u64) -> String {
    format!("larger than the size limit ({size} bytes > {limit}; see --max-file-size)")
}

/// A file that looked relevant but was deliberately not scanned, and why.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Skipped {
    pub path: String,
    pub reason: String,
}
