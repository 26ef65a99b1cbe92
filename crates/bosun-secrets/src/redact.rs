//! Turning hits into findings without leaking what they found.

use crate::engine::Hit;
use bosun_core::finding::fingerprint;
use bosun_core::{Finding, Location, SecretMatch};

/// How a secret is shown: masked, keeping a short prefix of long secrets so
/// that the user can tell which credential it is (`ghp_****`), or in full.
pub fn mask(secret: &str, show: bool) -> String {
    if show {
        return secret.to_string();
    }
    // Four characters of a 20-character random token leave 16 unknown: enough.
    let keep = if secret.chars().count() >= 20 { 4 } else { 0 };
    let prefix: String = secret.chars().take(keep).collect();
    format!("{prefix}*****")
}

/// Where a hit was found, beyond its path.
#[derive(Debug, Clone, Default)]
pub struct Origin {
    /// e.g. `Secret/default/db` with `data.password` for decoded Kubernetes data.
    pub resource: Option<String>,
    /// A note added to the message, e.g. `(base64-decoded from data.password)`.
    pub note: Option<String>,
    /// Lines to report instead of the hit's own (decoded values report the line
    /// of the encoded value).
    pub lines: Option<(u32, u32)>,
    /// The form the secret has in the file when it was decoded (base64): masked too.
    pub encoded: Option<String>,
}

/// A finding for `hit` in the file at `path` whose text is `text`.
pub fn finding(hit: &Hit, path: &str, text: &str, show_secrets: bool, origin: &Origin) -> Finding {
    let meta = &hit.rule.meta;
    let shown = mask(&hit.secret, show_secrets);
    let (start_line, end_line) = origin.lines.unwrap_or((hit.start_line, hit.end_line));
    let mut message = format!("{}: {shown}", meta.title);
    if let Some(note) = &origin.note {
        message.push(' ');
        message.push_str(note);
    }
    let location = Location {
        path: path.to_string(),
        start_line,
        end_line,
        resource: origin.resource.clone(),
        layer_digest: None,
    };
    let mut finding = Finding::new(meta, message, location);
    // The message holds only the masked secret, so two secrets of one kind in
    // one file would share a fingerprint: add a hash of the secret itself.
    finding.fingerprint = fingerprint(&[meta.id, path, &hit.secret]);
    finding.secret = Some(SecretMatch { shown: shown.clone(), redacted: !show_secrets });
    finding.attach_snippet_masked(text, |line| {
        let line = mask_line(line, &hit.secret, &shown);
        match &origin.encoded {
            Some(encoded) => line.replace(encoded.as_str(), "*****"),
            None => line,
        }
    });
    finding
}

/// `line` with the secret replaced by its masked form. A multi-line secret (a
/// private key) shows none of its lines.
fn mask_line(line: &str, secret: &str, shown: &str) -> String {
    let masked = line.replace(secret, shown);
    secret.lines().map(str::trim).filter(|l| l.len() >= 8).fold(masked, |m, l| m.replace(l, "*****"))
}

#[cfg(test)]
mod tests {
    use super::mask;

    #[test]
    fn masks_keep_a_prefix_of_long_secrets_only() {
        assert_eq!(mask("ghp_R7nQ2xWk9LmP4sTv8YbZ3cHd6FgJ1a000000", false), "ghp_*****");
        assert_eq!(mask("hunter2hunter2", false), "*****");
        assert_eq!(mask("hunter2", true), "hunter2");
    }
}
