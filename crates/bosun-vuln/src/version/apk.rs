//! apk-tools version ordering: Alpine, Wolfi, Chainguard.
//!
//! An apk version is `digit{.digit}...{letter}{_suffix{number}}...{~hash}{-rN}`
//! (apk-tools `version.c`, `apk version -t`). Both strings are read token by
//! token and compared while the token kinds agree:
//!
//! * the first number and every `_suffix` number and `-rN` revision compare
//!   numerically;
//! * a later `.`-separated number compares numerically, unless either side
//!   has a leading zero: then the digit strings compare as strings (the Gentoo
//!   rule, so `1.05 < 1.1` and `1.01 < 1.1`);
//! * the single letter after the last number compares by value (`1.2a < 1.2b`);
//! * suffixes compare by their documented order, pre-releases first:
//!   `_alpha < _beta < _pre < _rc < (none) < _cvs < _svn < _git < _hg < _p`;
//! * a `~hash` commit suffix compares as a string.
//!
//! When one version runs into a different kind of token than the other, a
//! pre-release suffix makes its side the lesser; otherwise the side whose next
//! token comes later in the grammar (a revision rather than another number,
//! the end rather than a suffix, ...) is the lesser, so `1.2 < 1.2.1`,
//! `1.2 < 1.2_p1`, `1.2_rc1 < 1.2`, `1.2a < 1.2.1`.
//!
//! A version the grammar rejects is read up to its first bad token, which
//! sorts after a pre-release suffix and before everything else at that
//! position (apk's own `invalid` position). Two versions that go bad at the
//! same place are ordered by the rest of their bytes, so `=` is kept for
//! versions apk treats as the same.

use super::cmp_digits;
use std::cmp::Ordering;

/// Token kinds in grammar order; a later kind where the other side has an
/// earlier one makes the version the lesser.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    InitialDigit,
    Digit,
    Letter,
    Suffix,
    SuffixNo,
    CommitHash,
    RevisionNo,
    End,
    Invalid,
}

/// Suffixes in their documented order; the first four are pre-releases, the
/// rest post-releases (a bare version sits between the two groups).
const SUFFIXES: [&[u8]; 9] = [b"alpha", b"beta", b"pre", b"rc", b"cvs", b"svn", b"git", b"hg", b"p"];
const PRE_RELEASES: usize = 4;

#[derive(Clone, Copy)]
struct Token<'a> {
    kind: Kind,
    /// The token's text (digits, letter, suffix name, hash), or for an
    /// invalid token everything from where it starts.
    value: &'a [u8],
    /// Index into `SUFFIXES` for a suffix token.
    suffix: usize,
}

impl Token<'_> {
    fn is_pre_release(&self) -> bool {
        self.kind == Kind::Suffix && self.suffix < PRE_RELEASES
    }
}

/// Reads a version token by token, validating the grammar as apk does.
struct Tokens<'a> {
    rest: &'a [u8],
    previous: Option<Kind>,
}

impl<'a> Tokens<'a> {
    fn new(version: &'a str) -> Self {
        Tokens { rest: version.as_bytes(), previous: None }
    }

    fn take(&mut self, n: usize) -> &'a [u8] {
        let (taken, rest) = self.rest.split_at(n);
        self.rest = rest;
        taken
    }

    fn take_while(&mut self, f: impl Fn(u8) -> bool) -> &'a [u8] {
        let n = self.rest.iter().take_while(|&&c| f(c)).count();
        self.take(n)
    }

    fn next_token(&mut self) -> Token<'a> {
        let start = self.rest;
        let token = self.read();
        self.previous = Some(token.kind);
        match token {
            Token { kind: Kind::Invalid, .. } => {
                self.rest = &[];
                Token { value: start, ..token }
            }
            Token {
                kind: Kind::InitialDigit | Kind::Digit | Kind::SuffixNo | Kind::RevisionNo,
                value: [],
                ..
            } => {
                self.rest = &[];
                Token { kind: Kind::Invalid, value: start, suffix: 0 }
            }
            token => token,
        }
    }

    fn read(&mut self) -> Token<'a> {
        let token = |kind, value| Token { kind, value, suffix: 0 };
        let invalid = token(Kind::Invalid, &[][..]);
        let Some(previous) = self.previous else {
            return token(Kind::InitialDigit, self.take_while(|c| c.is_ascii_digit()));
        };
        let Some(&first) = self.rest.first() else {
            return token(Kind::End, &[][..]);
        };
        match first {
            b'a'..=b'z' if previous <= Kind::Digit => token(Kind::Letter, self.take(1)),
            b'.' | b'0'..=b'9' if previous <= Kind::Digit || (first != b'.' && previous == Kind::Suffix) => {
                if first == b'.' {
                    self.take(1);
                }
                let kind = if previous == Kind::Suffix { Kind::SuffixNo } else { Kind::Digit };
                token(kind, self.take_while(|c| c.is_ascii_digit()))
            }
            b'_' if previous <= Kind::SuffixNo => {
                self.take(1);
                let name = self.take_while(|c| c.is_ascii_lowercase());
                match SUFFIXES.iter().position(|s| *s == name) {
                    Some(suffix) => Token { kind: Kind::Suffix, value: name, suffix },
                    None => invalid,
                }
            }
            b'~' if previous < Kind::CommitHash => {
                self.take(1);
                match self.take_while(|c| c.is_ascii_hexdigit()) {
                    [] => invalid,
                    hash => token(Kind::CommitHash, hash),
                }
            }
            b'-' if previous < Kind::RevisionNo && self.rest.starts_with(b"-r") => {
                self.take(2);
                token(Kind::RevisionNo, self.take_while(|c| c.is_ascii_digit()))
            }
            _ => invalid,
        }
    }
}

/// Compares two tokens of the same kind.
fn compare_tokens(a: &Token, b: &Token) -> Ordering {
    match a.kind {
        Kind::Digit if a.value.starts_with(b"0") || b.value.starts_with(b"0") => a.value.cmp(b.value),
        Kind::InitialDigit | Kind::Digit | Kind::SuffixNo | Kind::RevisionNo => cmp_digits(a.value, b.value),
        Kind::Suffix => a.suffix.cmp(&b.suffix),
        Kind::Letter | Kind::CommitHash | Kind::Invalid => a.value.cmp(b.value),
        Kind::End => Ordering::Equal,
    }
}

pub fn compare(a: &str, b: &str) -> Ordering {
    let (mut ta, mut tb) = (Tokens::new(a), Tokens::new(b));
    loop {
        let (x, y) = (ta.next_token(), tb.next_token());
        if x.kind == y.kind {
            let order = compare_tokens(&x, &y);
            if order != Ordering::Equal || x.kind >= Kind::End {
                return order;
            }
            continue;
        }
        if x.is_pre_release() {
            return Ordering::Less;
        }
        if y.is_pre_release() {
            return Ordering::Greater;
        }
        return y.kind.cmp(&x.kind);
    }
}

#[cfg(test)]
mod tests {
    use super::compare;
    use std::cmp::Ordering::{self, Equal, Greater, Less};

    fn check(a: &str, b: &str, want: Ordering) {
        crate::version::testing::check(compare, a, b, want);
    }

    #[test]
    fn suffix_order() {
        let chain = [
            "2.0_alpha",
            "2.0_alpha3",
            "2.0_beta",
            "2.0_pre2",
            "2.0_rc",
            "2.0",
            "2.0_cvs",
            "2.0_svn",
            "2.0_git",
            "2.0_hg",
            "2.0_p",
            "2.0_p1",
        ];
        for pair in chain.windows(2) {
            check(pair[0], pair[1], Less);
        }
        check("2.0_rc1_p1", "2.0_rc1", Greater);
        check("2.0_rc1_p1", "2.0", Less);
        check("2.0_p1_rc1", "2.0_p1", Less);
    }

    #[test]
    fn leading_zero_compares_as_string() {
        check("1.05", "1.1", Less);
        check("1.01", "1.1", Less);
        check("1.010", "1.01", Greater);
        check("1.0", "1.00", Less);
        check("01.1", "1.1", Equal);
    }

    #[test]
    fn token_kind_decides_when_values_agree() {
        check("1.2a", "1.2.1", Less);
        check("1.2", "1.2a", Less);
        check("1.2", "1.2-r0", Less);
        check("1.2-r0", "1.2_p0", Less);
        check("1.2~ab12", "1.2", Greater);
        check("1.2~ab12-r1", "1.2~ab12", Greater);
        check("1.2~ab12", "1.2-r5", Greater);
        check("1.2-r01", "1.2-r1", Equal);
    }

    #[test]
    fn invalid_versions() {
        // a bad token sorts after a pre-release suffix and before the end
        check("1.2_foo", "1.2", Less);
        check("1.2_foo", "1.2_rc1", Greater);
        check("1.2.", "1.2", Less);
        check("1.2-1", "1.2", Less);
        check("1.2a.1", "1.2a", Less);
        check("1.2-r", "1.2", Less);
        check("abc", "0", Less);
        check("", "0", Less);
        // invalid at the same place: the rest decides, never `=`
        check("1.2_foo", "1.2_bar", Greater);
        check("1.2_foo", "1.2_foo", Equal);
        check("1.2_foo", "1.3_foo", Less);
    }

    #[test]
    fn total_order_on_a_sample() {
        let sample = [
            "",
            "0",
            "1",
            "1.0",
            "1.00",
            "1.01",
            "1.05",
            "1.1",
            "1.1a",
            "1.1z",
            "1.1.1",
            "1.1_alpha",
            "1.1_alpha2",
            "1.1_beta",
            "1.1_pre",
            "1.1_rc3",
            "1.1_cvs",
            "1.1_svn",
            "1.1_git",
            "1.1_hg",
            "1.1_p",
            "1.1_p1-r2",
            "1.1-r0",
            "1.1-r10",
            "1.1~beef",
            "1.1~beef-r1",
            "1.1_foo",
            "1.1-x",
            "x",
            "1.1a.1",
            "1.1_rc1_p1",
        ];
        crate::version::testing::assert_total_order(compare, &sample);
    }
}
