//! RubyGems version ordering, as `Gem::Version#<=>` does it.
//!
//! * A `-` in a version means `.pre.` (`1.0.0-1` is `1.0.0.pre.1`).
//! * Segments are the runs of digits and the runs of ASCII letters
//!   (`2.0.0rc1` is `2.0.0.rc.1`); digit runs are numbers, letter runs strings.
//! * Canonical segments: the numeric part before the first string segment and
//!   the part from it on each lose their trailing zeros (`2.0.0 = 2`,
//!   `1.0.a.0 = 1.a`).
//! * Segments compare left to right, a missing one counting as 0: numbers
//!   numerically, strings by bytes, and a string before a number — which makes
//!   any version with a letter a pre-release of its numeric part
//!   (`1.0.a < 1.0`, `1.0.a < 1.0.0.1`).
//!
//! Malformed input (anything `Gem::Version.correct?` rejects) still orders by
//! the same segments, the characters that are neither digits nor letters
//! dropped; it sorts after any well-formed version it ties with, malformed ones
//! among themselves by their text.

use std::cmp::Ordering;

use super::cmp_numeric;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Segment<'a> {
    Number(&'a str),
    Text(&'a str),
}

impl Segment<'_> {
    fn is_zero(&self) -> bool {
        matches!(self, Segment::Number(n) if n.bytes().all(|c| c == b'0'))
    }
}

fn cmp_segment(a: Segment<'_>, b: Segment<'_>) -> Ordering {
    match (a, b) {
        (Segment::Number(x), Segment::Number(y)) => cmp_numeric(x, y),
        (Segment::Text(_), Segment::Number(_)) => Ordering::Less,
        (Segment::Number(_), Segment::Text(_)) => Ordering::Greater,
        (Segment::Text(x), Segment::Text(y)) => x.cmp(y),
    }
}

/// `Gem::Version::ANCHORED_VERSION_PATTERN` (after trimming; empty is `0`):
/// `[0-9]+(\.[0-9a-zA-Z]+)*(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?`.
fn is_correct(s: &str) -> bool {
    if s.is_empty() {
        return true;
    }
    let (main, pre) = match s.split_once('-') {
        Some((main, pre)) => (main, Some(pre)),
        None => (s, None),
    };
    let mut parts = main.split('.');
    let first_ok = parts.next().is_some_and(|p| !p.is_empty() && p.bytes().all(|c| c.is_ascii_digit()));
    let rest_ok = parts.all(|p| !p.is_empty() && p.bytes().all(|c| c.is_ascii_alphanumeric()));
    let pre_ok = pre.is_none_or(|pre| {
        pre.split('.').all(|p| !p.is_empty() && p.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-'))
    });
    first_ok && rest_ok && pre_ok
}

/// Canonical segments: digit and letter runs, `-` read as `.pre.`, trailing
/// zeros dropped from the numeric part and from the part after it.
fn canonical_segments(s: &str) -> Vec<Segment<'_>> {
    let bytes = s.as_bytes();
    let mut segments = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if c == b'-' {
            segments.push(Segment::Text("pre"));
            i += 1;
            continue;
        }
        let run =
            |pred: fn(&u8) -> bool| bytes[i..].iter().position(|b| !pred(b)).map_or(bytes.len(), |n| i + n);
        if c.is_ascii_digit() {
            let end = run(u8::is_ascii_digit);
            segments.push(Segment::Number(&s[i..end]));
            i = end;
        } else if c.is_ascii_alphabetic() {
            let end = run(u8::is_ascii_alphabetic);
            segments.push(Segment::Text(&s[i..end]));
            i = end;
        } else {
            i += 1;
        }
    }
    let first_text = segments.iter().position(|s| matches!(s, Segment::Text(_))).unwrap_or(segments.len());
    let mut release: Vec<Segment<'_>> = segments[..first_text].to_vec();
    while release.last().is_some_and(Segment::is_zero) {
        release.pop();
    }
    let mut pre = segments[first_text..].to_vec();
    while pre.last().is_some_and(Segment::is_zero) {
        pre.pop();
    }
    release.extend(pre);
    release
}

/// `Gem::Version#<=>` on canonical segments, a missing segment counting as 0.
fn cmp_segments(a: &[Segment<'_>], b: &[Segment<'_>]) -> Ordering {
    let zero = Segment::Number("0");
    (0..a.len().max(b.len()))
        .map(|i| cmp_segment(a.get(i).copied().unwrap_or(zero), b.get(i).copied().unwrap_or(zero)))
        .find(|o| o.is_ne())
        .unwrap_or(Ordering::Equal)
}

/// RubyGems: `Gem::Version` ordering.
pub fn compare(a: &str, b: &str) -> Ordering {
    let (a, b) = (a.trim(), b.trim());
    let (bad_a, bad_b) = (!is_correct(a), !is_correct(b));
    cmp_segments(&canonical_segments(a), &canonical_segments(b))
        .then_with(|| bad_a.cmp(&bad_b))
        .then_with(|| if bad_a { a.cmp(b) } else { Ordering::Equal })
}

#[cfg(test)]
mod tests {
    use super::*;
    use Ordering::{Equal, Greater, Less};

    #[test]
    fn trailing_zeros() {
        assert_eq!(compare("1.0.0", "1"), Equal);
        assert_eq!(compare("", "0"), Equal);
        assert_eq!(compare("1.0.a.0", "1.a"), Equal);
        assert_eq!(compare("1.0.a", "1.0.a.0.0"), Equal);
        assert_eq!(compare("1.01", "1.1"), Equal);
    }

    #[test]
    fn prerelease() {
        assert_eq!(compare("1.0.a", "1.0"), Less);
        assert_eq!(compare("1.0.a", "0.9"), Greater);
        assert_eq!(compare("1.0.a", "1.0.0.1"), Less);
        assert_eq!(compare("1.0.a.1", "1.0.a"), Greater);
        assert_eq!(compare("1.0.B", "1.0.a"), Less);
        assert_eq!(compare("1.0.rc", "1.0.rc.a"), Greater);
    }

    #[test]
    fn letter_boundaries_and_hyphen() {
        assert_eq!(compare("1.0rc2", "1.0.rc.2"), Equal);
        assert_eq!(compare("3.0-rc-1", "3.0.pre.rc.pre.1"), Equal);
        assert_eq!(compare("1.0-x", "1.0.a"), Greater);
    }

    #[test]
    fn malformed() {
        assert_ne!(compare("1.0!", "1.0"), Equal);
        assert_eq!(compare("1.0!", "1.0.1"), Less);
        assert_ne!(compare("junk", "trash"), Equal);
    }

    const SAMPLE: &[&str] = &[
        "",
        "0",
        "0.0.1",
        "0.1.a",
        "0.1",
        "1",
        "1.0",
        "1.0.0",
        "1.0.a",
        "1.0.A",
        "1.0.a.1",
        "1.0.a1",
        "1.0.b",
        "1.0.beta",
        "1.0.pre",
        "1.0-1",
        "1.0-beta-2",
        "1.0.rc.1",
        "1.0.rc1",
        "1.0.0.1",
        "1.1",
        "1.10",
        "1.9.9.9.9",
        "2.0.0.rc",
        "2",
        "1.0!",
        "!",
        "v1.0",
        "1..0",
        "99999999999999999999999",
    ];

    #[test]
    fn total_order_on_sample() {
        crate::version::testing::assert_total_order(compare, SAMPLE);
    }
}
