//! The dependency scanner in `bosun scan`: lockfiles matched against a
//! database imported from real OSV records, and what happens without one.

mod common;

use common::{bosun, json};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/vulns")
}

/// A database made from the fixture records, in a temp dir kept alive by the caller.
fn database() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("osv.db").display().to_string();
    let osv = fixtures().join("osv").display().to_string();
    let out = bosun(dir.path(), &["db", "import", &osv, "--db", &db, "--quiet"]);
    assert!(out.status.success(), "import failed: {}", String::from_utf8_lossy(&out.stderr));
    (dir, db)
}

fn scan(args: &[&str]) -> (Value, String, Option<i32>) {
    let out = bosun(&fixtures().join("project"), args);
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    (json(&out), stderr, out.status.code())
}

fn vulnerability<'a>(report: &'a Value, id: &str) -> Option<&'a Value> {
    report["findings"].as_array().unwrap().iter().find(|f| f["rule_id"] == id)
}

#[test]
fn lockfile_packages_are_matched_with_package_fix_and_severity() {
    let (_keep, db) = database();
    let (report, stderr, code) = scan(&["scan", ".", "--no-config", "--format", "json", "--db", &db]);
    assert_eq!(code, Some(0), "{stderr}");
    let smallvec = vulnerability(&report, "RUSTSEC-2021-0003").expect("smallvec 1.6.0 is vulnerable");
    assert_eq!(smallvec["name"], "vulnerable-dependency");
    assert_eq!(smallvec["severity"], "CRITICAL", "CVSS 3.1 vector scores 9.8");
    assert_eq!(smallvec["cvss"]["score"], 9.8);
    let aliases: Vec<&str> =
        smallvec["aliases"].as_array().unwrap().iter().map(|a| a.as_str().unwrap()).collect();
    assert!(aliases.contains(&"CVE-2021-25900") && aliases.contains(&"GHSA-43w2-9j62-hq99"), "{aliases:?}");
    assert_eq!(smallvec["package"]["name"], "smallvec");
    assert_eq!(smallvec["package"]["version"], "1.6.0");
    assert_eq!(smallvec["package"]["ecosystem"], "crates.io");
    assert_eq!(smallvec["package"]["purl"], "pkg:cargo/smallvec@1.6.0");
    assert_eq!(smallvec["nearest_fixed_version"], "1.6.1");
    assert_eq!(smallvec["fixed_versions"], serde_json::json!(["0.6.14", "1.6.1"]));
    assert_eq!(smallvec["location"]["path"], "Cargo.lock");
    assert_eq!(smallvec["location"]["start_line"], 12, "the line of its [[package]] entry");
    assert!(smallvec["message"].as_str().unwrap().contains("fixed in 1.6.1"), "{}", smallvec["message"]);

    // jinja2 2.10 has two advisories (different CVEs): two findings, unrated.
    for id in ["PYSEC-2019-217", "PYSEC-2021-66"] {
        let jinja = vulnerability(&report, id).unwrap_or_else(|| panic!("{id} applies to jinja2 2.10"));
        assert_eq!(jinja["location"]["path"], "requirements.txt");
        assert_eq!(jinja["location"]["start_line"], 3);
        assert_eq!(jinja["severity"], "MEDIUM");
        assert!(jinja["message"].as_str().unwrap().contains("gives no severity"));
    }
    // The other scanners ran too.
    assert!(report["findings"].as_array().unwrap().iter().any(|f| f["location"]["path"] == "Dockerfile"));
    // The unpinned requirement is listed as not checked.
    let skipped = report["skipped"].as_array().unwrap();
    assert!(
        skipped
            .iter()
            .any(|s| s["path"] == "requirements.txt" && s["reason"].as_str().unwrap().contains("requests")),
        "{skipped:?}"
    );
}

#[test]
fn advisories_are_selected_and_ignored_by_id_or_alias() {
    let (_keep, db) = database();
    let base = ["scan", ".", "--no-config", "--format", "json", "--db", &db];
    let ids = |extra: &[&str]| -> Vec<String> {
        let args: Vec<&str> = base.iter().copied().chain(extra.iter().copied()).collect();
        common::rule_ids(&scan(&args).0)
    };
    let ignored = ids(&["--ignore", "CVE-2021-25900"]);
    assert!(!ignored.contains(&"RUSTSEC-2021-0003".to_string()), "{ignored:?}");
    assert!(ignored.contains(&"PYSEC-2019-217".to_string()));
    assert_eq!(ids(&["--select", "GHSA-462w-v97r-4m45"]), ["PYSEC-2019-217"]);
    let only = ids(&["--scanners", "vuln"]);
    assert_eq!(only.len(), 3, "{only:?}");
    assert!(ids(&["--ignore", "vuln"]).iter().all(|id| !id.contains("SEC-20")));
    assert!(ids(&["--select", "vulnerable-dependency"]).len() == 3);
}

#[test]
fn fail_on_and_suppressions_apply_to_vulnerabilities() {
    let (keep, db) = database();
    let (_, _, code) =
        scan(&["scan", ".", "--no-config", "--format", "json", "--db", &db, "--fail-on", "critical"]);
    assert_eq!(code, Some(1), "RUSTSEC-2021-0003 is CRITICAL");
    let config = keep.path().join("bosun.toml");
    std::fs::write(
        &config,
        "[[suppress]]\nrule = \"CVE-2021-25900\"\nreason = \"not reachable: insert_many is never called\"\n",
    )
    .unwrap();
    let config = config.display().to_string();
    let (report, stderr, code) =
        scan(&["scan", ".", "--config", &config, "--format", "json", "--db", &db, "--fail-on", "critical"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(vulnerability(&report, "RUSTSEC-2021-0003").is_none());
    assert!(report["suppressed"].as_array().unwrap().iter().any(|s| s["rule_id"] == "RUSTSEC-2021-0003"));
}

#[test]
fn without_a_database_the_dependency_checks_are_skipped_and_said_so() {
    let (report, stderr, code) = scan(&["scan", ".", "--no-config", "--format", "json", "--offline"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("dependency checks skipped"), "{stderr}");
    assert!(stderr.contains("bosun db update"), "says how to get the database: {stderr}");
    let skipped = report["skipped"].as_array().unwrap();
    assert!(
        skipped.iter().any(|s| s["path"] == "Cargo.lock"
            && s["reason"].as_str().unwrap().starts_with("dependency check skipped")),
        "{skipped:?}"
    );
    // The other scanners still ran.
    assert!(report["findings"].as_array().unwrap().iter().any(|f| f["location"]["path"] == "Dockerfile"));
    // Quiet hides the note unless the scanner was asked for by name.
    let (_, stderr, _) = scan(&["scan", ".", "--no-config", "--format", "json", "--quiet"]);
    assert!(!stderr.contains("dependency checks skipped"), "{stderr}");
    let (_, stderr, _) =
        scan(&["scan", ".", "--no-config", "--format", "json", "--quiet", "--scanners", "vuln"]);
    assert!(stderr.contains("dependency checks skipped"), "{stderr}");
}

/// End to end on real data, when `../shared` is beside the repository: the
/// real OSV exports imported, the 17 real projects' lockfiles scanned, and
/// every (lockfile, package, version, advisory) of the independent
/// reference (`expected.jsonl`) found — by the advisory's id or an alias of a
/// merged finding — and no finding the reference does not have.
#[test]
fn real_lockfiles_against_real_osv_data_give_the_reference_matches() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    let (osv, lockfiles) = (shared.join("osv"), shared.join("fixtures/lockfiles"));
    let Ok(reference) = std::fs::read_to_string(lockfiles.join("expected.jsonl")) else {
        eprintln!("skipped: no shared OSV data at {}", shared.display());
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("osv.db").display().to_string();
    let out = bosun(dir.path(), &["db", "import", &osv.display().to_string(), "--db", &db, "--quiet"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = bosun(
        &lockfiles,
        &["scan", ".", "--no-config", "--scanners", "vuln", "--format", "json", "--db", &db],
    );
    let report = json(&out);
    let mut found: std::collections::HashMap<(String, String, String), Vec<Vec<String>>> = Default::default();
    for finding in report["findings"].as_array().unwrap() {
        let key = (
            finding["location"]["path"].as_str().unwrap().to_string(),
            finding["package"]["name"].as_str().unwrap().to_string(),
            finding["package"]["version"].as_str().unwrap().to_string(),
        );
        let mut ids = vec![finding["rule_id"].as_str().unwrap().to_string()];
        ids.extend(finding["aliases"].as_array().unwrap().iter().map(|a| a.as_str().unwrap().to_string()));
        found.entry(key).or_default().push(ids);
    }
    let mut expected: std::collections::HashMap<(String, String, String), Vec<String>> = Default::default();
    for line in reference.lines() {
        let entry: Value = serde_json::from_str(line).unwrap();
        let text = |key: &str| entry[key].as_str().unwrap().to_string();
        expected.entry((text("lockfile"), text("package"), text("version"))).or_default().push(text("id"));
    }
    let mut missing = Vec::new();
    for (key, ids) in &expected {
        for id in ids {
            if !found.get(key).is_some_and(|merged| merged.iter().any(|ids| ids.contains(id))) {
                missing.push(format!("{key:?} {id}"));
            }
        }
    }
    let mut extra = Vec::new();
    for (key, merged) in &found {
        for ids in merged {
            if !expected.get(key).is_some_and(|want| want.iter().any(|id| ids.contains(id))) {
                extra.push(format!("{key:?} {ids:?}"));
            }
        }
    }
    assert!(missing.is_empty() && extra.is_empty(), "missing: {missing:#?}\nextra: {extra:#?}");
    assert!(expected.len() > 100, "the reference has {} vulnerable packages", expected.len());
}

#[test]
fn the_checklist_counts_vulnerabilities_against_dependency_scanning() {
    let (_keep, db) = database();
    let out = bosun(
        &fixtures().join("project"),
        &["scan", ".", "--no-config", "--format", "checklist", "--db", &db],
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let line = text.lines().find(|l| l.contains("dev.dependency-scan")).expect("the item is listed");
    assert!(line.contains("FAILED 2/2, 3 findings"), "{line}");
}

/// The rule's documented examples, as a Cargo.lock, against the real records.
#[test]
fn the_rule_examples_hold() {
    let (_keep, db) = database();
    let ids = |lockfile: &str| {
        let dir = common::tree(&[("Cargo.lock", lockfile)]);
        let out = bosun(dir.path(), &["scan", ".", "--no-config", "--format", "json", "--db", &db]);
        common::rule_ids(&json(&out))
    };
    assert_eq!(ids(bosun::scan::vulns::RULE.bad_example), ["RUSTSEC-2021-0003"]);
    assert!(ids(bosun::scan::vulns::RULE.good_example).is_empty());
}
