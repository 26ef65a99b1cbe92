//! What a secret rule is: metadata (shared with every other bosun rule) plus a
//! pattern, the keywords that must be present for the pattern to run at all, and
//! the extra judgements that cut false alarms.

use bosun_core::{Domain, RuleMeta, Severity};

/// One kind of credential.
#[derive(Debug, Clone, Copy)]
pub struct SecretRule {
    pub meta: RuleMeta,
    /// Lower-case words, one of which must occur in the text (case-insensitively)
    /// near a match. The keyword prefilter runs the pattern only around them, so
    /// every built-in rule needs at least one, and the rarer the better (a token
    /// prefix such as `ghp_` is ideal). A rule without keywords (only from user
    /// configurations) runs over the whole text.
    pub keywords: &'static [&'static str],
    /// A `regex` crate pattern. The secret is the capture group named `secret`,
    /// else `secret_group`, else the first group that matched, else the whole match.
    pub pattern: &'static str,
    /// The capture group holding the secret when it is not named `secret`
    /// (`Some(0)`: the whole match). Configurations from gitleaks set it.
    pub secret_group: Option<usize>,
    /// Minimum Shannon entropy (bits per character) of the secret; `0.0` for none.
    /// For patterns that would otherwise match ordinary words or identifiers.
    pub min_entropy: f32,
    /// Structural or checksum validation of the secret (e.g. GitHub's CRC32
    /// suffix): a match that fails it is not reported.
    pub validate: Option<fn(&str) -> bool>,
    /// Where the rule applies: regexes over the `/`-separated path; empty = everywhere.
    pub paths: &'static [&'static str],
    /// Matches to ignore: regexes tried against the secret, and words that, when
    /// the secret contains them, mark it as an example or a placeholder.
    pub allow_regexes: &'static [&'static str],
    pub stopwords: &'static [&'static str],
    /// Low-confidence rules (generic `password = ...` assignments): placeholder
    /// filtering applies, and they are not run inside minified bundles.
    pub generic: bool,
    /// The match may span lines (private keys): the pattern runs over a window
    /// that starts at the keyword's line instead of over that line alone.
    pub multiline: bool,
    /// The path the rule's examples are tested under (for rules limited by
    /// `paths`, e.g. `.npmrc`); empty means `example.txt`.
    pub example_path: &'static str,
}

/// The parts every secret rule's metadata shares; rules override the rest.
pub const META: RuleMeta = RuleMeta {
    id: "",
    name: "",
    title: "",
    severity: Severity::High,
    domain: Domain::Secret,
    checklist: &["img.no-secrets"],
    aliases: &[],
    rationale: "A credential committed to a repository is readable by everyone who can read the \
                repository, its forks, clones and CI logs, for as long as the history exists. \
                Attackers scan public and leaked repositories for these formats within minutes.",
    remediation: "Revoke and rotate the credential, remove it from the file (and from history), \
                  and load it at run time from a secret store or the environment.",
    bad_example: "",
    good_example: "",
};

/// The defaults rules override with struct update syntax (`..SecretRule::DEFAULT`).
impl SecretRule {
    pub const DEFAULT: SecretRule = SecretRule {
        meta: META,
        keywords: &[],
        pattern: "",
        secret_group: None,
        min_entropy: 0.0,
        validate: None,
        paths: &[],
        allow_regexes: &[],
        stopwords: &[],
        generic: false,
        multiline: false,
        example_path: "",
    };
}
