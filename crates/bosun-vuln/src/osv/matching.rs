//! Being written (issue 5): whether an advisory applies to a package version,
//! under OSV semantics, and the vulnerabilities a package has once aliases are
//! merged.

use super::Advisory;
use crate::inventory::Package;

/// How bad, from the advisory's CVSS vectors (computed) or its database's own word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, serde::Serialize)]
pub enum Level {
    #[default]
    Unknown,
    Low,
    Medium,
    High,
    Critical,
}

/// The severity of one vulnerability and where it came from.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Rating {
    pub level: Level,
    /// CVSS base score, when a vector gave it.
    pub score: Option<f64>,
    /// The vector it was computed from (`CVSS:3.1/AV:N/...`).
    pub vector: Option<String>,
}

/// Why an advisory applies to a package version.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Affects {
    /// Every `fixed` version of the ranges that hold the version, in ecosystem order.
    pub fixed_versions: Vec<String>,
    /// The lowest fixed version above the package's version.
    pub nearest_fix: Option<String>,
}

/// Whether `advisory` applies to `package` (ecosystem, name and version).
pub fn affects(advisory: &Advisory, package: &Package) -> Option<Affects> {
    let _ = (advisory, package);
    None
}

/// One vulnerability of a package: advisories that are aliases of each other merged.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Vulnerability {
    /// The id reported (`rule_id`): the advisory's own OSV id.
    pub id: String,
    /// Every other id for the same vulnerability (CVE, GHSA, merged advisories' ids).
    pub aliases: Vec<String>,
    pub summary: Option<String>,
    pub rating: Rating,
    pub fixed_versions: Vec<String>,
    pub nearest_fix: Option<String>,
}

/// The vulnerabilities `package` has among `advisories` (those of its
/// ecosystem and name), withdrawn ones skipped, aliases merged.
pub fn find<'a>(advisories: impl IntoIterator<Item = &'a Advisory>, package: &Package) -> Vec<Vulnerability> {
    let _ = (advisories.into_iter().count(), package);
    Vec::new()
}
