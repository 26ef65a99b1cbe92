//! PEP 440 ordering (PyPI), as the "Version specifiers" specification of the
//! Python Packaging User Guide defines it and `packaging.version` implements it.
//!
//! A valid version is `[v][N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local]`, read
//! case-insensitively with the specification's alternative spellings:
//! `alpha`/`beta`/`c`/`pre`/`preview` for the pre-release labels, `rev`/`r` and
//! the implicit `-N` for post-releases, `-`, `_` and `.` as interchangeable
//! separators (or none), and an omitted number meaning zero. Ordering:
//!
//! - epoch first, then the release compared numerically with trailing zeros
//!   ignored (`1.0 == 1.0.0`);
//! - `X.devN < XaN < XbN < XrcN < X < X.postN`, where a dev release of a
//!   pre- or post-release sorts just before it (`1.0a1.dev1 < 1.0a1`) and a
//!   dev release of the release itself before all its pre-releases;
//! - a local label sorts after the same public version without one; its
//!   segments compare one by one, numbers numerically and above strings,
//!   strings lexically, and a longer label whose start matches a shorter one
//!   sorts after it.
//!
//! Anything else is a "legacy" version, ordered below every valid version by
//! the old setuptools `LegacyVersion` key: runs of digits and of letters, with
//! `pre`/`preview`/`rc` read as `c`, `dev` sorting before letters, `-` as
//! `final-`, and trailing zeros of each run of numbers dropped. Numbers in
//! both forms compare by value at any length, so nothing overflows.

use super::cmp_numeric;
use std::cmp::Ordering;

pub fn compare(a: &str, b: &str) -> Ordering {
    let (a, b) = (a.trim().to_lowercase(), b.trim().to_lowercase());
    match (parse(&a), parse(&b)) {
        (Some(x), Some(y)) => compare_valid(&x, &y),
        (Some(_), None) => Ordering::Greater,
        (None, Some(_)) => Ordering::Less,
        (None, None) => compare_legacy(&legacy_key(&a), &legacy_key(&b)),
    }
}

/// A valid version; numbers are ASCII digit strings with leading zeros
/// removed (so `""` is zero).
#[derive(Debug)]
struct Version<'a> {
    epoch: &'a str,
    /// Without trailing zeros.
    release: Vec<&'a str>,
    /// `(0 = a | 1 = b | 2 = rc, number)`.
    pre: Option<(u8, &'a str)>,
    post: Option<&'a str>,
    dev: Option<&'a str>,
    local: Option<Vec<&'a str>>,
}

fn num(s: &str) -> &str {
    s.trim_start_matches('0')
}

fn is_sep(c: Option<&u8>) -> bool {
    matches!(c, Some(b'-' | b'_' | b'.'))
}

/// Parses the specification's `VERSION_PATTERN` from a trimmed, lowercased
/// string; `None` when it does not match as a whole.
fn parse(s: &str) -> Option<Version<'_>> {
    let b = s.as_bytes();
    let digits_end =
        |from: usize| from + b[from.min(b.len())..].iter().take_while(|c| c.is_ascii_digit()).count();
    let digit_at = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);

    let mut i = usize::from(b.first() == Some(&b'v'));
    let mut epoch = "";
    let mut end = digits_end(i);
    if end == i {
        return None;
    }
    if b.get(end) == Some(&b'!') {
        epoch = num(&s[i..end]);
        i = end + 1;
        end = digits_end(i);
        if end == i {
            return None;
        }
    }
    let mut release = vec![num(&s[i..end])];
    i = end;
    while b.get(i) == Some(&b'.') && digit_at(i + 1) {
        end = digits_end(i + 1);
        release.push(num(&s[i + 1..end]));
        i = end;
    }
    while release.last() == Some(&"") {
        release.pop();
    }

    // `[-_.]? label [-_.]? N?`: the label's position and length, the
    // number, and where the group ends. Labels are tried in the pattern's
    // order, so `alpha` wins over `a` and `preview` over `pre`.
    let labelled = |at: usize, labels: &[&str]| -> Option<(usize, &str, usize)> {
        let start = at + usize::from(is_sep(b.get(at)));
        let (index, label) =
            labels.iter().enumerate().find(|(_, l)| b[start.min(b.len())..].starts_with(l.as_bytes()))?;
        let mut k = start + label.len();
        let mut number = "";
        if is_sep(b.get(k)) && digit_at(k + 1) {
            k += 1;
        }
        if digit_at(k) {
            let e = digits_end(k);
            number = num(&s[k..e]);
            k = e;
        } else if is_sep(b.get(k)) {
            // The pattern's optional separator with no number after it.
            k += 1;
        }
        Some((index, number, k))
    };

    const PRE: [&str; 8] = ["alpha", "a", "beta", "b", "preview", "pre", "c", "rc"];
    let mut pre = None;
    if let Some((index, number, k)) = labelled(i, &PRE) {
        let kind = match PRE[index] {
            "alpha" | "a" => 0,
            "beta" | "b" => 1,
            _ => 2,
        };
        pre = Some((kind, number));
        i = k;
    }

    let mut post = None;
    if b.get(i) == Some(&b'-') && digit_at(i + 1) {
        end = digits_end(i + 1);
        post = Some(num(&s[i + 1..end]));
        i = end;
    } else if let Some((_, number, k)) = labelled(i, &["post", "rev", "r"]) {
        post = Some(number);
        i = k;
    }

    let mut dev = None;
    if let Some((_, number, k)) = labelled(i, &["dev"]) {
        dev = Some(number);
        i = k;
    }

    let mut local = None;
    if b.get(i) == Some(&b'+') {
        let label = &s[i + 1..];
        let segments: Vec<&str> = label.split(['-', '_', '.']).collect();
        if segments
            .iter()
            .any(|seg| seg.is_empty() || !seg.bytes().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()))
        {
            return None;
        }
        local = Some(segments);
        i = s.len();
    }

    (i == s.len()).then_some(Version { epoch, release, pre, post, dev, local })
}

fn compare_valid(x: &Version, y: &Version) -> Ordering {
    cmp_numeric(x.epoch, y.epoch)
        .then_with(|| compare_release(&x.release, &y.release))
        .then_with(|| pre_key(x).cmp(&pre_key(y)).then_with(|| cmp_numeric(pre_num(x), pre_num(y))))
        .then_with(|| match (x.post, y.post) {
            (None, None) => Ordering::Equal,
            (None, Some(_)) => Ordering::Less,
            (Some(_), None) => Ordering::Greater,
            (Some(p), Some(q)) => cmp_numeric(p, q),
        })
        .then_with(|| match (x.dev, y.dev) {
            (None, None) => Ordering::Equal,
            (None, Some(_)) => Ordering::Greater,
            (Some(_), None) => Ordering::Less,
            (Some(p), Some(q)) => cmp_numeric(p, q),
        })
        .then_with(|| match (&x.local, &y.local) {
            (None, None) => Ordering::Equal,
            (None, Some(_)) => Ordering::Less,
            (Some(_), None) => Ordering::Greater,
            (Some(p), Some(q)) => compare_local(p, q),
        })
}

fn compare_release(a: &[&str], b: &[&str]) -> Ordering {
    for (p, q) in a.iter().zip(b) {
        let c = cmp_numeric(p, q);
        if c != Ordering::Equal {
            return c;
        }
    }
    a.len().cmp(&b.len())
}

/// The pre-release slot: a dev release of the bare release sorts below all
/// pre-releases (0), a pre-release by its label (1..=3), no pre-release
/// above them (4).
fn pre_key(v: &Version) -> u8 {
    match v.pre {
        Some((kind, _)) => 1 + kind,
        None if v.post.is_none() && v.dev.is_some() => 0,
        None => 4,
    }
}

fn pre_num<'a>(v: &Version<'a>) -> &'a str {
    v.pre.map_or("", |(_, n)| n)
}

fn compare_local(a: &[&str], b: &[&str]) -> Ordering {
    let numeric = |s: &str| s.bytes().all(|c| c.is_ascii_digit());
    for (p, q) in a.iter().zip(b) {
        let c = match (numeric(p), numeric(q)) {
            (true, true) => cmp_numeric(num(p), num(q)),
            (true, false) => Ordering::Greater,
            (false, true) => Ordering::Less,
            (false, false) => p.cmp(q),
        };
        if c != Ordering::Equal {
            return c;
        }
    }
    a.len().cmp(&b.len())
}

/// A part of a legacy key: any string sorts below any number (`*` < `0` in
/// the original zero-padded strings).
#[derive(Debug, PartialEq, Eq)]
enum Legacy<'a> {
    Str(&'a str),
    Num(&'a str),
}

fn legacy_key(s: &str) -> Vec<Legacy<'_>> {
    let b = s.as_bytes();
    let mut key: Vec<Legacy> = Vec::new();
    let token = |c: u8| c.is_ascii_digit() || c.is_ascii_lowercase() || c == b'.' || c == b'-';
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let start = i;
        if c.is_ascii_digit() {
            i += b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
            push(&mut key, Legacy::Num(num(&s[start..i])));
            continue;
        }
        if c.is_ascii_lowercase() {
            i += b[i..].iter().take_while(|c| c.is_ascii_lowercase()).count();
            let part = match &s[start..i] {
                "pre" | "preview" | "rc" => "c",
                "dev" => "@",
                other => other,
            };
            push(&mut key, Legacy::Str(part));
            continue;
        }
        i += 1;
        match c {
            b'.' => {}
            b'-' => push(&mut key, Legacy::Str("final-")),
            _ => {
                // Text between tokens is kept as one part.
                while i < b.len() && !token(b[i]) {
                    i += 1;
                }
                push(&mut key, Legacy::Str(&s[start..i]));
            }
        }
    }
    push(&mut key, Legacy::Str("final"));
    key
}

fn push<'a>(key: &mut Vec<Legacy<'a>>, part: Legacy<'a>) {
    if let Legacy::Str(text) = part {
        // A `-` before a pre-release tag is dropped.
        if text < "final" {
            while key.last() == Some(&Legacy::Str("final-")) {
                key.pop();
            }
        }
        // Trailing zeros of a run of numbers are dropped.
        while key.last() == Some(&Legacy::Num("")) {
            key.pop();
        }
    }
    key.push(part);
}

fn compare_legacy(a: &[Legacy], b: &[Legacy]) -> Ordering {
    for (p, q) in a.iter().zip(b) {
        let c = match (p, q) {
            (Legacy::Num(x), Legacy::Num(y)) => cmp_numeric(x, y),
            (Legacy::Num(_), Legacy::Str(_)) => Ordering::Greater,
            (Legacy::Str(_), Legacy::Num(_)) => Ordering::Less,
            (Legacy::Str(x), Legacy::Str(y)) => x.cmp(y),
        };
        if c != Ordering::Equal {
            return c;
        }
    }
    a.len().cmp(&b.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use Ordering::{Equal, Greater, Less};

    fn check(a: &str, b: &str, want: Ordering) {
        crate::version::testing::check(compare, a, b, want);
    }

    #[test]
    fn normalised_spellings_are_equal() {
        for (a, b) in [
            ("1.1.0", "1.1"),
            ("1.1PREVIEW2", "1.1rc2"),
            ("1.1-pre.2", "1.1rc2"),
            ("1.1_alpha_0", "1.1a"),
            ("1.1.r", "1.1.post0"),
            ("1.1-7", "1.1.post7"),
            ("1.1dev", "1.1.dev0"),
            ("V1.1", "1.1"),
            ("  1.1\n", "1.1"),
            ("01.001", "1.1"),
            ("1.1+Ubuntu-1", "1.1+ubuntu.1"),
            ("1.1+abc.007", "1.1+abc.7"),
            ("1.1a-", "1.1a0"),
        ] {
            check(a, b, Equal);
        }
    }

    #[test]
    fn dev_of_release_sorts_before_its_pre_releases() {
        check("1.1.dev9", "1.1a0", Less);
        check("1.1a0.dev9", "1.1a0", Less);
        check("1.1a0.dev9", "1.1.dev9", Greater);
        check("1.1.post0.dev0", "1.1", Greater);
        check("1.1.post0.dev0", "1.1.post0", Less);
        check("1.1rc1.post1", "1.1", Less);
        check("1.1rc1.post1", "1.1rc2.dev0", Less);
    }

    #[test]
    fn local_segments() {
        check("1.1+a", "1.1", Greater);
        check("1.1+a", "1.1+a.0", Less);
        check("1.1+1", "1.1+z", Greater);
        check("1.1+b", "1.1+ab", Greater);
        check("1.1+9", "1.1+10", Less);
        check("1.1+a", "1.1.post0", Less);
    }

    #[test]
    fn huge_numbers_compare_by_value() {
        check("99999999999999999999999999", "100000000000000000000000000", Less);
        check("1!0", "99999999999999999999999999", Greater);
        check("1.0.post18446744073709551616", "1.0.post18446744073709551615", Greater);
    }

    #[test]
    fn legacy_versions_sort_first_and_among_themselves() {
        check("french toast", "0.0.dev0", Less);
        check("1.0-SNAPSHOT", "0", Less);
        check("2004e", "2004d", Greater);
        check("2004d", "2004c", Less);
        check("1.0_beta", "1.0_beta", Equal);
        check("1.0.0x", "1.0x", Equal);
        check("1.0-dev-r1", "1.0-r1", Less);
        check("", "0", Less);
        check("1.0+", "1.0+a", Less);
        check("1!", "1!x", Less);
    }

    #[test]
    fn total_order() {
        crate::version::testing::assert_total_order(
            compare,
            &[
                "1.0",
                "1.0.0",
                "v1.0",
                "1!0.1",
                "0!1.0",
                "1.0.dev0",
                "1.0.dev1",
                "1.0a0.dev0",
                "1.0a",
                "1.0a1",
                "1.0alpha1.post1",
                "1.0b1",
                "1.0c1",
                "1.0rc1.dev3",
                "1.0rc2",
                "1.0.post0.dev0",
                "1.0-1",
                "1.0.post2",
                "1.0+0",
                "1.0+a",
                "1.0+a.1",
                "1.0+1.a",
                "1.0.1",
                "2",
                "10.0",
                "junk",
                "",
                "1.0-snapshot",
                "1.0.x",
                "dev",
                "1!",
                "1.0+",
            ],
        );
    }
}
