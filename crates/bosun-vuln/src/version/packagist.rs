//! Packagist (Composer) version ordering: a version is normalized the way
//! Composer's `VersionParser::normalize` does it, then compared the way PHP's
//! `version_compare` compares the normalized strings
//! (getcomposer.org/doc/articles/versions.md, php.net/version_compare).
//!
//! Normalization:
//!
//! * surrounding whitespace, an ` as alias` suffix, an `@stability` flag and
//!   `+build` metadata are dropped; `master`/`trunk`/`default` and `dev-*`
//!   are branch names, kept as `dev-<name>`;
//! * classical versions `v?N[.N[.N[.N]]]` get four parts (`1.2` is
//!   `1.2.0.0`); date versions (`20240131`, `2024-01-31`) keep their digit
//!   groups;
//! * a modifier follows, optionally after `.`, `_` or `-`: a stability
//!   (`stable`, `beta`/`b`, `RC`, `alpha`/`a`, `patch`/`pl`/`p`, any case)
//!   with optional numbers, then optionally `dev`: `1.0RC1` is `1.0.0.0-RC1`,
//!   `1.0-b.2` is `1.0.0.0-beta2`, `1.0-dev` is `1.0.0.0-dev`;
//! * a numeric branch ending in `-dev` (`2.x-dev`, `2.1.*-dev`) stands for
//!   its highest version: `2.9999999.9999999.9999999-dev`.
//!
//! `version_compare` then inserts a `.` at every digit/non-digit boundary,
//! turns `-`, `_`, `+` and other non-alphanumerics into `.`, and compares the
//! parts left to right: numbers numerically; words by their special form —
//! anything else < `dev` < `alpha` = `a` < `beta` = `b` < `RC` = `rc` <
//! number < `pl` = `p` (a word matches a form it starts with, so `patch` is
//! `p`); when one version runs out of parts, a further number makes the other
//! greater and a further word compares as if against a number
//! (`1.0-beta < 1.0 < 1.0.0 < 1.0-pl`). An empty version is lowest.
//!
//! Versions Composer cannot normalize, and dev branches (whose names
//! `version_compare` would treat as equal), are ordered the same way and then,
//! among ties, after normalizable versions and by their text. A part starting
//! with `#` (which PHP would make equal to every number) counts as an unknown
//! word.

use std::cmp::Ordering;

use super::cmp_numeric;

/// Stabilities in the order Composer's modifier regex tries them.
const STABILITIES: &[&str] = &["stable", "beta", "b", "RC", "alpha", "a", "patch", "pl", "p"];

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &s[prefix.len()..])
}

fn strip_suffix_ci<'a>(s: &'a str, suffix: &str) -> Option<&'a str> {
    let cut = s.len().checked_sub(suffix.len())?;
    let tail = s.get(cut..)?;
    tail.eq_ignore_ascii_case(suffix).then(|| &s[..cut])
}

fn digits_len(s: &str) -> usize {
    s.bytes().position(|c| !c.is_ascii_digit()).unwrap_or(s.len())
}

/// Composer's `expandStability`.
fn expand_stability(stability: &str) -> String {
    match stability.to_ascii_lowercase().as_str() {
        "a" => "alpha".to_string(),
        "b" => "beta".to_string(),
        "p" | "pl" => "patch".to_string(),
        "rc" => "RC".to_string(),
        other => other.to_string(),
    }
}

/// A matched modifier: the stability with its numbers, and the `dev` flag.
struct Modifier<'a> {
    stability: Option<(&'a str, &'a str)>,
    dev: bool,
}

/// `([.-]?dev)?$`, case-insensitively.
fn match_dev(s: &str) -> Option<bool> {
    if s.is_empty() {
        return Some(false);
    }
    let s = s.strip_prefix(['.', '-']).unwrap_or(s);
    s.eq_ignore_ascii_case("dev").then_some(true)
}

/// `[._-]?(?:(stability)((?:[.-]?\d+)*+)?)?([.-]?dev)?$`, case-insensitively.
fn match_modifier(s: &str) -> Option<Modifier<'_>> {
    let mut starts = vec![s];
    if let Some(rest) = s.strip_prefix(['.', '_', '-']) {
        starts.insert(0, rest);
    }
    for start in starts {
        for stability in STABILITIES {
            let Some(after) = strip_prefix_ci(start, stability) else { continue };
            // Possessive `(?:[.-]?\d+)*+`.
            let mut end = 0;
            loop {
                let rest = &after[end..];
                let skip = usize::from(rest.starts_with(['.', '-']));
                let n = digits_len(&rest[skip..]);
                if n == 0 {
                    break;
                }
                end += skip + n;
            }
            if let Some(dev) = match_dev(&after[end..]) {
                let word = &start[..stability.len()];
                return Some(Modifier { stability: Some((word, &after[..end])), dev });
            }
        }
        if let Some(dev) = match_dev(start) {
            return Some(Modifier { stability: None, dev });
        }
    }
    None
}

/// `\d{4}(?:[.:-]?\d{2}){1,6}(?:[.:-]?\d{1,3})?` matching all of `s`.
fn is_date(s: &str) -> bool {
    fn groups(s: &[u8], pairs: usize, tails: usize) -> bool {
        if s.is_empty() {
            return pairs >= 1;
        }
        let skip = usize::from(matches!(s[0], b'.' | b':' | b'-'));
        let rest = &s[skip..];
        let digits = rest.iter().take_while(|c| c.is_ascii_digit()).count();
        if tails == 0 && pairs < 6 && digits >= 2 && groups(&rest[2..], pairs + 1, 0) {
            return true;
        }
        pairs >= 1 && tails < 1 && (1..=digits.min(3)).any(|n| groups(&rest[n..], pairs, tails + 1))
    }
    let b = s.as_bytes();
    b.len() >= 4 && b[..4].iter().all(u8::is_ascii_digit) && groups(&b[4..], 0, 0)
}

/// Composer's `normalizeBranch` for a numeric branch, `None` for a named one.
fn normalize_branch(name: &str) -> Option<String> {
    let name = name.trim();
    let name = name.strip_prefix(['v', 'V']).unwrap_or(name);
    let mut parts = name.split('.');
    let first = parts.next()?;
    if first.is_empty() || digits_len(first) != first.len() {
        return None;
    }
    let mut version = first.to_string();
    let mut count = 1;
    for part in parts {
        count += 1;
        let ok = (!part.is_empty() && digits_len(part) == part.len()) || matches!(part, "x" | "X" | "*");
        if count > 4 || !ok {
            return None;
        }
        version.push('.');
        version.push_str(if digits_len(part) == part.len() { part } else { "x" });
    }
    for _ in count..4 {
        version.push_str(".x");
    }
    Some(version.replace('x', "9999999") + "-dev")
}

/// The normalized version, and whether it is a named dev branch; `None` when
/// Composer would reject the string.
fn normalize(input: &str) -> Option<(String, bool)> {
    let mut s = input.trim();
    // ` as alias`
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.len() == 3 && words[1] == "as" && !words[0].contains(',') && !words[2].contains(',') {
        s = words[0];
    }
    // `@stability`
    for flag in ["stable", "RC", "beta", "alpha", "dev"] {
        if let Some(rest) = strip_suffix_ci(s, flag).and_then(|r| r.strip_suffix('@')) {
            s = rest;
            break;
        }
    }
    if matches!(s, "master" | "trunk" | "default") {
        return Some((format!("dev-{s}"), true));
    }
    if let Some(name) = strip_prefix_ci(s, "dev-") {
        return Some((format!("dev-{name}"), true));
    }
    // `+build`
    if let Some((head, tail)) = s.split_once('+') {
        let head_ok = !head.is_empty() && !head.contains(|c: char| c == ',' || c.is_whitespace());
        if head_ok && !tail.is_empty() && !tail.contains(char::is_whitespace) {
            s = head;
        }
    }
    let unprefixed = s.strip_prefix(['v', 'V']).unwrap_or(s);

    // Classical: `(\d{1,5}+)(\.\d++)?(\.\d++)?(\.\d++)?` then the modifier.
    let mut classical = None;
    let n = digits_len(unprefixed);
    if (1..=5).contains(&n) {
        let mut version = unprefixed[..n].to_string();
        let mut rest = &unprefixed[n..];
        let mut parts = 1;
        while parts < 4 {
            let Some(after) = rest.strip_prefix('.') else { break };
            let m = digits_len(after);
            if m == 0 {
                break;
            }
            version.push_str(&rest[..=m]);
            rest = &after[m..];
            parts += 1;
        }
        for _ in parts..4 {
            version.push_str(".0");
        }
        classical = match_modifier(rest).map(|m| (version, m));
    }
    // Date: the longest date prefix that leaves a valid modifier.
    if classical.is_none() {
        let end = unprefixed.bytes().position(|c| !(c.is_ascii_digit() || matches!(c, b'.' | b':' | b'-')));
        let end = end.unwrap_or(unprefixed.len());
        classical = (4..=end).rev().find_map(|cut| {
            let date = &unprefixed[..cut];
            if !is_date(date) {
                return None;
            }
            let m = match_modifier(&unprefixed[cut..])?;
            Some((date.replace(|c: char| !c.is_ascii_digit(), "."), m))
        });
    }
    if let Some((mut version, modifier)) = classical {
        if let Some((stability, numbers)) = modifier.stability {
            if stability == "stable" {
                return Some((version, false));
            }
            version.push('-');
            version.push_str(&expand_stability(stability));
            version.push_str(numbers.trim_start_matches(['.', '-']));
        }
        if modifier.dev {
            version.push_str("-dev");
        }
        return Some((version, false));
    }
    // A numeric branch: `(.*?)[.-]?dev$`.
    let head = strip_suffix_ci(s, "dev")?;
    let head = head.strip_suffix(['.', '-']).unwrap_or(head);
    normalize_branch(head).map(|v| (v, false))
}

/// PHP's `php_canonicalize_version`, split into parts.
fn canonical_parts(s: &str) -> Vec<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len() * 2);
    let Some((&first, rest)) = bytes.split_first() else { return Vec::new() };
    out.push(first);
    let mut last = first;
    let is_digit = |c: u8| c.is_ascii_digit();
    let is_non_digit = |c: u8| !c.is_ascii_digit() && c != b'.';
    for &c in rest {
        if matches!(c, b'-' | b'_' | b'+') || (!c.is_ascii_alphanumeric() && c != b'.') {
            if out.last() != Some(&b'.') {
                out.push(b'.');
            }
        } else if (is_non_digit(last) && is_digit(c)) || (is_digit(last) && is_non_digit(c)) {
            if out.last() != Some(&b'.') {
                out.push(b'.');
            }
            out.push(c);
        } else if c == b'.' {
            if out.last() != Some(&b'.') {
                out.push(b'.');
            }
        } else {
            out.push(c);
        }
        last = c;
    }
    String::from_utf8_lossy(&out).split('.').map(str::to_string).collect()
}

/// One part of a canonical version, in `version_compare`'s total order.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Part<'a> {
    /// A word, by its special-form rank below numbers (unknown -1 .. RC 3).
    Low(i8),
    /// Where a version that has run out of parts stands.
    End,
    Number(Num<'a>),
    /// `pl`, `p`: above every number.
    High,
}

#[derive(Debug, PartialEq, Eq)]
struct Num<'a>(&'a str);

impl PartialOrd for Num<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Num<'_> {
    fn cmp(&self, other: &Self) -> Ordering {
        cmp_numeric(self.0, other.0)
    }
}

fn classify(part: &str) -> Part<'_> {
    if part.starts_with(|c: char| c.is_ascii_digit()) {
        return Part::Number(Num(&part[..digits_len(part)]));
    }
    const FORMS: &[(&str, i8)] = &[
        ("dev", 0),
        ("alpha", 1),
        ("a", 1),
        ("beta", 2),
        ("b", 2),
        ("RC", 3),
        ("rc", 3),
        ("pl", 5),
        ("p", 5),
    ];
    match FORMS.iter().find(|(form, _)| part.starts_with(form)) {
        Some((_, 5)) => Part::High,
        Some(&(_, rank)) => Part::Low(rank),
        None => Part::Low(-1),
    }
}

/// PHP's `version_compare` (without its operator argument).
fn version_compare(a: &str, b: &str) -> Ordering {
    match (a.is_empty(), b.is_empty()) {
        (true, true) => return Ordering::Equal,
        (true, false) => return Ordering::Less,
        (false, true) => return Ordering::Greater,
        (false, false) => {}
    }
    let (a, b) = (canonical_parts(a), canonical_parts(b));
    (0..a.len().max(b.len()))
        .map(|i| {
            let x = a.get(i).map_or(Part::End, |p| classify(p));
            let y = b.get(i).map_or(Part::End, |p| classify(p));
            x.cmp(&y)
        })
        .find(|o| o.is_ne())
        .unwrap_or(Ordering::Equal)
}

/// Packagist: Composer normalization, then `version_compare`.
pub fn compare(a: &str, b: &str) -> Ordering {
    let key = |s: &str| match normalize(s) {
        Some((normalized, branch)) => (normalized, branch),
        None => (s.trim().to_string(), true),
    };
    let (a, b) = (key(a), key(b));
    version_compare(&a.0, &b.0).then_with(|| a.1.cmp(&b.1)).then_with(|| {
        if a.1 {
            a.0.cmp(&b.0)
        } else {
            Ordering::Equal
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use Ordering::{Equal, Greater, Less};

    fn norm(s: &str) -> Option<String> {
        normalize(s).map(|(v, _)| v)
    }

    #[test]
    fn composer_normalize() {
        assert_eq!(norm("1.0").as_deref(), Some("1.0.0.0"));
        assert_eq!(norm("v2.3.4").as_deref(), Some("2.3.4.0"));
        assert_eq!(norm("1.0RC1").as_deref(), Some("1.0.0.0-RC1"));
        assert_eq!(norm("1.0.0-b.2").as_deref(), Some("1.0.0.0-beta2"));
        assert_eq!(norm("1.0-pl3").as_deref(), Some("1.0.0.0-patch3"));
        assert_eq!(norm("1.0.0-alpha1-dev").as_deref(), Some("1.0.0.0-alpha1-dev"));
        assert_eq!(norm("1.0-dev").as_deref(), Some("1.0.0.0-dev"));
        assert_eq!(norm("1.0.0-stable").as_deref(), Some("1.0.0.0"));
        assert_eq!(norm("1.0.0+20240101").as_deref(), Some("1.0.0.0"));
        assert_eq!(norm("1.0.0 as 2.0.0").as_deref(), Some("1.0.0.0"));
        assert_eq!(norm("1.0.0@beta").as_deref(), Some("1.0.0.0"));
        assert_eq!(norm("20240131").as_deref(), Some("20240131"));
        assert_eq!(norm("2024-01-31").as_deref(), Some("2024.01.31"));
        assert_eq!(norm("2.x-dev").as_deref(), Some("2.9999999.9999999.9999999-dev"));
        assert_eq!(norm("2.1.*-dev").as_deref(), Some("2.1.9999999.9999999-dev"));
        assert_eq!(norm("dev-main").as_deref(), Some("dev-main"));
        assert_eq!(norm("master").as_deref(), Some("dev-master"));
        assert_eq!(norm("1.0.0-foo"), None);
        assert_eq!(norm("123456.0").as_deref(), Some("123456.0"));
        assert_eq!(norm("1.2.3.4.5"), None);
    }

    #[test]
    fn php_version_compare() {
        assert_eq!(version_compare("1.0", "1.0.0"), Less);
        assert_eq!(version_compare("1.0rc1", "1.0.rc.1"), Equal);
        assert_eq!(version_compare("1.0-beta", "1.0"), Less);
        assert_eq!(version_compare("1.0-pl1", "1.0.1"), Greater);
        assert_eq!(version_compare("1.0-patch", "1.0-pl"), Equal);
        assert_eq!(version_compare("1.0-foo", "1.0-dev"), Less);
        assert_eq!(version_compare("1.0-a", "1.0-alpha"), Equal);
        assert_eq!(version_compare("", "0"), Less);
        assert_eq!(version_compare("1.", "1"), Less);
    }

    #[test]
    fn ordering() {
        assert_eq!(compare("1.0-dev", "1.0-alpha"), Less);
        assert_eq!(compare("1.0-alpha-dev", "1.0-alpha"), Less);
        assert_eq!(compare("1.0", "1.0.0.0"), Equal);
        assert_eq!(compare("2.x-dev", "2.99.0"), Greater);
        assert_eq!(compare("dev-main", "0.0.1"), Less);
        assert_ne!(compare("dev-main", "dev-master"), Equal);
        assert_ne!(compare("1.0-foo", "1.0-bar"), Equal);
    }

    const SAMPLE: &[&str] = &[
        "",
        "0",
        "0.1",
        "1.0-dev",
        "1.0-alpha",
        "1.0-a1",
        "1.0-alpha2",
        "1.0-beta",
        "1.0b2",
        "1.0-RC1",
        "1.0rc1",
        "1.0",
        "v1.0.0",
        "1.0.0.0",
        "1.0-stable",
        "1.0-p1",
        "1.0-patch2",
        "1.0.1",
        "1.x-dev",
        "dev-main",
        "dev-master",
        "master",
        "1.0-foo",
        "junk",
        "20240131",
        "2024-02-01",
        "1.0+build",
        "#1",
        "1..0",
        "-1",
    ];

    #[test]
    fn total_order_on_sample() {
        crate::version::testing::assert_total_order(compare, SAMPLE);
    }
}
