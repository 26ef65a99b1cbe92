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
            | "mariner" | "azure linux" | "rpm" | "fedora" | "centos" | "oracle linux" => Scheme::Rpm,
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
