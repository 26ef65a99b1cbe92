//! Whether an advisory applies to a package version, under the OSV schema's
//! evaluation rules (https://ossf.github.io/osv-schema/#evaluation), and the
//! vulnerabilities a package has once advisories for the same one are merged.
//!
//! Which `affected[]` entries are the package's:
//!
//! * the ecosystem must be the same string: `Debian:12` advisories apply to
//!   `Debian:12` packages, `Alpine:v3.11` ones to `Alpine:v3.11`. A package
//!   whose release is unknown (bare `Debian` or `Alpine`, when the image had no
//!   `/etc/os-release` or `alpine-release`) matches no release-specific
//!   advisory: fixes land in each release at different versions, so guessing
//!   a release would report wrong fixes or miss vulnerabilities;
//! * names compare as the ecosystem's registry does ([`normalize_name`]);
//! * OS packages (those with a `source_name`) are looked up by their source
//!   package, as distributions publish advisories for source packages (Debian
//!   `Source:`, Alpine `o:`), with the source package's version when the
//!   database gives one (Debian binNMUs and packages built from a differently
//!   versioned source).
//!
//! Which versions are affected: those listed in `versions` (the same string),
//! and those inside a `SEMVER` or `ECOSYSTEM` range. A range's events are put
//! in version order (`introduced: "0"` first); a version is affected from an
//! `introduced` up to the next `fixed` (excluded) or `last_affected`
//! (included); when a range has `limit` events, only versions below one of
//! them can be affected (`"*"` is no limit). `SEMVER` ranges compare by
//! SemVer 2.0 (Go's have no `v`; bosun's SemVer ignores one anyway);
//! `ECOSYSTEM` ranges by the ecosystem's own ordering, and in ecosystems bosun
//! cannot order only the `versions` list counts. `GIT` ranges name commits,
//! which a lockfile does not record: they are ignored.
//!
//! Broken data: a `SEMVER`/`ECOSYSTEM` range with an event value that is not a
//! version (empty, or a commit hash, as a few PyPI records have) is ignored as
//! a whole, because dropping the one event could turn `introduced: 0, fixed:
//! <hash>` into "every version is affected". Withdrawn advisories never match.

use super::severity;
use super::{Advisory, Affected, Range};
use crate::inventory::{normalize_name, Package};
use crate::version::Scheme;
use std::cmp::Ordering;
use std::collections::HashMap;

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

impl Rating {
    /// Higher level first, then higher score (a score beats none).
    fn outranks(&self, other: &Rating) -> bool {
        let score = |r: &Rating| r.score.unwrap_or(f64::NEG_INFINITY);
        self.level.cmp(&other.level).then(score(self).total_cmp(&score(other))) == Ordering::Greater
    }
}

/// Why an advisory applies to a package version.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Affects {
    /// Every `fixed` version of the package's `SEMVER`/`ECOSYSTEM` ranges in
    /// the advisory, in ecosystem order, without repeats.
    pub fixed_versions: Vec<String>,
    /// The lowest fixed version above the package's version.
    pub nearest_fix: Option<String>,
}

/// Whether `advisory` applies to `package` (ecosystem, name and version).
pub fn affects(advisory: &Advisory, package: &Package) -> Option<Affects> {
    let target = Target::of(package);
    let hit = target.hit(advisory)?;
    Some(target.affects(hit.fixed))
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
/// ecosystem and name), withdrawn ones skipped, aliases merged, ordered by id.
///
/// Advisories are one vulnerability when their ids meet: one's id is another's
/// alias, two share an alias (a PYSEC and a GHSA record both naming one CVE),
/// or share an `upstream` id (distribution records name their CVE there); the
/// relation is followed transitively. The merged finding's `id` is one of the
/// matched records' ids, chosen by [`reported_id_rank`]; `aliases` holds every
/// other id of the group; fixed versions are the union; the rating is the
/// highest; the summary is the reported record's, or the next record's that
/// has one.
pub fn find<'a>(advisories: impl IntoIterator<Item = &'a Advisory>, package: &Package) -> Vec<Vulnerability> {
    let target = Target::of(package);
    let hits: Vec<Hit<'a>> = advisories.into_iter().filter_map(|advisory| target.hit(advisory)).collect();
    if hits.is_empty() {
        return Vec::new();
    }
    let mut groups = group_by_shared_ids(&hits);
    let mut found: Vec<Vulnerability> =
        groups.iter_mut().map(|members| target.merge(&hits, members)).collect();
    found.sort_by(|a, b| natural_cmp(&a.id, &b.id));
    found
}

/// How strongly an id is preferred as the one a merged finding reports; lower
/// wins, ties go to the lowest id in natural order (the oldest, usually):
///
/// 0. the package ecosystem's own database (PYSEC for PyPI, GO for Go, RUSTSEC
///    for crates.io, DSA/DLA/DEBIAN for Debian, ALPINE for Alpine, ...), whose
///    record is written for exactly this package;
/// 1. GHSA, the reviewed database for the ecosystems without one of their own
///    (npm, Maven, NuGet, Packagist, RubyGems, ...);
/// 2. any other database (including unregistered `x_` ids);
/// 3. CVE, the least specific.
pub fn reported_id_rank(id: &str, ecosystem: &str) -> u8 {
    let prefix = id.split('-').next().unwrap_or(id);
    let base = ecosystem.split(':').next().unwrap_or(ecosystem);
    let home: &[&str] = match base {
        "PyPI" => &["PYSEC"],
        "Go" => &["GO"],
        "crates.io" => &["RUSTSEC"],
        "Hex" => &["EEF"],
        "Hackage" | "GHC" => &["HSEC"],
        "Julia" => &["JLSEC"],
        "Alpine" => &["ALPINE"],
        "Debian" => &["DSA", "DLA", "DTSA", "DEBIAN"],
        "Ubuntu" => &["USN", "UBUNTU"],
        "AlmaLinux" => &["ALSA", "ALBA", "ALEA"],
        "Rocky Linux" => &["RLSA", "RXSA"],
        "Red Hat" => &["RHSA", "RHBA", "RHEA"],
        "SUSE" | "openSUSE" => &["SUSE", "openSUSE"],
        "Chainguard" | "Wolfi" => &["CGA"],
        "Mageia" => &["MGASA"],
        "Bitnami" => &["BIT"],
        _ => &[],
    };
    match prefix {
        _ if home.contains(&prefix) => 0,
        "GHSA" => 1,
        "CVE" => 3,
        _ => 2,
    }
}

/// The package as advisories name it, worked out once per package.
struct Target<'p> {
    ecosystem: &'p str,
    /// The name advisories use (the source package's for OS packages).
    name: &'p str,
    normalized: String,
    version: &'p str,
    /// How `ECOSYSTEM` ranges order, if bosun knows the ecosystem.
    scheme: Option<Scheme>,
    /// How fixed versions are sorted and compared with the version.
    order: Scheme,
}

/// An advisory that applies, with what the report needs from it.
struct Hit<'a> {
    advisory: &'a Advisory,
    /// The `affected` entries of the package.
    entries: Vec<&'a Affected>,
    fixed: Vec<&'a str>,
}

impl<'p> Target<'p> {
    fn of(package: &'p Package) -> Target<'p> {
        let (name, version) = match &package.source_name {
            Some(source) => (source.as_str(), package.source_version.as_deref().unwrap_or(&package.version)),
            None => (package.name.as_str(), package.version.as_str()),
        };
        let scheme = Scheme::for_ecosystem(&package.ecosystem);
        Target {
            ecosystem: &package.ecosystem,
            name,
            normalized: normalize_name(&package.ecosystem, name),
            version,
            scheme,
            order: scheme.unwrap_or(Scheme::SemVer),
        }
    }

    fn is_package(&self, entry: &Affected) -> bool {
        entry.package.ecosystem == self.ecosystem
            && (entry.package.name == self.name
                || normalize_name(self.ecosystem, &entry.package.name) == self.normalized)
    }

    /// The advisory's entries for the package, if one holds its version.
    fn hit<'a>(&self, advisory: &'a Advisory) -> Option<Hit<'a>> {
        if advisory.withdrawn.is_some() {
            return None;
        }
        let mut hit = Hit { advisory, entries: Vec::new(), fixed: Vec::new() };
        let mut affected = false;
        for entry in advisory.affected.iter().filter(|entry| self.is_package(entry)) {
            let mut entry_affected = entry.versions.iter().any(|listed| listed == self.version);
            for range in &entry.ranges {
                let Some(scheme) = self.range_scheme(range) else { continue };
                if !range.events.iter().all(|event| event_values(event).all(is_version_like)) {
                    continue;
                }
                hit.fixed.extend(range.events.iter().filter_map(|event| event.fixed.as_deref()));
                entry_affected = entry_affected || in_range(scheme, self.version, range);
            }
            if entry_affected {
                hit.entries.push(entry);
                affected = true;
            }
        }
        affected.then_some(hit)
    }

    fn range_scheme(&self, range: &Range) -> Option<Scheme> {
        match range.kind.as_str() {
            "SEMVER" => Some(Scheme::SemVer),
            "ECOSYSTEM" => self.scheme,
            _ => None,
        }
    }

    /// Sorted, deduplicated fixed versions and the nearest one above the version.
    fn affects(&self, mut fixed: Vec<&str>) -> Affects {
        fixed.sort_by(|a, b| self.order.compare(a, b).then_with(|| a.cmp(b)));
        fixed.dedup_by(|a, b| self.order.compare(a, b) == Ordering::Equal);
        let nearest_fix = fixed
            .iter()
            .find(|fix| self.order.compare(fix, self.version) == Ordering::Greater)
            .map(|s| s.to_string());
        Affects { fixed_versions: fixed.into_iter().map(str::to_string).collect(), nearest_fix }
    }

    /// One finding from the hits at `members` (indices into `hits`).
    fn merge(&self, hits: &[Hit<'_>], members: &mut [usize]) -> Vulnerability {
        let rank = |i: &usize| reported_id_rank(&hits[*i].advisory.id, self.ecosystem);
        members.sort_by(|a, b| {
            rank(a).cmp(&rank(b)).then_with(|| natural_cmp(&hits[*a].advisory.id, &hits[*b].advisory.id))
        });
        let chosen = hits[members[0]].advisory;
        let mut aliases: Vec<&str> = Vec::new();
        let mut fixed: Vec<&str> = Vec::new();
        let mut rating = Rating::default();
        for hit in members.iter().map(|&i| &hits[i]) {
            aliases.extend(ids(hit.advisory));
            fixed.extend(&hit.fixed);
            let candidate = severity::rating(hit.advisory, &hit.entries);
            if candidate.outranks(&rating) {
                rating = candidate;
            }
        }
        aliases.retain(|alias| !alias.is_empty() && *alias != chosen.id);
        aliases.sort_by(|a, b| natural_cmp(a, b));
        aliases.dedup();
        let summary = members
            .iter()
            .filter_map(|&i| hits[i].advisory.summary.as_deref())
            .find(|summary| !summary.trim().is_empty())
            .map(str::to_string);
        let affects = self.affects(fixed);
        Vulnerability {
            id: chosen.id.clone(),
            aliases: aliases.into_iter().map(str::to_string).collect(),
            summary,
            rating,
            fixed_versions: affects.fixed_versions,
            nearest_fix: affects.nearest_fix,
        }
    }
}

/// Every id an advisory goes by: its own, its aliases and its upstream ids.
fn ids(advisory: &Advisory) -> impl Iterator<Item = &str> {
    std::iter::once(&advisory.id).chain(&advisory.aliases).chain(&advisory.upstream).map(String::as_str)
}

/// Hits that share any id, transitively (union-find over the ids).
fn group_by_shared_ids(hits: &[Hit<'_>]) -> Vec<Vec<usize>> {
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let mut parent: Vec<usize> = (0..hits.len()).collect();
    let mut first_with: HashMap<&str, usize> = HashMap::new();
    for (i, hit) in hits.iter().enumerate() {
        for id in ids(hit.advisory).filter(|id| !id.is_empty()) {
            match first_with.get(id) {
                Some(&other) => {
                    let (a, b) = (root(&mut parent, i), root(&mut parent, other));
                    parent[a.max(b)] = a.min(b);
                }
                None => {
                    first_with.insert(id, i);
                }
            }
        }
    }
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut group_of_root: HashMap<usize, usize> = HashMap::new();
    for i in 0..hits.len() {
        let r = root(&mut parent, i);
        let group = *group_of_root.entry(r).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[group].push(i);
    }
    groups
}

/// The values of an event (one, in a valid record).
fn event_values(event: &super::Event) -> impl Iterator<Item = &str> {
    [&event.introduced, &event.fixed, &event.last_affected, &event.limit]
        .into_iter()
        .flatten()
        .map(String::as_str)
}

/// Not obviously something other than a version: not empty, and not a commit
/// hash (7 to 40 hex digits with a letter among them and nothing else). `*`
/// (an unlimited `limit`) is fine.
fn is_version_like(value: &str) -> bool {
    let value = value.trim();
    let hash = (7..=40).contains(&value.len())
        && value.bytes().all(|c| c.is_ascii_hexdigit())
        && value.bytes().any(|c| c.is_ascii_alphabetic());
    !value.is_empty() && !hash
}

/// Whether `version` lies in `range`, per the schema's `IncludedInRanges`.
///
/// Walking the events in sorted order, each one that "fires" (an `introduced`
/// at or below the version, a `fixed` at or below it, a `last_affected` below
/// it) sets the state; the last one to fire decides. That is the fired event
/// latest in that order (equal versions keep the record's order, as a stable
/// sort would), found here in one pass, without sorting or allocating.
fn in_range(scheme: Scheme, version: &str, range: &Range) -> bool {
    let mut limited = false;
    let mut below_a_limit = false;
    for limit in range.events.iter().filter_map(|event| event.limit.as_deref()) {
        limited = true;
        below_a_limit |= limit.trim() == "*" || scheme.compare(version, limit) == Ordering::Less;
    }
    if limited && !below_a_limit {
        return false;
    }
    // The latest fired event so far, and whether it leaves the version affected.
    let mut last: Option<(Bound<'_>, bool)> = None;
    for event in &range.events {
        let (bound, fires, affected) = if let Some(introduced) = event.introduced.as_deref() {
            let bound = if introduced.trim() == "0" { Bound::Zero } else { Bound::At(introduced) };
            let fires = matches!(bound, Bound::Zero) || scheme.compare(version, introduced) != Ordering::Less;
            (bound, fires, true)
        } else if let Some(fixed) = event.fixed.as_deref() {
            (Bound::At(fixed), scheme.compare(version, fixed) != Ordering::Less, false)
        } else if let Some(last_affected) = event.last_affected.as_deref() {
            (Bound::At(last_affected), scheme.compare(version, last_affected) == Ordering::Greater, false)
        } else {
            continue;
        };
        if !fires {
            continue;
        }
        let later = match &last {
            None => true,
            Some((previous, _)) => bound.cmp_with(previous, scheme) != Ordering::Less,
        };
        if later {
            last = Some((bound, affected));
        }
    }
    last.is_some_and(|(_, affected)| affected)
}

/// Where an event sits in the sorted order.
enum Bound<'a> {
    /// `introduced: "0"`: before every version.
    Zero,
    At(&'a str),
}

impl Bound<'_> {
    fn cmp_with(&self, other: &Bound<'_>, scheme: Scheme) -> Ordering {
        match (self, other) {
            (Bound::Zero, Bound::Zero) => Ordering::Equal,
            (Bound::Zero, _) => Ordering::Less,
            (_, Bound::Zero) => Ordering::Greater,
            (Bound::At(a), Bound::At(b)) => scheme.compare(a, b),
        }
    }
}

/// Ids in natural order: runs of digits compare as numbers (`GO-2022-99` <
/// `GO-2022-100`), everything else byte by byte; ids equal that way
/// (`X-01`, `X-1`) by their text, so that the order is total.
fn natural_cmp(a: &str, b: &str) -> Ordering {
    natural_parts_cmp(a.as_bytes(), b.as_bytes()).then_with(|| a.cmp(b))
}

fn natural_parts_cmp(mut a: &[u8], mut b: &[u8]) -> Ordering {
    loop {
        match (a.first(), b.first()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                let run = |s: &[u8]| s.iter().take_while(|c| c.is_ascii_digit()).count();
                let (n, m) = (run(a), run(b));
                let order = crate::version::cmp_digits(&a[..n], &b[..m]);
                if order != Ordering::Equal {
                    return order;
                }
                (a, b) = (&a[n..], &b[m..]);
            }
            (Some(x), Some(y)) => {
                if x != y {
                    return x.cmp(y);
                }
                (a, b) = (&a[1..], &b[1..]);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn advisory(ecosystem: &str, ranges: serde_json::Value, versions: &[&str]) -> Advisory {
        serde_json::from_value(json!({
            "id": "TEST-1",
            "affected": [{"package": {"ecosystem": ecosystem, "name": "pkg"}, "ranges": ranges, "versions": versions}]
        }))
        .unwrap()
    }

    fn range(kind: &str, events: serde_json::Value) -> serde_json::Value {
        json!([{"type": kind, "events": events}])
    }

    fn advisory_of(ecosystem: &str, events: serde_json::Value) -> Advisory {
        advisory(ecosystem, range("ECOSYSTEM", events), &[])
    }

    fn hits(advisory: &Advisory, ecosystem: &str, versions: &[&'static str]) -> Vec<&'static str> {
        let package = |v: &str| Package::new(ecosystem, "pkg", v, "lockfile", 1);
        versions.iter().copied().filter(|v| affects(advisory, &package(v)).is_some()).collect()
    }

    #[test]
    fn events_in_any_order_are_sorted_by_version() {
        let events = json!([{"fixed": "2.0.0"}, {"introduced": "3.0.0"}, {"fixed": "1.2.0"}, {"introduced": "0"}, {"introduced": "1.5.0"}]);
        let advisory = advisory("npm", range("SEMVER", events), &[]);
        let versions =
            ["0.1.0", "1.1.9", "1.2.0", "1.4.0", "1.5.0", "1.9.9", "2.0.0", "2.5.0", "3.0.0", "9.0.0"];
        assert_eq!(hits(&advisory, "npm", &versions), ["0.1.0", "1.1.9", "1.5.0", "1.9.9", "3.0.0", "9.0.0"]);
    }

    #[test]
    fn introduced_zero_is_below_everything() {
        let advisory =
            advisory("npm", range("SEMVER", json!([{"introduced": "0"}, {"fixed": "1.0.0"}])), &[]);
        assert_eq!(
            hits(&advisory, "npm", &["0.0.0-alpha", "0.0.0", "0.9.9", "1.0.0"]),
            ["0.0.0-alpha", "0.0.0", "0.9.9"]
        );
    }

    #[test]
    fn a_range_without_introduced_affects_nothing() {
        // The schema requires one; its evaluation starts "not affected".
        let advisory = advisory("npm", range("SEMVER", json!([{"fixed": "1.0.0"}])), &[]);
        assert!(hits(&advisory, "npm", &["0.1.0", "1.0.0", "2.0.0"]).is_empty());
    }

    #[test]
    fn equal_versions_keep_the_record_order() {
        // introduced and fixed at the same version, twice over: what a stable
        // sort of the events gives.
        let fixed_last =
            advisory("npm", range("SEMVER", json!([{"introduced": "1.0.0"}, {"fixed": "1.0.0"}])), &[]);
        assert!(hits(&fixed_last, "npm", &["1.0.0", "1.1.0"]).is_empty());
        let introduced_last =
            advisory("npm", range("SEMVER", json!([{"fixed": "1.0.0"}, {"introduced": "1.0.0"}])), &[]);
        assert_eq!(hits(&introduced_last, "npm", &["0.9.0", "1.0.0", "1.1.0"]), ["1.0.0", "1.1.0"]);
    }

    #[test]
    fn semver_ranges_compare_as_semver_whatever_the_ecosystem() {
        // "1.0.0-x" is a SemVer pre-release of 1.0.0 (and no PEP 440 version);
        // in an ECOSYSTEM range PEP 440 rules: "1.0.0-1" is a post-release.
        let advisory =
            advisory("PyPI", range("SEMVER", json!([{"introduced": "0"}, {"fixed": "1.0.0"}])), &[]);
        assert_eq!(hits(&advisory, "PyPI", &["1.0.0-x", "1.0.0"]), ["1.0.0-x"]);
        let ecosystem = advisory_of("PyPI", json!([{"introduced": "0"}, {"fixed": "1.0.0"}]));
        assert_eq!(hits(&ecosystem, "PyPI", &["1.0.0-1", "1.0.0rc1", "1.0.0"]), ["1.0.0rc1"]);
    }

    #[test]
    fn unknown_ecosystems_only_match_listed_versions() {
        let events = json!([{"introduced": "0"}, {"fixed": "2.0"}]);
        let unknown = advisory("Conan", range("ECOSYSTEM", events), &["1.0"]);
        assert_eq!(hits(&unknown, "Conan", &["0.5", "1.0", "1.0.0"]), ["1.0"]);
    }

    #[test]
    fn git_ranges_are_not_versions() {
        let git = advisory("PyPI", range("GIT", json!([{"introduced": "0"}, {"fixed": "4e7d0df9093"}])), &[]);
        assert!(hits(&git, "PyPI", &["0.1", "4e7d0df9093"]).is_empty());
    }

    #[test]
    fn a_commit_hash_in_a_version_range_voids_that_range_only() {
        let ranges = json!([
            {"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "cb35df940a"}]},
            {"type": "ECOSYSTEM", "events": [{"introduced": "2.0"}, {"fixed": "2.1"}]}
        ]);
        let advisory = advisory("PyPI", ranges, &[]);
        assert_eq!(hits(&advisory, "PyPI", &["1.0", "2.0", "2.1", "99"]), ["2.0"]);
        let found = affects(&advisory, &Package::new("PyPI", "pkg", "2.0", "l", 1)).unwrap();
        assert_eq!(found.fixed_versions, ["2.1"]);
    }

    #[test]
    fn what_looks_like_a_version() {
        for version in ["0", "1.0.0", "2021.10.0", "1:2.3-4", "v1.2.3", "*", "1234567", "20210101", "abc"] {
            assert!(is_version_like(version), "{version}");
        }
        for not_version in ["", "  ", "4e7d0df9093", "cb35df940a", "b27f38a67573f4c989710c9bfb726dd4c1eeb929"]
        {
            assert!(!is_version_like(not_version), "{not_version:?}");
        }
    }

    #[test]
    fn fixed_versions_are_sorted_deduplicated_and_the_nearest_is_above() {
        let ranges = json!([
            {"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1.10"}, {"introduced": "2.0"}, {"fixed": "2.0.5"}]},
            {"type": "ECOSYSTEM", "events": [{"introduced": "1.5"}, {"fixed": "1.10.0"}, {"introduced": "3.0"}, {"fixed": "1.9"}]}
        ]);
        let advisory = advisory("PyPI", ranges, &[]);
        let found = affects(&advisory, &Package::new("PyPI", "pkg", "1.9.5", "l", 1)).unwrap();
        assert_eq!(found.fixed_versions, ["1.9", "1.10", "2.0.5"]);
        assert_eq!(found.nearest_fix.as_deref(), Some("1.10"));
    }

    #[test]
    fn no_nearest_fix_when_every_fix_is_below() {
        // Affected through a versions list, above the only fix.
        let advisory =
            advisory("PyPI", range("ECOSYSTEM", json!([{"introduced": "0"}, {"fixed": "1.0"}])), &["3.0"]);
        let found = affects(&advisory, &Package::new("PyPI", "pkg", "3.0", "l", 1)).unwrap();
        assert_eq!((found.fixed_versions, found.nearest_fix), (vec!["1.0".to_string()], None));
    }

    #[test]
    fn reported_id_prefers_the_ecosystems_own_database() {
        assert_eq!(reported_id_rank("PYSEC-2021-1", "PyPI"), 0);
        assert_eq!(reported_id_rank("GO-2022-0635", "Go"), 0);
        assert_eq!(reported_id_rank("RUSTSEC-2020-0001", "crates.io"), 0);
        assert_eq!(reported_id_rank("DSA-5000-1", "Debian:12"), 0);
        assert_eq!(reported_id_rank("GHSA-xxxx-yyyy-zzzz", "PyPI"), 1);
        assert_eq!(reported_id_rank("x_RUBYSEC-CVE-2020-1", "RubyGems"), 2);
        assert_eq!(reported_id_rank("PYSEC-2021-1", "npm"), 2);
        assert_eq!(reported_id_rank("CVE-2021-1", "PyPI"), 3);
    }

    #[test]
    fn merging_follows_shared_ids_transitively() {
        let record = |id: &str, aliases: &[&str]| -> Advisory {
            serde_json::from_value(json!({
                "id": id, "aliases": aliases,
                "affected": [{"package": {"ecosystem": "PyPI", "name": "pkg"},
                              "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}]}]}]
            }))
            .unwrap()
        };
        // A names B's CVE, C is aliased by B: one vulnerability. D stands alone.
        let records = [
            record("GHSA-aaaa-aaaa-aaaa", &["CVE-2020-1"]),
            record("PYSEC-2020-9", &["CVE-2020-1", "GHSA-cccc-cccc-cccc"]),
            record("GHSA-cccc-cccc-cccc", &[]),
            record("PYSEC-2020-10", &["CVE-2020-2"]),
        ];
        let found = find(&records, &Package::new("PyPI", "pkg", "1.0", "l", 1));
        let ids: Vec<(&str, Vec<&str>)> =
            found.iter().map(|v| (v.id.as_str(), v.aliases.iter().map(String::as_str).collect())).collect();
        assert_eq!(
            ids,
            [
                ("PYSEC-2020-9", vec!["CVE-2020-1", "GHSA-aaaa-aaaa-aaaa", "GHSA-cccc-cccc-cccc"]),
                ("PYSEC-2020-10", vec!["CVE-2020-2"]),
            ]
        );
    }

    #[test]
    fn natural_order_of_ids() {
        let mut ids = ["GO-2022-100", "GO-2022-99", "GO-2021-1000", "CVE-2020-1", "GO-2022-099"];
        ids.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(ids, ["CVE-2020-1", "GO-2021-1000", "GO-2022-099", "GO-2022-99", "GO-2022-100"]);
    }

    #[test]
    fn a_rating_outranks_by_level_then_score() {
        let rating = |level, score| Rating { level, score, vector: None };
        assert!(rating(Level::High, None).outranks(&rating(Level::Medium, Some(6.9))));
        assert!(rating(Level::High, Some(7.5)).outranks(&rating(Level::High, Some(7.0))));
        assert!(rating(Level::High, Some(7.0)).outranks(&rating(Level::High, None)));
        assert!(!rating(Level::Unknown, None).outranks(&Rating::default()));
    }
}
