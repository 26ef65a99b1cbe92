//! Semantic Versioning 2.0.0 precedence (semver.org §11), and Go module
//! versions, which are SemVer with a `v` prefix (go.dev/ref/mod#versions).
//!
//! A version is `MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]`:
//!
//! * major, minor and patch compare numerically (any length);
//! * a version with a pre-release sorts before the same version without one;
//! * pre-release identifiers are dot-separated and compare left to right:
//!   numeric identifiers numerically, alphanumeric ones in ASCII order, a
//!   numeric identifier before an alphanumeric one, and when all shared
//!   identifiers tie the longer list wins (`1.0.0-a < 1.0.0-a.0`);
//! * build metadata is ignored (`1.0.0+x = 1.0.0`).
//!
//! Lockfiles and OSV records are not always strict, so a leading `v`/`V` or
//! `=` is dropped and a missing minor or patch counts as 0 (`1.2 = 1.2.0`).
//!
//! Go adds nothing to the ordering: `+incompatible` is build metadata, and a
//! pseudo-version (`v0.0.0-20191109021931-daa7c04131f5`,
//! `v1.4.3-0.20191109021931-daa7c04131f5`, `v1.4.3-pre.0.2019…`) is an
//! ordinary pre-release of its base, built so that SemVer order is commit
//! order: above the previous tag, below the next release.
//!
//! Malformed input still orders: each core part contributes its leading
//! digits (none means 0), and a malformed version sorts after every
//! well-formed version it otherwise ties with, malformed ones among themselves
//! by their text. `=` therefore only holds between well-formed equivalents.

use super::cmp_numeric;
use std::cmp::Ordering;

/// A version split into its parts, borrowed from the input.
struct Version<'a> {
    core: [&'a str; 3],
    pre: Option<&'a str>,
    malformed: bool,
    text: &'a str,
}

/// The leading ASCII digits of `s`.
fn leading_digits(s: &str) -> &str {
    let end = s.bytes().position(|c| !c.is_ascii_digit()).unwrap_or(s.len());
    &s[..end]
}

/// A SemVer numeric identifier (NuGet's too).
pub(crate) fn is_number(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit())
}

/// A SemVer pre-release or build identifier: ASCII letters, digits and `-`.
fn is_identifier(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-')
}

/// `N.N.N[-label][+metadata]` with at most `PARTS` numeric parts (SemVer has
/// three, NuGet four): each part's leading digits (missing parts `0`), the
/// label, and whether anything broke the grammar (extra or non-numeric parts,
/// empty or invalid identifiers). Metadata is dropped: it never orders.
pub(crate) fn split_numbered<const PARTS: usize>(s: &str) -> ([&str; PARTS], Option<&str>, bool) {
    let (rest, metadata) = match s.split_once('+') {
        Some((rest, metadata)) => (rest, Some(metadata)),
        None => (s, None),
    };
    let (numbers, label) = match rest.split_once('-') {
        Some((numbers, label)) => (numbers, Some(label)),
        None => (rest, None),
    };
    let mut broken = [metadata, label].into_iter().flatten().any(|ids| !ids.split('.').all(is_identifier));
    let mut parts = ["0"; PARTS];
    for (i, part) in numbers.split('.').enumerate() {
        broken |= i >= PARTS || !is_number(part);
        if i < PARTS {
            parts[i] = leading_digits(part);
        }
    }
    (parts, label, broken)
}

fn parse(input: &str) -> Version<'_> {
    let text = input.trim();
    let mut s = text.strip_prefix('=').unwrap_or(text).trim_start();
    s = s.strip_prefix(['v', 'V']).unwrap_or(s);
    let mut malformed = s.is_empty();

    let (core, pre, broken) = split_numbered::<3>(s);
    malformed |= broken;
    Version { core, pre, malformed, text }
}

/// One pre-release identifier against another (§11.4.1–11.4.3).
fn cmp_identifier(a: &str, b: &str) -> Ordering {
    match (is_number(a), is_number(b)) {
        // `01` is not valid SemVer; it ties with `1` numerically and then
        // orders by its text so that only identical identifiers are equal.
        (true, true) => cmp_numeric(a, b).then_with(|| a.cmp(b)),
        (true, false) => Ordering::Less,
        (false, true) => Ordering::Greater,
        (false, false) => a.cmp(b),
    }
}

/// Pre-release precedence (§11.3, §11.4): none ranks above any.
fn cmp_pre(a: Option<&str>, b: Option<&str>) -> Ordering {
    match (a, b) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Greater,
        (Some(_), None) => Ordering::Less,
        (Some(a), Some(b)) => {
            let mut a = a.split('.');
            let mut b = b.split('.');
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

fn cmp_versions(a: &Version<'_>, b: &Version<'_>) -> Ordering {
    a.core
        .iter()
        .zip(b.core.iter())
        .map(|(x, y)| cmp_numeric(x, y))
        .find(|o| o.is_ne())
        .unwrap_or(Ordering::Equal)
        .then_with(|| cmp_pre(a.pre, b.pre))
        .then_with(|| a.malformed.cmp(&b.malformed))
        .then_with(|| if a.malformed { a.text.cmp(b.text) } else { Ordering::Equal })
}

/// SemVer 2.0.0 precedence: npm, crates.io, Hex, Pub.
pub fn compare(a: &str, b: &str) -> Ordering {
    cmp_versions(&parse(a), &parse(b))
}

/// Go module versions: SemVer precedence with or without the `v` prefix;
/// `+incompatible` is build metadata and pseudo-versions are pre-releases.
pub fn compare_go(a: &str, b: &str) -> Ordering {
    cmp_versions(&parse(a), &parse(b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use Ordering::{Equal, Greater, Less};

    #[test]
    fn core_and_leniency() {
        assert_eq!(compare("1.2.3", "1.2.3"), Equal);
        assert_eq!(compare("v1.2.3", "=1.2.3"), Equal);
        assert_eq!(compare("1.2", "1.2.0"), Equal);
        assert_eq!(compare("1", "1.0.0"), Equal);
        assert_eq!(compare("1.2.10", "1.2.9"), Greater);
        assert_eq!(compare("99999999999999999999.0.0", "99999999999999999998.0.0"), Greater);
    }

    #[test]
    fn prerelease_rules() {
        assert_eq!(compare("1.0.0-alpha", "1.0.0"), Less);
        assert_eq!(compare("1.0.0-2", "1.0.0-10"), Less);
        assert_eq!(compare("1.0.0-10", "1.0.0-a"), Less);
        assert_eq!(compare("1.0.0-a.b", "1.0.0-a"), Greater);
        assert_eq!(compare("1.0.0-Z", "1.0.0-a"), Less);
        assert_eq!(compare("1.0.0-a-b", "1.0.0-a"), Greater);
    }

    #[test]
    fn build_metadata_ignored() {
        assert_eq!(compare("1.0.0+a", "1.0.0+b"), Equal);
        assert_eq!(compare_go("v2.0.0+incompatible", "2.0.0"), Equal);
    }

    #[test]
    fn go_pseudo_versions() {
        let base = "v0.0.0-20200101000000-aaaaaaaaaaaa";
        assert_eq!(compare_go(base, "v0.0.0-20210101000000-000000000000"), Less);
        assert_eq!(compare_go(base, "v0.0.0"), Less);
        assert_eq!(compare_go("v1.2.4-0.20200101000000-aaaaaaaaaaaa", "v1.2.3"), Greater);
        assert_eq!(compare_go("v1.2.4-0.20200101000000-aaaaaaaaaaaa", "v1.2.4-0"), Greater);
        assert_eq!(compare_go("v1.2.4-rc.1.0.20200101000000-aaaaaaaaaaaa", "v1.2.4-rc.1"), Greater);
        assert_eq!(compare_go("v1.2.4-rc.1.0.20200101000000-aaaaaaaaaaaa", "v1.2.4-rc.2"), Less);
    }

    #[test]
    fn malformed_is_total_and_distinct() {
        assert_eq!(compare("", ""), Equal);
        assert_ne!(compare("1.0.0.0", "1.0.0"), Equal);
        assert_ne!(compare("1.0.0-", "1.0.0-a"), Equal);
        assert_eq!(compare("1.0.0x", "1.0.0"), Greater);
        assert_eq!(compare("1.0.0x", "1.0.1"), Less);
        assert_ne!(compare("garbage", "rubbish"), Equal);
    }

    const SAMPLE: &[&str] = &[
        "0.0.0-0",
        "0.0.0",
        "0.1",
        "0.1.0-alpha",
        "0.1.0-alpha.1",
        "0.1.0-alpha.beta",
        "0.1.0-beta.2",
        "0.1.0-beta.11",
        "0.1.0-rc.1",
        "0.1.0",
        "v0.1.0+build",
        "=0.1.1",
        "1",
        "1.0.0-01",
        "1.0.0-1",
        "1.0.0-0.20200101000000-abcdef123456",
        "1.0.0+incompatible",
        "1.0.0.0",
        "1.0",
        "2.0.0-RC",
        "2.0.0-rc",
        "10.0.0",
        "1.0.0-",
        "",
        "x.y.z",
        "1.2.3-a..b",
        "1.2.3+",
        "v",
        "1.2.3-a-b.c",
        "18446744073709551616.0.0",
    ];

    #[test]
    fn total_order_on_sample() {
        crate::version::testing::assert_total_order(compare, SAMPLE);
        crate::version::testing::assert_total_order(compare_go, SAMPLE);
    }
}
