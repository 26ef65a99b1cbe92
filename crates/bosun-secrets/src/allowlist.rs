//! Allowlists: matches that are known not to be secrets, per rule or for every
//! rule. The shape follows gitleaks' so its configurations carry over: regexes
//! (against the secret, the whole match or the line), paths, stopwords, commits,
//! combined with OR (any criterion suffices) or AND (all given criteria must hold).

use regex::Regex;

/// What an allowlist's regexes are tried against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RegexTarget {
    #[default]
    Secret,
    Match,
    Line,
}

#[derive(Debug, Clone, Default)]
pub struct Allowlist {
    pub description: String,
    pub regexes: Vec<Regex>,
    pub regex_target: RegexTarget,
    /// Regexes over the `/`-separated path.
    pub paths: Vec<Regex>,
    /// Lower-case words; a secret containing one is allowed.
    pub stopwords: Vec<String>,
    /// Commit ids (or unambiguous prefixes) whose findings are allowed.
    pub commits: Vec<String>,
    /// All given criteria must hold, instead of any one.
    pub require_all: bool,
}

/// One candidate, as an allowlist sees it.
pub struct Candidate<'a> {
    pub path: &'a str,
    pub secret: &'a str,
    pub matched: &'a str,
    pub line: &'a str,
    pub commit: Option<&'a str>,
}

impl Allowlist {
    pub fn is_empty(&self) -> bool {
        self.regexes.is_empty()
            && self.paths.is_empty()
            && self.stopwords.is_empty()
            && self.commits.is_empty()
    }

    /// True when the path alone is allowed (an OR list with a matching path):
    /// the whole file can be skipped.
    pub fn allows_path(&self, path: &str) -> bool {
        !self.require_all && self.paths.iter().any(|p| p.is_match(path))
    }

    pub fn allows(&self, candidate: &Candidate) -> bool {
        let mut results: Vec<bool> = Vec::with_capacity(4);
        if !self.commits.is_empty() {
            results.push(
                candidate.commit.is_some_and(|c| self.commits.iter().any(|a| c.starts_with(a.as_str()))),
            );
        }
        if !self.paths.is_empty() {
            results.push(self.paths.iter().any(|p| p.is_match(candidate.path)));
        }
        if !self.regexes.is_empty() {
            let target = match self.regex_target {
                RegexTarget::Secret => candidate.secret,
                RegexTarget::Match => candidate.matched,
                RegexTarget::Line => candidate.line,
            };
            results.push(self.regexes.iter().any(|r| r.is_match(target)));
        }
        if !self.stopwords.is_empty() {
            let secret = candidate.secret.to_ascii_lowercase();
            results.push(self.stopwords.iter().any(|w| secret.contains(w.as_str())));
        }
        match self.require_all {
            true => !results.is_empty() && results.iter().all(|r| *r),
            false => results.iter().any(|r| *r),
        }
    }
}

/// Files no secret rule reads by default: lockfiles' hashes and vendored
/// dependencies produce only noise. Regexes over the path.
pub const DEFAULT_SKIPPED_PATHS: &[&str] = &[
    r"(^|/)(node_modules|vendor|\.venv|venv|site-packages|__pycache__|\.terraform)/",
    r"(^|/)(go\.sum|go\.work\.sum)$",
    r"(^|/)\.bosun\.baseline\.json$",
];

/// The allowlist every scan starts from.
pub fn default_global() -> Allowlist {
    Allowlist {
        description: "bosun's defaults".into(),
        paths: DEFAULT_SKIPPED_PATHS
            .iter()
            .map(|p| Regex::new(p).expect("valid default path regex"))
            .collect(),
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidate<'a>(path: &'a str, secret: &'a str) -> Candidate<'a> {
        Candidate { path, secret, matched: secret, line: secret, commit: Some("abc123") }
    }

    #[test]
    fn or_lists_allow_on_any_criterion_and_and_lists_on_all() {
        let mut list = Allowlist {
            paths: vec![Regex::new(r"^test/").unwrap()],
            stopwords: vec!["example".into()],
            ..Default::default()
        };
        assert!(list.allows(&candidate("test/a.py", "ghp_real")));
        assert!(list.allows(&candidate("src/a.py", "EXAMPLEkey")));
        assert!(!list.allows(&candidate("src/a.py", "ghp_real")));
        list.require_all = true;
        assert!(!list.allows(&candidate("test/a.py", "ghp_real")));
        assert!(list.allows(&candidate("test/a.py", "an-example")));
        list.commits = vec!["abc".into()];
        assert!(list.allows(&candidate("test/a.py", "an-example")));
    }

    #[test]
    fn default_global_list_skips_vendored_code_only() {
        let list = default_global();
        assert!(list.allows_path("web/node_modules/x/index.js"));
        assert!(list.allows_path("go.sum"));
        assert!(!list.allows_path("src/node_modules.rs"));
    }
}
