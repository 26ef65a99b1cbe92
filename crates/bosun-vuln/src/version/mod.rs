//! Version ordering, one scheme per ecosystem family, each by its own
//! documented rules: an OSV range (`introduced`/`fixed`) is only as right as the
//! comparison behind it.
//!
//! Every scheme is total: any two strings compare, malformed ones included
//! (they sort by the scheme's own fallback rules), because advisory data and
//! lockfiles both contain versions no spec allows.

use std::cmp::Ordering;
use std::fmt;

pub mod apk;
pub mod dpkg;
pub mod maven;
pub mod nuget;
pub mod packagist;
pub mod pep440;
pub mod rpm;
pub mod rubygems;
pub mod semver;

/// An ordering scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scheme {
    /// Semantic Versioning 2.0.0: npm, crates.io, Hex, Pub, NuGet-less SemVer users.
    SemVer,
    /// Go modules: SemVer with a `v` prefix, pseudo-versions and `+incompatible`.
    Go,
    /// PEP 440: PyPI.
    Pep440,
    /// Maven's ComparableVersion.
    Maven,
    /// RubyGems' Gem::Version.
    RubyGems,
    /// NuGet's SemVer 2.0 with four-part versions.
    NuGet,
    /// Composer's version_compare-based ordering.
    Packagist,
    /// dpkg: Debian, Ubuntu.
    Dpkg,
    /// apk-tools: Alpine, Wolfi, Chainguard.
    Apk,
    /// rpmvercmp: Red Hat, AlmaLinux, Rocky Linux, openSUSE, SUSE, Mariner.
    Rpm,
}

impl Scheme {
    /// The scheme for an OSV ecosystem name (`npm`, `PyPI`, `Debian:12`,
    /// `Alpine:v3.20`, ...), or `None` for ecosystems bosun does not order.
    pub fn for_ecosystem(ecosystem: &str) -> Option<Scheme> {
        let base = ecosystem.split(':').next().unwrap_or(ecosystem).trim();
        let scheme = match base.to_ascii_lowercase().as_str() {
            "npm" | "crates.io" | "cargo" | "hex" | "pub" | "swifturl" | "bitnami" => Scheme::SemVer,
            "go" | "golang" => Scheme::Go,
            "pypi" | "python" => Scheme::Pep440,
            "maven" => Scheme::Maven,
            "rubygems" | "gem" => Scheme::RubyGems,
            "nuget" => Scheme::NuGet,
            "packagist" | "composer" => Scheme::Packagist,
            "debian" | "ubuntu" | "deb" | "dpkg" => Scheme::Dpkg,
            "alpine" | "wolfi" | "chainguard" | "apk" => Scheme::Apk,
            "red hat" | "redhat" | "almalinux" | "rocky linux" | "rocky" | "opensuse" | "suse"
            | "mariner" | "azure linux" | "rpm" | "fedora" | "centos" | "oracle linux" | "mageia"
            | "openeuler" | "amazon linux" | "photon os" => Scheme::Rpm,
            _ => return None,
        };
        Some(scheme)
    }

    pub fn compare(self, a: &str, b: &str) -> Ordering {
        match self {
            Scheme::SemVer => semver::compare(a, b),
            Scheme::Go => semver::compare_go(a, b),
            Scheme::Pep440 => pep440::compare(a, b),
            Scheme::Maven => maven::compare(a, b),
            Scheme::RubyGems => rubygems::compare(a, b),
            Scheme::NuGet => nuget::compare(a, b),
            Scheme::Packagist => packagist::compare(a, b),
            Scheme::Dpkg => dpkg::compare(a, b),
            Scheme::Apk => apk::compare(a, b),
            Scheme::Rpm => rpm::compare(a, b),
        }
    }
}

/// Compares two runs of ASCII digits as numbers of any length (leading zeros
/// ignored): every scheme has version parts longer than a `u64`.
pub(crate) fn cmp_digits(a: &[u8], b: &[u8]) -> Ordering {
    let strip = |s: &[u8]| s.iter().take_while(|&&c| c == b'0').count();
    let (a, b) = (&a[strip(a)..], &b[strip(b)..]);
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}

/// [`cmp_digits`] on strings.
pub(crate) fn cmp_numeric(a: &str, b: &str) -> Ordering {
    cmp_digits(a.as_bytes(), b.as_bytes())
}

/// `<`, `=` or `>`, as `bosun version compare` prints it.
pub struct Symbol(pub Ordering);

impl fmt::Display for Symbol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self.0 {
            Ordering::Less => "<",
            Ordering::Equal => "=",
            Ordering::Greater => ">",
        })
    }
}

/// Checks every scheme's tests share.
#[cfg(test)]
pub(crate) mod testing {
    use std::cmp::Ordering::{self, Equal};

    pub type Compare = fn(&str, &str) -> Ordering;

    /// `compare(a, b)` is `want`, and `compare(b, a)` its reverse.
    pub fn check(compare: Compare, a: &str, b: &str, want: Ordering) {
        assert_eq!(compare(a, b), want, "{a} vs {b}");
        assert_eq!(compare(b, a), want.reverse(), "{b} vs {a}");
    }

    /// Reflexive, antisymmetric and transitive over every pair and triple of
    /// `sample` (equality included: `a = b` and `b < c` give `a < c`).
    pub fn assert_total_order(compare: Compare, sample: &[&str]) {
        for a in sample {
            assert_eq!(compare(a, a), Equal, "{a} vs itself");
            for b in sample {
                let ab = compare(a, b);
                assert_eq!(compare(b, a), ab.reverse(), "{a} vs {b}");
                for c in sample {
                    let implied = match (ab, compare(b, c)) {
                        (Equal, x) | (x, Equal) => x,
                        (x, y) if x == y => x,
                        _ => continue,
                    };
                    assert_eq!(compare(a, c), implied, "{a} vs {c} (through {b})");
                }
            }
        }
    }
}
