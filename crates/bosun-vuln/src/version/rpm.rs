//! RPM version ordering: Red Hat, AlmaLinux, Rocky Linux, openSUSE, SUSE,
//! Mariner, Fedora.
//!
//! A version is `[epoch:]version[-release]`: the epoch is the leading digits
//! before a `:` (absent means 0), the release everything after the last `-`.
//! Epochs compare as numbers, then versions, then releases, each with
//! `rpmvercmp` (rpm.org "RPM package versioning", rpm's `tests/rpmvercmp.at`):
//!
//! * the string is split into maximal runs of ASCII digits and of ASCII
//!   letters; every other character is only a separator, so `1.0 = 1_0` and
//!   `1..0 = 1.0`;
//! * digit runs compare as numbers (leading zeros ignored), letter runs as
//!   byte strings (case-sensitive), and a digit run is newer than a letter run;
//! * `~` sorts before everything, even the end of the string (`1.0~rc1 < 1.0`);
//! * `^` sorts after the end of the string but before anything else
//!   (`1.0 < 1.0^git1 < 1.0.1`);
//! * when all segments agree, the version with segments left over is newer.
//!
//! rpm itself skips the release comparison when one side has none; that is
//! not a consistent order (`1.0` would equal both `1.0-1` and `1.0-2`), so a
//! missing release compares as an empty one: older than any release.

use super::cmp_digits;
use std::cmp::Ordering;

/// One comparable piece of a version, in the order rpm ranks them when they
/// meet at the same position (the end of the string ranks between `~` and `^`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Segment<'a> {
    Tilde,
    End,
    Caret,
    Alpha(&'a [u8]),
    Number(&'a [u8]),
}

impl Segment<'_> {
    fn rank(&self) -> u8 {
        match self {
            Segment::Tilde => 0,
            Segment::End => 1,
            Segment::Caret => 2,
            Segment::Alpha(_) => 3,
            Segment::Number(_) => 4,
        }
    }
}

/// Splits off the next segment, skipping separators.
fn next_segment(s: &[u8]) -> (Segment<'_>, &[u8]) {
    let start = s.iter().position(|&c| c.is_ascii_alphanumeric() || c == b'~' || c == b'^');
    let Some(start) = start else { return (Segment::End, &[]) };
    let s = &s[start..];
    match s[0] {
        b'~' => (Segment::Tilde, &s[1..]),
        b'^' => (Segment::Caret, &s[1..]),
        c => {
            let digits = c.is_ascii_digit();
            let n =
                s.iter().take_while(|c| c.is_ascii_digit() == digits && c.is_ascii_alphanumeric()).count();
            let segment = if digits { Segment::Number(&s[..n]) } else { Segment::Alpha(&s[..n]) };
            (segment, &s[n..])
        }
    }
}

/// rpm's `rpmvercmp` on one field (version or release).
pub fn rpmvercmp(a: &str, b: &str) -> Ordering {
    let (mut a, mut b) = (a.as_bytes(), b.as_bytes());
    loop {
        let (x, rest_a) = next_segment(a);
        let (y, rest_b) = next_segment(b);
        let order = match (x, y) {
            (Segment::End, Segment::End) => return Ordering::Equal,
            (Segment::Alpha(p), Segment::Alpha(q)) => p.cmp(q),
            (Segment::Number(p), Segment::Number(q)) => cmp_digits(p, q),
            _ => x.rank().cmp(&y.rank()),
        };
        if order != Ordering::Equal {
            return order;
        }
        (a, b) = (rest_a, rest_b);
    }
}

/// `(epoch, version, release)`; the epoch is all digits.
fn parse(evr: &str) -> (&str, &str, &str) {
    let digits = evr.bytes().take_while(u8::is_ascii_digit).count();
    let (epoch, rest) = match evr[digits..].strip_prefix(':') {
        Some(rest) => (&evr[..digits], rest),
        None => ("", evr),
    };
    match rest.rfind('-') {
        Some(hyphen) => (epoch, &rest[..hyphen], &rest[hyphen + 1..]),
        None => (epoch, rest, ""),
    }
}

pub fn compare(a: &str, b: &str) -> Ordering {
    let (ea, va, ra) = parse(a);
    let (eb, vb, rb) = parse(b);
    cmp_digits(ea.as_bytes(), eb.as_bytes()).then_with(|| rpmvercmp(va, vb)).then_with(|| rpmvercmp(ra, rb))
}

#[cfg(test)]
mod tests {
    use super::{compare, rpmvercmp};
    use std::cmp::Ordering::{self, Equal, Greater, Less};

    fn check(a: &str, b: &str, want: Ordering) {
        crate::version::testing::check(compare, a, b, want);
    }

    #[test]
    fn segments_and_separators() {
        check("3.0.1a", "3.0.1", Greater);
        check("6p10", "6p9", Greater);
        check("12xyz", "12.1xyz", Less);
        check("abc.4", "9", Less);
        check("3.0001", "3.1", Equal);
        check("3+1", "3.1", Equal);
        check("3.0", "3.0.", Equal);
        check("3.a", "3.B", Greater);
        check("3.0é1", "3.0.1", Equal);
        check("7.0.beta2", "7.0", Greater);
    }

    #[test]
    fn tilde_and_caret() {
        check("3.0~beta", "3.0", Less);
        check("3.0~beta", "3.0~alpha", Greater);
        check("3.0~~", "3.0~", Less);
        check("3.0~", "3.0^", Less);
        check("3.0^", "3.0", Greater);
        check("3.0^snap", "3.0a", Less);
        check("3.0^snap", "3.0.0", Less);
        check("3.0^^", "3.0^", Greater);
        check("3.0^snap1", "3.0^snap1~x", Greater);
    }

    #[test]
    fn epoch_version_release() {
        check("2:1.0-1", "1:9.0-9", Greater);
        check("0:1.0-1", "1.0-1", Equal);
        check(":1.0", "1.0", Equal);
        check("1.0-1", "1.0", Greater);
        check("1.0-1.fc40", "1.0-1.fc39", Greater);
        check("1.0-1.el9_2", "1.0-1.el9", Greater);
        check("1.0-beta-1", "1.0-beta-2", Less);
        check("x:1.0", "1.0", Less);
    }

    #[test]
    fn rpm_test_suite_samples() {
        assert_eq!(rpmvercmp("10.0001", "10.0039"), Less);
        assert_eq!(rpmvercmp("4.999.9", "5.0"), Less);
        assert_eq!(rpmvercmp("20101121", "20101122"), Less);
        assert_eq!(rpmvercmp("1.0~rc1", "1.0~rc1"), Equal);
        assert_eq!(rpmvercmp("1.0^", "1.0"), Greater);
        assert_eq!(rpmvercmp("1.0^git1~pre", "1.0^git1"), Less);
    }

    #[test]
    fn total_order_on_a_sample() {
        let sample = [
            "",
            "0",
            "1",
            "1.0",
            "1.00",
            "1_0",
            "1.0.0",
            "1.0a",
            "1.0b",
            "1.0A",
            "1.0~rc1",
            "1.0~rc2",
            "1.0~~",
            "1.0~",
            "1.0^",
            "1.0^git1",
            "1.0^git1~1",
            "1.0.1",
            "1.0-1",
            "1.0-2",
            "1.0-1.el8",
            "1.0-10.el8",
            "0:1.0",
            "1:0.1",
            "2:0",
            "abc",
            "1.0-",
            "x:1",
            "~",
            "^",
            "99999999999999999999999",
        ];
        crate::version::testing::assert_total_order(compare, &sample);
    }
}
