//! The matcher. One Aho-Corasick automaton over every rule's keywords finds
//! where anything interesting is; each rule's regex then runs only over the
//! lines around its own keywords. Most text contains no keyword at all, so most
//! bytes are looked at once, by the automaton.

use crate::allowlist::{self, Allowlist, Candidate};
use crate::entropy;
use crate::placeholder;
use crate::rule::SecretRule;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use regex::Regex;
use std::collections::HashSet;
use std::sync::{LazyLock, OnceLock};

/// How far past its keyword's line a multi-line rule (private keys) may match.
const MULTILINE_WINDOW: usize = 64 * 1024;

/// Inline markers that allow every secret on their line: bosun's own is a
/// suppression with rule ids (handled with the other suppressions); these two
/// come from gitleaks and detect-secrets, so existing annotations keep working.
const LINE_ALLOW_MARKERS: &[&str] = &["gitleaks:allow", "pragma: allowlist secret"];

/// A rule ready to run.
struct Compiled {
    rule: &'static SecretRule,
    /// Compiled on first use: most rules' keywords never occur in a given
    /// repository, and compiling 200 patterns up front would cost every run
    /// a third of a second.
    matcher: OnceLock<Matcher>,
    paths: Vec<Regex>,
    allowlists: Vec<Allowlist>,
}

/// A rule's pattern, compiled over bytes with Unicode off: credentials are
/// ASCII, and ASCII classes and word boundaries keep the regex crate on its
/// fast DFA. With Unicode `\b` and `\w` it falls back to its slow engines at
/// the first non-ASCII byte (comments in other languages are everywhere), and
/// those cost most of a scan of a real source tree.
struct Matcher {
    regex: regex::bytes::Regex,
    /// The index of the capture group holding the secret, if fixed.
    secret_group: Option<usize>,
}

impl Matcher {
    fn new(rule: &SecretRule) -> Result<Matcher, String> {
        let id = rule.meta.id;
        let build = |unicode: bool| regex::bytes::RegexBuilder::new(rule.pattern).unicode(unicode).build();
        // A user's pattern may need Unicode (`\p{L}`): then it gets it.
        let regex = build(false)
            .or_else(|_| build(true))
            .map_err(|e| format!("secret rule {id}: bad pattern: {e}"))?;
        let secret_group = regex.capture_names().position(|n| n == Some("secret")).or(rule.secret_group);
        if secret_group.is_some_and(|g| g >= regex.captures_len()) {
            return Err(format!(
                "secret rule {id}: the pattern has no capture group {}",
                secret_group.unwrap_or(0)
            ));
        }
        Ok(Matcher { regex, secret_group })
    }
}

/// Patterns of the built-in rules, which the tests compile: only other
/// patterns (from a user's configuration) are checked when an engine is built.
fn is_builtin_pattern(pattern: &str) -> bool {
    static PATTERNS: LazyLock<HashSet<&'static str>> =
        LazyLock::new(|| crate::rules::RULES.iter().map(|r| r.pattern).collect());
    PATTERNS.contains(pattern)
}

/// Every rule compiled, with the keyword automaton.
pub struct Engine {
    rules: Vec<Compiled>,
    automaton: AhoCorasick,
    /// For each automaton pattern, the rules that keyword wakes.
    keyword_rules: Vec<Vec<usize>>,
    /// Rules without keywords: they run over every text.
    always: Vec<usize>,
    global: Vec<Allowlist>,
}

/// What the text under scan is, beyond its path.
#[derive(Debug, Clone, Copy, Default)]
pub struct TextKind {
    /// A minified bundle: generic rules do not run (every long line of a
    /// bundle looks like an assignment of something random).
    pub minified: bool,
}

/// One secret found.
#[derive(Debug, Clone)]
pub struct Hit {
    pub rule: &'static SecretRule,
    pub secret: String,
    /// Byte range of the secret in the scanned text.
    pub start: usize,
    pub end: usize,
    /// 1-based lines of the secret.
    pub start_line: u32,
    pub end_line: u32,
}

/// An extra rule for an engine, with the allowlists that belong to it.
pub struct ExtraRule {
    pub rule: &'static SecretRule,
    pub allowlists: Vec<Allowlist>,
}

impl Engine {
    /// Compiles `rules` (built-in or from a user's configuration). `global`
    /// allowlists apply to every rule.
    pub fn new(rules: Vec<ExtraRule>, global: Vec<Allowlist>) -> Result<Engine, String> {
        let mut compiled = Vec::with_capacity(rules.len());
        let mut keywords: Vec<String> = Vec::new();
        let mut keyword_rules: Vec<Vec<usize>> = Vec::new();
        let mut always = Vec::new();
        for ExtraRule { rule, allowlists } in rules {
            let id = rule.meta.id;
            let matcher = OnceLock::new();
            if !is_builtin_pattern(rule.pattern) {
                let _ = matcher.set(Matcher::new(rule)?);
            }
            let compile = |patterns: &[&str], what: &str| -> Result<Vec<Regex>, String> {
                patterns
                    .iter()
                    .map(|p| {
                        Regex::new(p).map_err(|e| format!("secret rule {id}: bad {what} regex {p:?}: {e}"))
                    })
                    .collect()
            };
            let paths = compile(rule.paths, "path")?;
            let mut lists = allowlists;
            if !rule.allow_regexes.is_empty() || !rule.stopwords.is_empty() {
                lists.push(Allowlist {
                    description: format!("{id} built-in"),
                    regexes: compile(rule.allow_regexes, "allowlist")?,
                    stopwords: rule.stopwords.iter().map(|w| w.to_ascii_lowercase()).collect(),
                    ..Default::default()
                });
            }
            let index = compiled.len();
            if rule.keywords.is_empty() {
                always.push(index);
            }
            for keyword in rule.keywords {
                let keyword = keyword.to_ascii_lowercase();
                match keywords.iter().position(|k| *k == keyword) {
                    Some(at) => keyword_rules[at].push(index),
                    None => {
                        keywords.push(keyword);
                        keyword_rules.push(vec![index]);
                    }
                }
            }
            compiled.push(Compiled { rule, matcher, paths, allowlists: lists });
        }
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            // The full DFA: a few hundred keywords make a table of a few MB and
            // the fastest search, which every byte of every file goes through.
            .kind(Some(AhoCorasickKind::DFA))
            .build(&keywords)
            .map_err(|e| format!("secret keywords: {e}"))?;
        Ok(Engine { rules: compiled, automaton, keyword_rules, always, global })
    }

    /// The built-in rules with bosun's default allowlist.
    pub fn builtin() -> Engine {
        let rules =
            crate::rules::RULES.iter().map(|rule| ExtraRule { rule, allowlists: Vec::new() }).collect();
        Engine::new(rules, vec![allowlist::default_global()]).expect("built-in secret rules compile")
    }

    pub fn rules(&self) -> impl Iterator<Item = &'static SecretRule> + '_ {
        self.rules.iter().map(|c| c.rule)
    }

    /// True when a global allowlist skips the whole file.
    pub fn skips_path(&self, path: &str) -> bool {
        self.global.iter().any(|list| list.allows_path(path))
    }

    /// Finds the secrets in `text`. `commit` is given when scanning history, for
    /// allowlists that name commits.
    pub fn scan(&self, path: &str, text: &str, kind: TextKind, commit: Option<&str>) -> Vec<Hit> {
        if self.skips_path(path) {
            return Vec::new();
        }
        let regions = self.regions(path, text, kind);
        let mut hits: Vec<Hit> = Vec::new();
        let mut claimed: Vec<(usize, usize)> = Vec::new();
        let mut lines = LineIndex::new(text);
        for (index, spans) in regions.iter().enumerate() {
            if spans.is_empty() {
                continue;
            }
            let compiled = &self.rules[index];
            let matcher = compiled.matcher.get_or_init(|| {
                Matcher::new(compiled.rule)
                    .expect("built-in patterns compile (every rule's examples run as tests)")
            });
            for &(from, to) in spans {
                for captures in matcher.regex.captures_iter(&text.as_bytes()[from..to]) {
                    let whole = captures.get(0).expect("group 0 always matches");
                    let secret = match matcher.secret_group {
                        Some(group) => captures.get(group),
                        None => captures.iter().skip(1).flatten().next().or(Some(whole)),
                    };
                    let Some(secret) = secret.filter(|s| !s.is_empty()) else { continue };
                    let (start, end) = (from + secret.start(), from + secret.end());
                    // Byte matches may cut a multi-byte character; secrets are ASCII anyway.
                    let matched = String::from_utf8_lossy(whole.as_bytes());
                    let secret = String::from_utf8_lossy(secret.as_bytes());
                    if hits.iter().any(|h| std::ptr::eq(h.rule, compiled.rule) && h.start == start) {
                        continue;
                    }
                    let line = lines.line_text(start);
                    let candidate = Candidate { path, secret: &secret, matched: &matched, line, commit };
                    if !self.accepts(compiled, &candidate) {
                        // A value carrying a provider's own prefix (`ghp_`,
                        // `AKIA`) that the provider's rule judged a look-alike
                        // (a failed checksum, a documented example key): the
                        // generic rules must not report it either.
                        if !compiled.rule.generic && carries_keyword(compiled.rule, &secret) {
                            claimed.push((start, end));
                        }
                        continue;
                    }
                    hits.push(Hit {
                        rule: compiled.rule,
                        secret: secret.into_owned(),
                        start,
                        end,
                        start_line: lines.line_of(start),
                        end_line: lines.line_of(end.saturating_sub(1).max(start)),
                    });
                }
            }
        }
        hits.retain(|h| !h.rule.generic || !claimed.iter().any(|&(s, e)| h.start < e && s < h.end));
        drop_generic_overlaps(&mut hits);
        hits.sort_by_key(|h| (h.start, h.rule.meta.id));
        hits
    }

    /// For each rule, the merged byte ranges its regex should run over.
    fn regions(&self, path: &str, text: &str, kind: TextKind) -> Vec<Vec<(usize, usize)>> {
        let mut regions: Vec<Vec<(usize, usize)>> = vec![Vec::new(); self.rules.len()];
        // Whether each rule applies to this path: decided once, on first use.
        let mut applies: Vec<Option<bool>> = vec![None; self.rules.len()];
        let bytes = text.as_bytes();
        for &index in &self.always {
            let compiled = &self.rules[index];
            let applies = !(kind.minified && compiled.rule.generic)
                && (compiled.paths.is_empty() || compiled.paths.iter().any(|p| p.is_match(path)));
            if applies && !text.is_empty() {
                regions[index].push((0, text.len()));
            }
        }
        for found in self.automaton.find_overlapping_iter(text) {
            for &index in &self.keyword_rules[found.pattern().as_usize()] {
                let compiled = &self.rules[index];
                let ok = *applies[index].get_or_insert_with(|| {
                    !(kind.minified && compiled.rule.generic)
                        && (compiled.paths.is_empty() || compiled.paths.iter().any(|p| p.is_match(path)))
                });
                if !ok {
                    continue;
                }
                let spans = &mut regions[index];
                if spans.last().is_some_and(|&(_, to)| found.start() < to) {
                    continue;
                }
                let from = line_start(bytes, found.start());
                let to = if compiled.rule.multiline {
                    floor_char_boundary(text, (found.end() + MULTILINE_WINDOW).min(bytes.len()))
                } else {
                    line_end(bytes, found.end())
                };
                match spans.last_mut() {
                    Some(last) if from <= last.1 => last.1 = last.1.max(to),
                    _ => spans.push((from, to)),
                }
            }
        }
        regions
    }

    fn accepts(&self, compiled: &Compiled, candidate: &Candidate) -> bool {
        let rule = compiled.rule;
        if rule.min_entropy > 0.0 && entropy::shannon(candidate.secret) < rule.min_entropy {
            return false;
        }
        if rule.validate.is_some_and(|valid| !valid(candidate.secret)) {
            return false;
        }
        if rule.generic && placeholder::is_placeholder(candidate.secret) {
            return false;
        }
        if LINE_ALLOW_MARKERS.iter().any(|m| candidate.line.contains(m)) {
            return false;
        }
        !compiled.allowlists.iter().chain(&self.global).any(|list| list.allows(candidate))
    }
}

/// One secret, one finding. A generic rule's hit that overlaps a provider
/// rule's says nothing new; two provider rules matching the very same secret
/// (an npm token in `.npmrc` is both an npm token and an `.npmrc` credential)
/// keep the rule that verified the format, else the lower id.
fn drop_generic_overlaps(hits: &mut Vec<Hit>) {
    let specific: Vec<(usize, usize)> =
        hits.iter().filter(|h| !h.rule.generic).map(|h| (h.start, h.end)).collect();
    hits.retain(|h| !h.rule.generic || !specific.iter().any(|&(s, e)| h.start < e && s < h.end));
    let rank = |h: &Hit| (h.rule.validate.is_none(), h.rule.meta.id);
    let mut kept: Vec<Hit> = Vec::with_capacity(hits.len());
    for hit in hits.drain(..) {
        match kept.iter_mut().find(|k| k.secret == hit.secret && k.start < hit.end && hit.start < k.end) {
            Some(existing) if rank(&hit) < rank(existing) => *existing = hit,
            Some(_) => {}
            None => kept.push(hit),
        }
    }
    *hits = kept;
}

/// True when the secret begins with one of the rule's keywords: the keyword is
/// the format's prefix, not a name found next to it.
fn carries_keyword(rule: &SecretRule, secret: &str) -> bool {
    rule.keywords.iter().any(|k| {
        secret.len() >= k.len()
            && secret.is_char_boundary(k.len())
            && secret[..k.len()].eq_ignore_ascii_case(k)
    })
}

fn line_start(bytes: &[u8], at: usize) -> usize {
    bytes[..at].iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1)
}

fn line_end(bytes: &[u8], at: usize) -> usize {
    bytes[at..].iter().position(|&b| b == b'\n').map_or(bytes.len(), |p| at + p)
}

fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Byte offset → line number, computed only for texts that have hits.
struct LineIndex<'a> {
    text: &'a str,
    starts: Option<Vec<usize>>,
}

impl<'a> LineIndex<'a> {
    fn new(text: &'a str) -> Self {
        LineIndex { text, starts: None }
    }

    fn starts(&mut self) -> &[usize] {
        let text = self.text;
        self.starts.get_or_insert_with(|| {
            std::iter::once(0)
                .chain(text.bytes().enumerate().filter(|(_, b)| *b == b'\n').map(|(i, _)| i + 1))
                .collect()
        })
    }

    fn line_of(&mut self, offset: usize) -> u32 {
        let starts = self.starts();
        (starts.partition_point(|&s| s <= offset)) as u32
    }

    fn line_text(&self, offset: usize) -> &'a str {
        let bytes = self.text.as_bytes();
        &self.text[line_start(bytes, offset)..line_end(bytes, offset)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use bosun_core::RuleMeta;

    const fn meta(id: &'static str) -> RuleMeta {
        RuleMeta { id, name: id, title: id, ..crate::rule::META }
    }

    /// A provider format with a check: `acme_` + 8 digits whose last digit is even.
    static ACME: SecretRule = SecretRule {
        meta: meta("T1"),
        keywords: &["acme_"],
        pattern: r"\b(?P<secret>acme_[0-9]{8})\b",
        validate: Some(|s: &str| s.ends_with(['0', '2', '4', '6', '8'])),
        ..SecretRule::DEFAULT
    };
    static GENERIC: SecretRule = SecretRule {
        meta: meta("T2"),
        keywords: &["token"],
        pattern: r#"token\s*=\s*"(?P<secret>[^"]+)""#,
        generic: true,
        ..SecretRule::DEFAULT
    };
    static BLOCK: SecretRule = SecretRule {
        meta: meta("T3"),
        keywords: &["-----begin block"],
        pattern: r"(?s)-----BEGIN BLOCK-----\n(?P<secret>.+?)\n-----END BLOCK-----",
        multiline: true,
        ..SecretRule::DEFAULT
    };
    static ANYWHERE: SecretRule = SecretRule {
        meta: meta("T4"),
        keywords: &[],
        pattern: r"zz(?P<secret>[0-9]{6})zz",
        ..SecretRule::DEFAULT
    };

    fn engine() -> Engine {
        let rules =
            [&ACME, &GENERIC, &BLOCK, &ANYWHERE].map(|rule| ExtraRule { rule, allowlists: Vec::new() });
        Engine::new(rules.into(), Vec::new()).unwrap()
    }

    fn found(text: &str) -> Vec<(&'static str, u32, String)> {
        engine()
            .scan("a.txt", text, TextKind::default(), None)
            .into_iter()
            .map(|h| (h.rule.meta.id, h.start_line, h.secret))
            .collect()
    }

    #[test]
    fn tokens_next_to_non_ascii_text_are_found_with_their_lines() {
        let hits = engine().scan(
            "a.txt",
            "überall
clé=acme_12345678 ünd
",
            TextKind::default(),
            None,
        );
        assert_eq!(hits.len(), 1);
        assert_eq!((hits[0].secret.as_str(), hits[0].start_line), ("acme_12345678", 2));
        // A byte pattern may end inside a multi-byte character: no panic, no lost line.
        let cut = engine().scan("a.txt", "token = \"abcdefgh\u{e9}\"", TextKind::default(), None);
        assert!(cut.iter().all(|h| h.start_line == 1));
    }

    #[test]
    fn provider_hits_win_over_generic_ones_and_look_alikes_are_claimed() {
        assert_eq!(found("token = \"acme_12345678\"\n"), [("T1", 1, "acme_12345678".to_string())]);
        assert!(
            found("token = \"acme_12345677\"\n").is_empty(),
            "a failed check silences the generic rule too"
        );
        assert_eq!(found("x\ntoken = \"Zq8wLp3vR7\"\n"), [("T2", 2, "Zq8wLp3vR7".to_string())]);
    }

    #[test]
    fn keywords_are_case_insensitive_and_multiline_rules_span_lines() {
        let text = "head\n-----BEGIN BLOCK-----\nabc\ndef\n-----END BLOCK-----\n";
        let hits = engine().scan("a.txt", text, TextKind::default(), None);
        assert_eq!(hits.len(), 1);
        assert_eq!((hits[0].start_line, hits[0].end_line), (3, 4));
        assert_eq!(
            found("ACME_12345678"),
            Vec::<(&str, u32, String)>::new(),
            "the pattern itself is case-sensitive"
        );
        assert_eq!(found("x ACME_1 acme_00000002").len(), 1);
    }

    #[test]
    fn rules_without_keywords_run_everywhere_and_generic_rules_skip_minified_text() {
        assert_eq!(found("aa zz123456zz"), [("T4", 1, "123456".to_string())]);
        let minified = TextKind { minified: true };
        assert!(engine().scan("a.min.js", "token = \"Zq8wLp3vR7\"", minified, None).is_empty());
    }

    #[test]
    fn line_markers_and_allowlists_drop_matches() {
        assert!(found("acme_12345678 # gitleaks:allow").is_empty());
        let allow = Allowlist { stopwords: vec!["1234".into()], ..Default::default() };
        let engine =
            Engine::new(vec![ExtraRule { rule: &ACME, allowlists: vec![allow] }], Vec::new()).unwrap();
        assert!(engine.scan("a.txt", "acme_12345678", TextKind::default(), None).is_empty());
        assert_eq!(engine.scan("a.txt", "acme_99999998", TextKind::default(), None).len(), 1);
    }
}
