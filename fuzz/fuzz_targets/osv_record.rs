//! Arbitrary bytes as an OSV record, then through matching and severity: range
//! evaluation with each ecosystem's version ordering, the merging of
//! advisories that are aliases of each other, and CVSS scoring. Records come
//! from a downloaded database, so a hostile or broken one must never crash a
//! scan; a parsed record must also survive being stored (serialized) and
//! loaded again unchanged.
//!
//! Each record that parses is matched against packages built from its own
//! `affected[]` names, at versions `0`, `1.0.0` and the versions its events and
//! `versions` lists name (as a lockfile package, and as an OS package whose
//! source package it names), alone and beside two derived records: one that
//! is an alias of it, one that is not.
//!
//! Run with `cargo +nightly fuzz run osv_record`.

#![no_main]

use bosun_vuln::inventory::Package;
use bosun_vuln::osv::matching::{self, Rating, Vulnerability};
use bosun_vuln::osv::{cvss, severity, Advisory, Affected};
use bosun_vuln::version::Scheme;
use libfuzzer_sys::fuzz_target;
use std::cmp::Ordering;
use std::collections::HashSet;

/// Bounds that keep one input fast; the interesting part is the first few entries.
const MAX_ENTRIES: usize = 8;
const MAX_VERSIONS_PER_ENTRY: usize = 12;

fn check_rating(rating: &Rating) {
    if let Some(score) = rating.score {
        assert!((0.0..=10.0).contains(&score), "score {score}");
        assert_eq!(rating.level, severity::level_of_score(score), "{rating:?}");
    }
    if rating.vector.is_some() {
        assert!(rating.score.is_some(), "a vector without its score: {rating:?}");
    }
}

/// The versions a package of `entry` is tried at.
fn versions_of(entry: &Affected) -> Vec<&str> {
    let events = entry.ranges.iter().flat_map(|range| &range.events).flat_map(|event| {
        [&event.introduced, &event.fixed, &event.last_affected, &event.limit].into_iter().flatten()
    });
    let mut versions = vec!["0", "1.0.0"];
    for version in events.chain(&entry.versions).map(String::as_str) {
        if versions.len() == MAX_VERSIONS_PER_ENTRY {
            break;
        }
        if !version.is_empty() && !versions.contains(&version) {
            versions.push(version);
        }
    }
    versions
}

/// A lockfile's package, and an OS package built from source package `name`.
fn packages(ecosystem: &str, name: &str, version: &str) -> [Package; 2] {
    let direct = Package::new(ecosystem, name, version, "lockfile", 1);
    let mut binary = Package::new(ecosystem, &format!("{name}-bin"), "0", "var/lib/dpkg/status", 1);
    binary.source_name = Some(name.to_string());
    binary.source_version = Some(version.to_string());
    [direct, binary]
}

fn check_vulnerability(found: &Vulnerability) {
    assert!(!found.aliases.contains(&found.id), "its own alias: {found:?}");
    if let Some(fix) = &found.nearest_fix {
        assert!(found.fixed_versions.contains(fix), "nearest fix not among the fixes: {found:?}");
    }
    check_rating(&found.rating);
}

fn check_match(record: &Advisory, others: &[Advisory], package: &Package) {
    let affects = matching::affects(record, package);
    if let Some(affects) = &affects {
        let unique: HashSet<&String> = affects.fixed_versions.iter().collect();
        assert_eq!(unique.len(), affects.fixed_versions.len(), "a fix twice: {affects:?}");
        if let Some(fix) = &affects.nearest_fix {
            assert!(affects.fixed_versions.contains(fix), "nearest fix not among the fixes: {affects:?}");
            let order = Scheme::for_ecosystem(&package.ecosystem).unwrap_or(Scheme::SemVer);
            let version = package.source_version.as_deref().unwrap_or(&package.version);
            assert_eq!(order.compare(fix, version), Ordering::Greater, "a fix below {version}: {affects:?}");
        }
    }

    // The record alone is one vulnerability exactly when it affects the package.
    let alone = matching::find([record], package);
    assert_eq!(alone.len(), usize::from(affects.is_some()), "{alone:?} vs {affects:?}");
    if let (Some(found), Some(affects)) = (alone.first(), &affects) {
        assert_eq!(found.id, record.id);
        assert_eq!(found.fixed_versions, affects.fixed_versions);
        assert_eq!(found.nearest_fix, affects.nearest_fix);
        check_vulnerability(found);
    }

    let all = matching::find(std::iter::once(record).chain(others), package);
    let mut ids = HashSet::new();
    for found in &all {
        assert!(ids.insert(found.id.as_str()), "{} reported twice: {all:?}", found.id);
        assert!(
            found.id == record.id || others.iter().any(|other| other.id == found.id),
            "an id no record has: {found:?}"
        );
        check_vulnerability(found);
    }
    assert_eq!(all.is_empty(), affects.is_none(), "the record's match is lost among others: {all:?}");
}

fuzz_target!(|data: &[u8]| {
    let Ok(record) = serde_json::from_slice::<Advisory>(data) else { return };

    let stored = serde_json::to_string(&record).expect("a parsed record serializes");
    let loaded: Advisory = serde_json::from_str(&stored).expect("a stored record loads");
    assert_eq!(loaded, record, "storing changes the record");

    for score in record.severity.iter().chain(record.affected.iter().flat_map(|a| &a.severity)) {
        if let Some(computed) = cvss::score(&score.kind, &score.score) {
            assert!((0.0..=10.0).contains(&computed.value), "{score:?}: {computed:?}");
        }
        severity::level_of_word(&score.score);
    }
    let entries: Vec<&Affected> = record.affected.iter().collect();
    check_rating(&severity::rating(&record, &entries));
    check_rating(&severity::rating(&record, &[]));

    // One record that is the same vulnerability under another id, one that is not.
    let mut alias = record.clone();
    alias.id = record.aliases.first().cloned().unwrap_or_else(|| format!("ALIAS-{}", record.id));
    alias.aliases = vec![record.id.clone()];
    let mut unrelated = record.clone();
    unrelated.id = format!("UNRELATED-{}", record.id);
    unrelated.aliases.clear();
    unrelated.upstream.clear();
    let others = [alias, unrelated];

    for entry in record.affected.iter().take(MAX_ENTRIES) {
        let (ecosystem, name) = (&entry.package.ecosystem, &entry.package.name);
        if ecosystem.is_empty() || name.is_empty() {
            continue;
        }
        for version in versions_of(entry) {
            for package in packages(ecosystem, name, version) {
                check_match(&record, &others, &package);
            }
        }
    }
});
