//! dpkg version ordering: Debian and Ubuntu.
//!
//! A version is `[epoch:]upstream-version[-debian-revision]` (deb-version(7),
//! Debian Policy §5.6.12). The epoch is an unsigned integer (absent means 0);
//! the revision is everything after the last hyphen (absent means `0`, which is
//! how `1.0` and `1.0-0` come out equal). Epochs compare numerically, then the
//! upstream versions, then the revisions, each with dpkg's `verrevcmp`:
//!
//! * the string alternates between a non-digit part and a digit part, starting
//!   with a (possibly empty) non-digit part;
//! * non-digit parts compare character by character with a modified ASCII
//!   order: `~` first, then the end of the part, then letters, then every
//!   other character (`+`, `.`, `-`, ...), so `1.0~rc1 < 1.0 < 1.0a < 1.0+`;
//! * digit parts compare as numbers (any length, leading zeros ignored; an
//!   empty digit part is 0).
//!
//! Malformed input still orders: surrounding whitespace is dropped as dpkg
//! does, a prefix before `:` that is not all digits is not an epoch (the whole
//! string is then the version), and any byte outside the allowed set sorts
//! with the "other characters", by its value.

use super::cmp_digits;
use std::cmp::Ordering;

/// The three parts of a version, borrowed from the input.
struct Version<'a> {
    epoch: &'a [u8],
    upstream: &'a [u8],
    revision: &'a [u8],
}

fn parse(input: &str) -> Version<'_> {
    let s = input.trim().as_bytes();
    let (epoch, rest) = match s.iter().position(|&c| c == b':') {
        Some(colon) if s[..colon].iter().all(u8::is_ascii_digit) => (&s[..colon], &s[colon + 1..]),
        _ => (&b""[..], s),
    };
    let (upstream, revision) = match rest.iter().rposition(|&c| c == b'-') {
        Some(hyphen) => (&rest[..hyphen], &rest[hyphen + 1..]),
        None => (rest, &b""[..]),
    };
    Version { epoch, upstream, revision }
}

pub fn compare(a: &str, b: &str) -> Ordering {
    let (a, b) = (parse(a), parse(b));
    cmp_digits(a.epoch, b.epoch)
        .then_with(|| verrevcmp(a.upstream, b.upstream))
        .then_with(|| verrevcmp(a.revision, b.revision))
}

/// The weight of a character in a non-digit part; the end of the part is 0.
fn weight(c: Option<u8>) -> i32 {
    match c {
        None => 0,
        Some(b'~') => -1,
        Some(c) if c.is_ascii_alphabetic() => i32::from(c),
        Some(c) => i32::from(c) + 256,
    }
}

/// dpkg's comparison of an upstream version or a revision.
fn verrevcmp(mut a: &[u8], mut b: &[u8]) -> Ordering {
    let split =
        |s: &[u8], digits: bool| -> usize { s.iter().take_while(|c| c.is_ascii_digit() == digits).count() };
    while !a.is_empty() || !b.is_empty() {
        let (na, nb) = (split(a, false), split(b, false));
        for i in 0..na.max(nb) {
            let wa = weight(a[..na].get(i).copied());
            let wb = weight(b[..nb].get(i).copied());
            if wa != wb {
                return wa.cmp(&wb);
            }
        }
        (a, b) = (&a[na..], &b[nb..]);
        let (da, db) = (split(a, true), split(b, true));
        let order = cmp_digits(&a[..da], &b[..db]);
        if order != Ordering::Equal {
            return order;
        }
        (a, b) = (&a[da..], &b[db..]);
    }
    Ordering::Equal
}

#[cfg(test)]
mod tests {
    use super::compare;
    use std::cmp::Ordering::{self, Equal, Greater, Less};

    fn check(a: &str, b: &str, want: Ordering) {
        crate::version::testing::check(compare, a, b, want);
    }

    #[test]
    fn epoch_wins_over_everything() {
        check("1:0.1", "0:99", Greater);
        check("0:2.0", "2.0", Equal);
        check("00:2.0", "2.0", Equal);
        check("10:1", "9:1", Greater);
    }

    #[test]
    fn tilde_sorts_before_the_end() {
        check("2.0~beta1", "2.0", Less);
        check("2.0~~a", "2.0~", Less);
        check("2.0~", "2.0", Less);
        check("2.0-1~exp1", "2.0-1", Less);
    }

    #[test]
    fn letters_sort_before_other_characters() {
        check("2.0a", "2.0+", Less);
        check("2.0z", "2.0.", Less);
        check("2.0", "2.0a", Less);
        check("2.0A", "2.0a", Less);
    }

    #[test]
    fn digit_runs_are_numbers() {
        check("2.010", "2.9", Greater);
        check("2.010", "2.10", Equal);
        check("1.99999999999999999999999", "1.100000000000000000000000", Less);
    }

    #[test]
    fn revision_after_last_hyphen() {
        check("2.0-rc-1", "2.0-rc-2", Less);
        check("2.0-1", "2.0", Greater);
        check("2.0-0", "2.0", Equal);
        check("2.0-", "2.0", Equal);
    }

    #[test]
    fn malformed_input_still_orders() {
        check("", "0", Equal);
        check("x:1.0", "1.0", Greater);
        check(" 1.0 ", "1.0", Equal);
        check("1.0é", "1.0+", Greater);
        check(":1", "1", Equal);
    }

    #[test]
    fn total_order_on_a_sample() {
        let sample = [
            "",
            "0",
            "1",
            "1.0",
            "1.0-0",
            "1.0-1",
            "1.0-1ubuntu1",
            "1.0-1.1",
            "1.0-1+b1",
            "1.0-1~bpo1",
            "1.0~rc1",
            "1.0~rc1-1",
            "1.0~~",
            "1.0~",
            "1.0a",
            "1.0+dfsg",
            "1.0+dfsg-1",
            "1.0.1",
            "1.01",
            "1.10",
            "1:0.1",
            "2:0",
            "1:1.0-1",
            "a",
            "~",
            "+",
            "1.0-",
            "x:1",
            "1.0-1~",
            "9999999999999999999999",
        ];
        crate::version::testing::assert_total_order(compare, &sample);
    }
}
