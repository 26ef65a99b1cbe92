//! Secret detection: provider rules (regexes with keywords), a keyword
//! prefilter so that the regexes run only where a keyword occurs, entropy and
//! checksum checks against look-alikes, allowlists, decoding of Kubernetes
//! Secret data, gitleaks configurations, and git history.
//!
//! `Scanner` is the entry point for one file's bytes; the CLI decides which
//! files to give it.

pub mod allowlist;
pub mod checksum;
pub mod decode;
pub mod engine;
pub mod entropy;
pub mod files;
pub mod gitleaks;
pub mod history;
pub mod placeholder;
pub mod redact;
pub mod rule;
pub mod rules;

pub use engine::{Engine, ExtraRule, Hit, TextKind};
pub use rule::SecretRule;

use bosun_core::Finding;
use redact::Origin;

/// The domain secret findings count under in reports.
pub const DOMAIN: bosun_core::Domain = bosun_core::Domain::Secret;

/// An engine plus how findings are shown.
pub struct Scanner {
    pub engine: Engine,
    pub show_secrets: bool,
}

/// What scanning one file gave.
#[derive(Debug, Default)]
pub struct FileResult {
    pub findings: Vec<Finding>,
    /// Read and scanned (false for ignored and skipped files).
    pub scanned: bool,
    /// Why the file was not read, when the user should know.
    pub skipped: Option<String>,
}

impl Scanner {
    pub fn new(engine: Engine, show_secrets: bool) -> Self {
        Scanner { engine, show_secrets }
    }

    /// Scans one file's content. `path` is the path reports show.
    pub fn scan_bytes(&self, path: &str, bytes: &[u8]) -> FileResult {
        match files::disposition(path) {
            files::Disposition::Scan => {}
            files::Disposition::Ignore => return FileResult::default(),
            files::Disposition::Skip(reason) => {
                return FileResult { skipped: Some(reason), ..Default::default() }
            }
        }
        if files::is_binary(bytes) || self.engine.skips_path(path) {
            return FileResult::default();
        }
        // Credentials are ASCII; a stray Latin-1 byte elsewhere must not hide them.
        let text = String::from_utf8_lossy(bytes);
        FileResult { findings: self.scan_text(path, &text, None), scanned: true, skipped: None }
    }

    /// Scans text: the text itself, then the values it holds encoded (Kubernetes
    /// Secret `data`, kubeconfig `*-data`). `commit` names the commit being
    /// scanned in history scans (for allowlists that list commits).
    pub fn scan_text(&self, path: &str, text: &str, commit: Option<&str>) -> Vec<Finding> {
        let kind = TextKind { minified: files::is_minified(path, text) };
        let encoded_values = decode::encoded_values(path, text);
        // A generic rule sees `password: aHVudGVy...` as an assigned secret; the
        // decoded value is judged below, so the encoded one is not reported twice.
        let is_encoded = |hit: &Hit| hit.rule.generic && encoded_values.iter().any(|e| e.raw == hit.secret);
        let mut findings: Vec<Finding> = self
            .engine
            .scan(path, text, kind, commit)
            .iter()
            .filter(|hit| !is_encoded(hit))
            .map(|hit| redact::finding(hit, path, text, self.show_secrets, &Origin::default()))
            .collect();
        for encoded in encoded_values {
            let kind = TextKind::default();
            for hit in self.engine.scan(path, &encoded.decoded, kind, commit) {
                let origin = Origin {
                    resource: encoded.resource.clone(),
                    note: Some(format!("(base64-decoded from {})", encoded.field)),
                    lines: Some(encoded.lines),
                    encoded: Some(encoded.raw.clone()),
                };
                findings.push(redact::finding(&hit, path, text, self.show_secrets, &origin));
            }
        }
        findings
    }
}

/// One scanner with the built-in rules, secrets shown in full, shared by the
/// tests: compiling every rule once per test would dominate their run time.
#[cfg(test)]
pub(crate) fn test_scanner() -> &'static Scanner {
    static SCANNER: std::sync::LazyLock<Scanner> =
        std::sync::LazyLock::new(|| Scanner::new(Engine::builtin(), true));
    &SCANNER
}

#[cfg(test)]
mod tests {
    #[test]
    fn secret_data_is_reported_once_decoded_not_again_encoded() {
        use base64::Engine as _;
        let encoded = base64::engine::general_purpose::STANDARD.encode("Xk29vLq81mZpT4wQ");
        let manifest = format!("kind: Secret\nmetadata:\n  name: db\ndata:\n  password: {encoded}\n");
        let findings = crate::test_scanner().scan_text("db.yaml", &manifest, None);
        assert_eq!(findings.len(), 1, "{findings:#?}");
        assert_eq!(findings[0].secret.as_ref().unwrap().shown, "Xk29vLq81mZpT4wQ");
        assert!(findings[0].message.contains("base64-decoded from data.password"));
    }
}
