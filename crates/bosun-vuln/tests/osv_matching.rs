//! OSV matching and severity against real data: records copied unchanged from
//! the OSV exports into `fixtures/osv-records/` (run everywhere), the CVSS
//! calculators against published scores, and, when `../shared` is there,
//! every reference lockfile's packages against the full exports, compared
//! with the independently computed `expected.jsonl`.

use bosun_vuln::inventory::{normalize_name, Package};
use bosun_vuln::osv::matching::{affects, find, Affects, Level};
use bosun_vuln::osv::{cvss, Advisory};
use std::collections::{BTreeSet, HashMap};
use std::io::Read;
use std::path::{Path, PathBuf};

fn record(id: &str) -> Advisory {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/osv-records").join(format!("{id}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn package(ecosystem: &str, name: &str, version: &str) -> Package {
    Package::new(ecosystem, name, version, "lockfile", 1)
}

/// The versions of `ecosystem`/`name` among `versions` that `advisory` affects.
fn affected<'v>(advisory: &Advisory, ecosystem: &str, name: &str, versions: &[&'v str]) -> Vec<&'v str> {
    versions.iter().copied().filter(|v| affects(advisory, &package(ecosystem, name, v)).is_some()).collect()
}

fn fixes(list: &[&str], nearest: Option<&str>) -> Option<Affects> {
    Some(Affects {
        fixed_versions: list.iter().map(|s| s.to_string()).collect(),
        nearest_fix: nearest.map(str::to_string),
    })
}

// CVSS base scores published with their vectors. v3.1: the worked examples of
// FIRST's "CVSS v3.1 Examples" document (CVE in the comment). v2: the
// examples of the CVSS v2 guide and NVD scores of the CVEs named. v4: scores
// of FIRST's v4.0 calculator (checked against Red Hat's reference
// implementation, which it derives from).

const V31: &[(&str, f64)] = &[
    ("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1), // CVE-2013-1937 phpMyAdmin XSS
    ("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N", 6.4), // CVE-2013-0375 MySQL Cluster
    ("CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N", 3.1), // CVE-2014-3566 POODLE
    ("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H", 9.9), // CVE-2012-1516 VMware
    ("CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:U/C:L/I:L/A:L", 4.2), // CVE-2009-0783 Apache Tomcat
    ("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", 8.8), // CVE-2012-0384 Cisco IOS
    ("CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", 7.8), // CVE-2015-1098 Apple iWork
    ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", 7.5), // CVE-2014-0160 Heartbleed
    ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8), // CVE-2014-6271 Shellshock
    ("CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:N/I:H/A:N", 6.8), // CVE-2008-1447 DNS cache poisoning
    ("CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 6.8), // CVE-2014-2005 Sophos disk encryption
    ("CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:C/C:H/I:N/A:H", 9.3), // CVE-2013-6014 Juniper proxy ARP
    ("CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:N", 5.4), // CVE-2014-9253 DokuWiki
    ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10.0),
    ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", 0.0),
];

const V2: &[(&str, f64)] = &[
    ("AV:N/AC:L/Au:N/C:N/I:N/A:C", 7.8), // CVE-2002-0392 Apache chunked encoding (v2 guide)
    ("AV:N/AC:L/Au:N/C:C/I:C/A:C", 10.0), // CVE-2003-0818 Windows ASN.1 (v2 guide)
    ("AV:L/AC:H/Au:N/C:C/I:C/A:C", 6.2), // CVE-2003-0062 NOD32 (v2 guide)
    ("AV:N/AC:M/Au:N/C:P/I:P/A:P", 6.8),
    ("AV:N/AC:L/Au:N/C:P/I:P/A:P", 7.5),
    ("AV:N/AC:M/Au:N/C:N/I:P/A:N", 4.3),
    ("AV:N/AC:L/Au:N/C:P/I:N/A:N", 5.0),
    ("AV:L/AC:L/Au:N/C:C/I:C/A:C", 7.2),
    ("AV:N/AC:L/Au:S/C:P/I:P/A:P", 6.5),
    ("AV:N/AC:M/Au:N/C:C/I:C/A:C", 9.3),
    ("AV:L/AC:L/Au:N/C:P/I:N/A:N", 2.1),
    ("AV:N/AC:H/Au:N/C:P/I:N/A:N", 2.6),
    ("AV:N/AC:L/Au:N/C:N/I:N/A:N", 0.0),
];

const V4: &[(&str, f64)] = &[
    ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 9.3),
    ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H", 10.0),
    ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N", 0.0),
    ("CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 8.6),
    ("CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 8.7),
    ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 8.7),
    ("CVSS:4.0/AV:N/AC:L/AT:N/PR:H/UI:N/VC:L/VI:L/VA:N/SC:N/SI:N/SA:N", 5.1), // the OSV schema's example
    ("CVSS:4.0/AV:P/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 7.0),
    ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N", 6.9),
    ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:A/VC:N/VI:N/VA:N/SC:L/SI:L/SA:N", 5.1),
    ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N", 8.7),
    ("CVSS:4.0/AV:A/AC:H/AT:P/PR:L/UI:P/VC:L/VI:L/VA:L/SC:L/SI:L/SA:L", 1.0),
    ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U", 8.1),
    ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:P", 8.9),
    // CVE-2025-47273 (setuptools), as published with every optional metric spelled out.
    (
        "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:H/VA:N/SC:N/SI:N/SA:N/E:P/CR:X/IR:X/AR:X/MAV:X/MAC:X/MAT:X/MPR:X/MUI:X/MVC:X/MVI:X/MVA:X/MSC:X/MSI:X/MSA:X/S:X/AU:X/R:X/V:X/RE:X/U:X",
        7.7,
    ),
    ("CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:X/CR:M/IR:M/AR:L/MAV:N", 7.4),
];

fn check_scores(kind: &str, cases: &[(&str, f64)], version: impl Fn(&str) -> cvss::Version) {
    for &(vector, want) in cases {
        let score = cvss::score(kind, vector).unwrap_or_else(|| panic!("{vector} did not score"));
        assert_eq!(score.value, want, "{vector}");
        assert_eq!(score.version, version(vector), "{vector}");
    }
}

#[test]
fn cvss_v3_published_scores() {
    check_scores("CVSS_V3", V31, |_| cvss::Version::V3_1);
    // 3.0 vectors score the same through the 3.0 rounding rule.
    let v30: Vec<(String, f64)> = V31.iter().map(|(v, s)| (v.replace("CVSS:3.1", "CVSS:3.0"), *s)).collect();
    let v30: Vec<(&str, f64)> = v30.iter().map(|(v, s)| (v.as_str(), *s)).collect();
    check_scores("CVSS_V3", &v30, |_| cvss::Version::V3_0);
}

#[test]
fn cvss_v2_published_scores() {
    check_scores("CVSS_V2", V2, |_| cvss::Version::V2);
}

#[test]
fn cvss_v4_published_scores() {
    check_scores("CVSS_V4", V4, |_| cvss::Version::V4);
}

#[test]
fn ranges_with_last_affected_are_inclusive() {
    let advisory = record("x_NSWG-ECO-362"); // redis-commander <=0.13.12
    let versions = ["0.0.1", "0.13.11", "0.13.12", "0.13.13", "1.0.0"];
    assert_eq!(affected(&advisory, "npm", "redis-commander", &versions), ["0.0.1", "0.13.11", "0.13.12"]);
    assert_eq!(affects(&advisory, &package("npm", "redis-commander", "0.13.12")), fixes(&[], None));
}

#[test]
fn several_ranges_mixing_fixed_and_last_affected() {
    let advisory = record("x_FOPSA-laravel-framework-2020-08-06-1");
    let versions = [
        "5.4.36", "5.5.0", "5.5.49", "5.5.50", "5.9.0", "6.0.0", "6.18.33", "6.18.34", "7.0.0", "7.23.1",
        "7.23.2", "8.0.0",
    ];
    assert_eq!(
        affected(&advisory, "Packagist", "laravel/framework", &versions),
        ["5.5.0", "5.5.49", "6.0.0", "6.18.33", "7.0.0", "7.23.1"]
    );
    // Packagist names are case-insensitive.
    let found = affects(&advisory, &package("Packagist", "Laravel/Framework", "7.1.0"));
    assert_eq!(found, fixes(&["6.18.34", "7.23.2"], Some("7.23.2")));
    let older = affects(&advisory, &package("Packagist", "laravel/framework", "6.1.0"));
    assert_eq!(older.and_then(|a| a.nearest_fix).as_deref(), Some("6.18.34"));
}

#[test]
fn ecosystem_ranges_use_the_ecosystem_order() {
    // RubyGems: 5.3 sorts after 5.2.4.3 and before 6.0.0.
    let advisory = record("x_RUBYSEC-CVE-2020-8164");
    let versions = [
        "3.2.22",
        "4.0.0",
        "4.2.11.1",
        "5.2.4.2",
        "5.2.4.3",
        "5.2.5",
        "5.3",
        "6.0.0.rc1",
        "6.0.3",
        "6.0.3.1",
    ];
    assert_eq!(
        affected(&advisory, "RubyGems", "actionpack", &versions),
        ["4.0.0", "4.2.11.1", "5.2.4.2", "5.3", "6.0.0.rc1", "6.0.3"]
    );
    let found = affects(&advisory, &package("RubyGems", "actionpack", "4.2.11.1"));
    assert_eq!(found, fixes(&["5.2.4.3", "6.0.3.1"], Some("5.2.4.3")));
    assert_eq!(affects(&advisory, &package("RubyGems", "actionview", "4.2.11.1")), None);
}

#[test]
fn versions_lists_and_commit_ranges() {
    // A versions list, an ECOSYSTEM range up to 0.9.0 and a GIT range whose
    // "fixed" values are a commit hash and a patch file name.
    let advisory = record("PYSEC-2017-27");
    let versions = ["0.3.21a1", "0.8.0", "0.8.1", "0.9.0", "1.0.0"];
    assert_eq!(affected(&advisory, "PyPI", "python-fedora", &versions), ["0.3.21a1", "0.8.0", "0.8.1"]);
    // PyPI names are normalized (PEP 503); commits are not fixed versions.
    assert_eq!(
        affects(&advisory, &package("PyPI", "Python_Fedora", "0.8.0")),
        fixes(&["0.9.0"], Some("0.9.0"))
    );
}

#[test]
fn an_unparsable_fixed_version_does_not_make_everything_match() {
    // ECOSYSTEM fixed "0.2.0-n653" is no PEP 440 version.
    let advisory = record("PYSEC-2021-371");
    let versions = ["0.1.0", "0.2.0", "0.3.0", "1.0.0", "2021.1.1"];
    assert!(affected(&advisory, "PyPI", "binderhub", &versions).len() < versions.len());
    assert!(affected(&advisory, "PyPI", "binderhub", &["1.0.0", "2021.1.1"]).is_empty());
}

#[test]
fn withdrawn_advisories_never_match() {
    let withdrawn = record("GO-2022-0617");
    let kubernetes = package("Go", "k8s.io/kubernetes", "1.20.0");
    assert_eq!(affects(&withdrawn, &kubernetes), None);
    assert!(find([&withdrawn], &kubernetes).is_empty());
    // The same record without its withdrawal affects every version.
    let reinstated = Advisory { withdrawn: None, ..withdrawn };
    assert_eq!(affects(&reinstated, &kubernetes), fixes(&[], None));
}

#[test]
fn go_semver_ranges_take_versions_with_or_without_v() {
    let advisory = record("GO-2022-0635");
    for version in ["1.44.20", "v1.44.20", "v0.0.0-20200101000000-abcdef123456"] {
        assert!(
            affects(&advisory, &package("Go", "github.com/aws/aws-sdk-go", version)).is_some(),
            "{version}"
        );
    }
    assert_eq!(affects(&advisory, &package("Go", "github.com/aws/aws-sdk-go-v2", "1.0.0")), None);
    assert_eq!(affects(&advisory, &package("npm", "github.com/aws/aws-sdk-go", "1.0.0")), None);
}

#[test]
fn alpine_matches_by_release_and_origin_package() {
    let advisory = record("ALPINE-CVE-2019-14697");
    let musl = |ecosystem: &str, name: &str, version: &str| Package {
        source_name: Some("musl".into()),
        ..package(ecosystem, name, version)
    };
    assert_eq!(
        affects(&advisory, &musl("Alpine:v3.11", "musl", "1.1.23-r1")),
        fixes(&["1.1.23-r2"], Some("1.1.23-r2"))
    );
    assert_eq!(
        affects(&advisory, &musl("Alpine:v3.11", "musl-utils", "1.1.22-r3")),
        fixes(&["1.1.23-r2"], Some("1.1.23-r2"))
    );
    assert_eq!(affects(&advisory, &musl("Alpine:v3.11", "musl", "1.1.24-r2")), None);
    // v3.10 was fixed in 1.1.22-r3; only that release's fix is reported.
    assert_eq!(affects(&advisory, &musl("Alpine:v3.10", "musl", "1.1.22-r3")), None);
    assert_eq!(
        affects(&advisory, &musl("Alpine:v3.10", "musl", "1.1.22-r2")),
        fixes(&["1.1.22-r3"], Some("1.1.22-r3"))
    );
    // Release unknown, or a release the advisory does not list: no match.
    assert_eq!(affects(&advisory, &musl("Alpine", "musl", "1.1.20-r1")), None);
    assert_eq!(affects(&advisory, &musl("Alpine:v3.6", "musl", "1.1.16-r1")), None);
}

#[test]
fn aliases_merge_into_one_finding() {
    // Two PYSEC records for one CVE and GHSA; the second names one more GHSA.
    let records = [record("PYSEC-2021-872"), record("PYSEC-2021-871"), record("PYSEC-2017-27")];
    let found = find(&records, &package("PyPI", "distributed", "2021.9.1"));
    assert_eq!(found.len(), 1);
    let vulnerability = &found[0];
    assert_eq!(vulnerability.id, "PYSEC-2021-871");
    assert_eq!(
        vulnerability.aliases,
        ["CVE-2021-42343", "GHSA-hwqr-f3v9-hwxr", "GHSA-j8fq-86c5-5v2r", "PYSEC-2021-872"]
    );
    assert_eq!(vulnerability.fixed_versions, ["2021.10.0"]);
    assert_eq!(vulnerability.nearest_fix.as_deref(), Some("2021.10.0"));
    assert_eq!(vulnerability.rating.level, Level::Unknown);
    // The same whatever the order the store returns them in.
    let reversed: Vec<&Advisory> = records.iter().rev().collect();
    assert_eq!(find(reversed, &package("PyPI", "distributed", "2021.9.1")), found);
    assert!(find(&records, &package("PyPI", "distributed", "2021.10.0")).is_empty());
}

#[test]
fn merged_findings_keep_the_highest_rating_and_a_summary() {
    let records = [record("RUSTSEC-2020-0036"), record("RUSTSEC-2019-0036"), record("RUSTSEC-2026-0024")];
    let found = find(&records, &package("crates.io", "failure", "0.1.8"));
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].id, "RUSTSEC-2019-0036");
    assert_eq!(found[0].summary.as_deref(), Some("Type confusion if __private_get_type_id__ is overridden"));
    assert!(found[0].aliases.contains(&"RUSTSEC-2020-0036".to_string()));
    assert_eq!((found[0].rating.level, found[0].rating.score), (Level::Critical, Some(9.8)));
    assert_eq!(found[0].rating.vector.as_deref(), Some("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"));
}

#[test]
fn ratings_from_a_cvss_v4_vector_and_from_a_database_score() {
    let libcrux = find([&record("RUSTSEC-2026-0024")], &package("crates.io", "libcrux-psq", "0.0.6"));
    assert_eq!(libcrux.len(), 1);
    assert_eq!((libcrux[0].rating.level, libcrux[0].rating.score), (Level::Low, Some(0.0)));
    assert_eq!(libcrux[0].nearest_fix.as_deref(), Some("0.0.7"));
    // introduced "0.0.0-0" is below every pre-release.
    assert!(affects(&record("RUSTSEC-2026-0024"), &package("crates.io", "libcrux-psq", "0.0.1-alpha.1"))
        .is_some());

    let actionpack = find([&record("x_RUBYSEC-CVE-2020-8164")], &package("RubyGems", "actionpack", "5.2.0"));
    assert_eq!(actionpack[0].id, "x_RUBYSEC-CVE-2020-8164");
    assert_eq!((actionpack[0].rating.level, actionpack[0].rating.score), (Level::High, Some(7.5)));
    assert_eq!(actionpack[0].rating.vector, None);
    assert_eq!(actionpack[0].aliases, ["CVE-2020-8164", "GHSA-8727-m6gj-mc37"]);
}

// Records written for this test, for what the real exports here lack: no
// record uses `limit`, and there is no Debian data.

#[test]
fn limit_events_cap_a_range() {
    let advisory: Advisory = serde_json::from_value(serde_json::json!({
        "id": "TEST-LIMIT",
        "affected": [{
            "package": {"ecosystem": "PyPI", "name": "example"},
            "ranges": [
                {"type": "ECOSYSTEM", "events": [{"introduced": "1.0"}, {"limit": "2.0"}, {"limit": "1.5"}]},
                {"type": "ECOSYSTEM", "events": [{"introduced": "3.0"}, {"limit": "*"}]}
            ]
        }]
    }))
    .unwrap();
    let versions = ["0.9", "1.0", "1.9", "2.0", "2.5", "3.0", "9.0"];
    // Below either limit counts; `*` is no limit.
    assert_eq!(affected(&advisory, "PyPI", "example", &versions), ["1.0", "1.9", "3.0", "9.0"]);
}

#[test]
fn debian_matches_the_source_package_and_its_version() {
    let advisory: Advisory = serde_json::from_value(serde_json::json!({
        "id": "TEST-DEBIAN",
        "upstream": ["CVE-2023-0001"],
        "affected": [{
            "package": {"ecosystem": "Debian:12", "name": "openssl"},
            "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "3.0.11-1~deb12u2"}]}]
        }]
    }))
    .unwrap();
    let libssl = |ecosystem: &str, version: &str, source_version: Option<&str>| Package {
        source_name: Some("openssl".into()),
        source_version: source_version.map(str::to_string),
        ..package(ecosystem, "libssl3", version)
    };
    assert!(affects(&advisory, &libssl("Debian:12", "3.0.11-1~deb12u1", None)).is_some());
    assert!(affects(&advisory, &libssl("Debian:12", "3.0.11-1~deb12u2", None)).is_none());
    // A binNMU: the binary's version is higher, the source's is what was fixed or not.
    assert!(
        affects(&advisory, &libssl("Debian:12", "3.0.11-1~deb12u2+b1", Some("3.0.11-1~deb12u1"))).is_some()
    );
    assert!(affects(&advisory, &libssl("Debian", "3.0.11-1~deb12u1", None)).is_none());
    assert!(affects(&advisory, &libssl("Debian:11", "3.0.11-1~deb12u1", None)).is_none());
    // The binary package's own name is not what Debian advisories name.
    assert!(affects(&advisory, &package("Debian:12", "libssl3", "3.0.0-1")).is_none());
    let found = find([&advisory], &libssl("Debian:12", "3.0.0-1", None));
    assert_eq!(found[0].aliases, ["CVE-2023-0001"]);
}

// The reference lockfiles against the real exports.

fn shared() -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    root.join("fixtures/lockfiles/expected.jsonl").is_file().then_some(root)
}

/// Every advisory of the export `<Ecosystem>/all.zip`, if there is one.
fn load_export(root: &Path, ecosystem: &str) -> Vec<Advisory> {
    let Ok(file) = std::fs::File::open(root.join("osv").join(ecosystem).join("all.zip")) else {
        return Vec::new();
    };
    let mut archive = zip::ZipArchive::new(std::io::BufReader::new(file)).unwrap();
    let mut advisories = Vec::new();
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).unwrap();
        if !entry.name().ends_with(".json") {
            continue;
        }
        let mut text = String::new();
        entry.read_to_string(&mut text).unwrap();
        advisories.push(serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", entry.name())));
    }
    advisories
}

fn text(entry: &serde_json::Value, key: &str) -> Option<String> {
    entry.get(key)?.as_str().map(str::to_string)
}

#[test]
fn reference_lockfiles_match_the_expected_advisories() {
    let Some(root) = shared() else {
        eprintln!("skipped: ../shared is not there");
        return;
    };
    let lockfiles = root.join("fixtures/lockfiles");
    let mut packages: Vec<(String, Package)> = Vec::new();
    for line in std::fs::read_to_string(lockfiles.join("packages.jsonl")).unwrap().lines() {
        let entry: serde_json::Value = serde_json::from_str(line).unwrap();
        let mut found = package(
            &text(&entry, "ecosystem").unwrap(),
            &text(&entry, "name").unwrap(),
            &text(&entry, "version").unwrap(),
        );
        found.source_name = text(&entry, "source_name");
        found.source_version = text(&entry, "source_version");
        packages.push((text(&entry, "lockfile").unwrap(), found));
    }
    let mut expected = BTreeSet::new();
    for line in std::fs::read_to_string(lockfiles.join("expected.jsonl")).unwrap().lines() {
        let entry: serde_json::Value = serde_json::from_str(line).unwrap();
        let key = ["lockfile", "package", "version", "id"].map(|k| text(&entry, k).unwrap());
        expected.insert(key);
    }

    // Advisories by (entry ecosystem, normalized name), as the store keeps them.
    let ecosystems: BTreeSet<&str> =
        packages.iter().map(|(_, p)| p.ecosystem.split(':').next().unwrap_or(&p.ecosystem)).collect();
    let advisories: Vec<Advisory> = ecosystems.iter().flat_map(|e| load_export(&root, e)).collect();
    let mut index: HashMap<(String, String), Vec<usize>> = HashMap::new();
    for (i, advisory) in advisories.iter().enumerate() {
        let mut keys: Vec<(String, String)> = advisory
            .affected
            .iter()
            .map(|a| (a.package.ecosystem.clone(), normalize_name(&a.package.ecosystem, &a.package.name)))
            .collect();
        keys.dedup();
        for key in keys {
            index.entry(key).or_default().push(i);
        }
    }

    let started = std::time::Instant::now();
    let mut found = BTreeSet::new();
    let mut findings = 0;
    for (lockfile, package) in &packages {
        let name = package.source_name.as_deref().unwrap_or(&package.name);
        let key = (package.ecosystem.clone(), normalize_name(&package.ecosystem, name));
        let candidates: Vec<&Advisory> =
            index.get(&key).map(|list| list.iter().map(|&i| &advisories[i]).collect()).unwrap_or_default();
        for advisory in &candidates {
            if affects(advisory, package).is_some() {
                found.insert([
                    lockfile.clone(),
                    package.name.clone(),
                    package.version.clone(),
                    advisory.id.clone(),
                ]);
            }
        }
        findings += find(candidates.iter().copied(), package).len();
    }
    eprintln!(
        "{} packages against {} advisories: {} matches, {} findings once merged, {:?}",
        packages.len(),
        advisories.len(),
        found.len(),
        findings,
        started.elapsed()
    );
    let missing: Vec<_> = expected.difference(&found).collect();
    let extra: Vec<_> = found.difference(&expected).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "missing {} of {}: {missing:#?}\nextra {}: {extra:#?}",
        missing.len(),
        expected.len(),
        extra.len()
    );
    assert!(findings > 0 && findings <= found.len());
}
