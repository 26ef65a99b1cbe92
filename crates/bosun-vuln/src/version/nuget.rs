//! NuGet version ordering, as `NuGetVersion` and `VersionComparer.Default` do
//! it (learn.microsoft.com/nuget/concepts/package-versioning).
//!
//! A version is `Major.Minor[.Patch[.Revision]][-Release][+Metadata]`:
//!
//! * up to four numeric parts, missing ones 0 (`1.0 = 1.0.0 = 1.0.0.0`),
//!   compared numerically;
//! * a version with a release label sorts before the same version without one;
//! * release labels are SemVer 2.0 dot-separated identifiers: numeric ones
//!   numerically and before alphanumeric ones, alphanumeric ones ordinally
//!   ignoring case (`1.0.0-Beta = 1.0.0-beta`), the longer list winning ties;
//!   legacy labels such as `beta-23516` are single identifiers;
//! * metadata after `+` is ignored.
//!
//! Malformed input (a leading `v`, more than four parts, non-numeric parts,
//! empty identifiers, ...) still orders: each numeric part contributes its
//! leading digits, and the version sorts after any well-formed one it ties
//! with, malformed ones among themselves by their text.

use std::cmp::Ordering;

use super::cmp_numeric;
use super::semver::{is_number, split_numbered};

struct Version<'a> {
    parts: [&'a str; 4],
    label: Option<&'a str>,
    malformed: bool,
    text: &'a str,
}

fn parse(input: &str) -> Version<'_> {
    let text = input.trim();
    let (s, mut malformed) = match text.strip_prefix(['v', 'V']) {
        Some(rest) => (rest, true),
        None => (text, text.is_empty()),
    };
    let (parts, label, broken) = split_numbered::<4>(s);
    malformed |= broken;
    Version { parts, label, malformed, text }
}

/// Ordinal comparison ignoring ASCII case.
fn cmp_ignore_case(a: &str, b: &str) -> Ordering {
    a.bytes().map(|c| c.to_ascii_uppercase()).cmp(b.bytes().map(|c| c.to_ascii_uppercase()))
}

fn cmp_identifier(a: &str, b: &str) -> Ordering {
    match (is_number(a), is_number(b)) {
        (true, true) => cmp_numeric(a, b),
        (true, false) => Ordering::Less,
        (false, true) => Ordering::Greater,
        (false, false) => cmp_ignore_case(a, b),
    }
}

fn cmp_label(a: Option<&str>, b: Option<&str>) -> Ordering {
    match (a, b) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Greater,
        (Some(_), None) => Ordering::Less,
        (Some(a), Some(b)) => {
            let (mut a, mut b) = (a.split('.'), b.split('.'));
            loop {
                match (a.next(), b.next()) {
                    (None, None) => return Ordering::Equal,
                    (None, Some(_)) => return Ordering::Less,
                    (Some(_), None) => return Ordering::Greater,
                    (Some(x), Some(y)) => match cmp_identifier(x, y) {
                        Ordering::Equal => continue,
                        other => return other,
                    },
                }
            }
        }
    }
}

/// NuGet: `VersionComparer.Default` ordering.
pub fn compare(a: &str, b: &str) -> Ordering {
    let (a, b) = (parse(a), parse(b));
    a.parts
        .iter()
        .zip(b.parts.iter())
        .map(|(x, y)| cmp_numeric(x, y))
        .find(|o| o.is_ne())
        .unwrap_or(Ordering::Equal)
        .then_with(|| cmp_label(a.label, b.label))
        .then_with(|| a.malformed.cmp(&b.malformed))
        .then_with(|| if a.malformed { a.text.cmp(b.text) } else { Ordering::Equal })
}

#[cfg(test)]
mod tests {
    use super::*;
    use Ordering::{Equal, Greater, Less};

    #[test]
    fn four_parts() {
        assert_eq!(compare("2.1", "2.1.0.0"), Equal);
        assert_eq!(compare("2.1.0.1", "2.1"), Greater);
        assert_eq!(compare("2.1.0.10", "2.1.0.9"), Greater);
        assert_eq!(compare("2.01", "2.1"), Equal);
    }

    #[test]
    fn labels_ignore_case() {
        assert_eq!(compare("1.0.0-ALPHA.1", "1.0.0-alpha.1"), Equal);
        assert_eq!(compare("1.0.0-Alpha", "1.0.0-beta"), Less);
        assert_eq!(compare("1.0.0-alpha.9", "1.0.0-alpha.10"), Less);
        assert_eq!(compare("1.0.0-alpha", "1.0.0-alpha.0"), Less);
        assert_eq!(compare("1.0.0-99", "1.0.0-a"), Less);
        assert_eq!(compare("1.0.0-alpha+x", "1.0.0-ALPHA+y"), Equal);
    }

    #[test]
    fn malformed() {
        assert_eq!(compare("v1.0", "1.0"), Greater);
        assert_eq!(compare("v1.0", "1.0.1"), Less);
        assert_ne!(compare("1.0.0.0.0", "1.0"), Equal);
        assert_ne!(compare("abc", "def"), Equal);
    }

    const SAMPLE: &[&str] = &[
        "",
        "0",
        "0.0.0.1",
        "1",
        "1.0",
        "1.0.0",
        "1.0.0.0",
        "1.0.0-1",
        "1.0.0-10",
        "1.0.0-a",
        "1.0.0-A",
        "1.0.0-alpha",
        "1.0.0-alpha.1",
        "1.0.0-Alpha.2",
        "1.0.0-beta-23516",
        "1.0.0-rc.1+meta",
        "1.0.0+meta",
        "1.0.0.1",
        "1.0.1",
        "1.1",
        "1.10",
        "v1.0",
        "1.0.0.0.0",
        "1.0.0-",
        "1.0.0-a..b",
        "x",
        "1.x",
        "1.0.0+",
        "18446744073709551616",
        "2.0.0-preview.7.21377.19",
    ];

    #[test]
    fn total_order_on_sample() {
        crate::version::testing::assert_total_order(compare, SAMPLE);
    }
}
