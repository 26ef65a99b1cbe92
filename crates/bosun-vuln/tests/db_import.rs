//! The vulnerability database built from real OSV exports: the small subset in
//! `tests/fixtures/osv/` always, and every export in `../shared/osv/` when it
//! is there (counts checked against its README).

use bosun_vuln::db::{self, Database, EcosystemCount};
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/osv")
}

fn import_dir(source: &Path, dest: &Path, ecosystems: &[&str]) -> db::ImportSummary {
    let ecosystems: Vec<String> = ecosystems.iter().map(|s| s.to_string()).collect();
    let exports = db::exports_in(source, &ecosystems).unwrap();
    db::import(&exports, "test", dest, &ecosystems, &mut |_| {}).unwrap()
}

fn ids(db: &Database, ecosystem: &str, name: &str) -> Vec<String> {
    db.advisories(ecosystem, name).unwrap().into_iter().map(|a| a.id).collect()
}

fn counts(status: &db::Status) -> Vec<(String, u64, u64)> {
    status.ecosystems.iter().map(|e| (e.name.clone(), e.advisories, e.withdrawn)).collect()
}

#[test]
fn the_fixture_exports_import_whole() {
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("osv.db");
    let summary = import_dir(&fixtures(), &dest, &[]);
    let expected = [
        ("Alpine", 11, 0),
        ("Go", 23, 0),
        ("Packagist", 31, 0),
        ("PyPI", 35, 2),
        ("RubyGems", 24, 0),
        ("crates.io", 38, 1),
        ("npm", 28, 0),
    ];
    let expected: Vec<(String, u64, u64)> =
        expected.iter().map(|(n, a, w)| (n.to_string(), *a, *w)).collect();
    assert_eq!(counts(&summary.status), expected);
    assert_eq!(summary.status.advisories, 190);
    assert!(summary.skipped.is_empty(), "{:?}", summary.skipped);
    assert_eq!(summary.status.snapshot.as_deref(), Some("2026-08-22T12:26:19Z"));

    let db = Database::open(&dest).unwrap();
    assert_eq!(db.status().unwrap(), summary.status);
    // Every record of the zip that names jinja2, whatever the version.
    assert_eq!(
        ids(&db, "PyPI", "Jinja2"),
        ["PYSEC-2014-8", "PYSEC-2014-82", "PYSEC-2019-217", "PYSEC-2019-220", "PYSEC-2021-66"]
    );
    assert_eq!(ids(&db, "npm", "handlebars"), ["x_NSWG-ECO-519", "x_NSWG-ECO-61"]);
    assert!(ids(&db, "crates.io", "openssl-src").contains(&"RUSTSEC-2021-0055".to_string()));
    // Names are as the ecosystem spells them: Packagist ignores case, Go does not.
    assert_eq!(ids(&db, "Packagist", "GuzzleHTTP/Guzzle"), ids(&db, "Packagist", "guzzlehttp/guzzle"));
    assert!(!ids(&db, "Go", "github.com/go-git/go-git/v5").is_empty());
    assert!(ids(&db, "Go", "GitHub.com/go-git/go-git/v5").is_empty());
    // A distribution's advisory is indexed under each release it names.
    let v3_11 = ids(&db, "Alpine:v3.11", "musl");
    assert!(v3_11.contains(&"ALPINE-CVE-2019-14697".to_string()), "{v3_11:?}");
    assert!(ids(&db, "Alpine:v3.3", "openssl").contains(&"ALPINE-CVE-2016-2105".to_string()));
    assert!(ids(&db, "Alpine", "musl").is_empty());
    // Withdrawn advisories are stored (and returned: matching skips them).
    let withdrawn = db.advisories("PyPI", "arrayfire").unwrap();
    assert_eq!(withdrawn.len(), 1);
    assert_eq!((withdrawn[0].id.as_str(), withdrawn[0].withdrawn.is_some()), ("PYSEC-2019-144", true));

    let index: Vec<String> = db.ecosystems().unwrap().into_iter().map(|e| e.name).collect();
    assert!(
        index.contains(&"Alpine:v3.11".to_string()) && index.contains(&"crates.io".to_string()),
        "{index:?}"
    );
    assert!(!index.contains(&"Alpine".to_string()));
}

#[test]
fn stored_records_keep_what_matching_needs_and_drop_details() {
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("osv.db");
    import_dir(&fixtures(), &dest, &["PyPI"]);
    let db = Database::open(&dest).unwrap();
    let advisories = db.advisories("PyPI", "jinja2").unwrap();
    let record = advisories.iter().find(|a| a.id == "PYSEC-2021-66").unwrap();
    assert_eq!(record.details, None);
    assert!(record.aliases.contains(&"CVE-2020-28493".to_string()));
    let events = &record.affected[0].ranges[0].events;
    assert!(events.iter().any(|e| e.fixed.as_deref() == Some("2.11.3")), "{events:?}");
    assert_eq!(record.modified.as_deref(), Some("2021-03-22T16:34:00Z"));
}

#[test]
fn an_ecosystem_filter_selects_exports_and_index_keys() {
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("osv.db");
    let summary = import_dir(&fixtures(), &dest, &["npm", "Alpine:v3.11"]);
    let names: Vec<&str> = summary.status.ecosystems.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["Alpine", "npm"]);
    let db = Database::open(&dest).unwrap();
    let index: Vec<String> = db.ecosystems().unwrap().into_iter().map(|e| e.name).collect();
    assert_eq!(index, ["Alpine:v3.11", "npm"]);
    assert!(ids(&db, "Alpine:v3.3", "openssl").is_empty());
    assert!(ids(&db, "PyPI", "jinja2").is_empty());
}

#[test]
fn one_zip_imports_with_its_ecosystem_taken_from_the_records_and_the_same_digest() {
    let dir = tempfile::tempdir().unwrap();
    let from_dir = import_dir(&fixtures(), &dir.path().join("a.db"), &["crates.io"]).status;
    let zip = fixtures().join("crates.io/all.zip");
    let exports = db::exports_in(&zip, &[]).unwrap();
    let from_zip = db::import(&exports, "zip", &dir.path().join("b.db"), &[], &mut |_| {}).unwrap().status;
    assert_eq!(
        from_zip.ecosystems,
        [EcosystemCount { name: "crates.io".into(), advisories: 38, withdrawn: 1 }]
    );
    assert_eq!(from_zip.digest, from_dir.digest);
    let again = import_dir(&fixtures(), &dir.path().join("a.db"), &["crates.io"]).status;
    assert_eq!(again.digest, from_dir.digest);
    assert_ne!(import_dir(&fixtures(), &dir.path().join("c.db"), &["npm"]).status.digest, from_dir.digest);
}

#[test]
fn progress_is_reported_per_export_and_while_writing() {
    let dir = tempfile::tempdir().unwrap();
    let exports = db::exports_in(&fixtures(), &["Go".to_string()]).unwrap();
    let mut last_read = None;
    let mut last_write = None;
    db::import(&exports, "test", &dir.path().join("osv.db"), &[], &mut |progress| match progress {
        db::Progress::Read { ecosystem, done, total } => {
            last_read = Some((ecosystem.to_string(), done, total))
        }
        db::Progress::Write { done, total } => last_write = Some((done, total)),
        db::Progress::Download { .. } => panic!("nothing is downloaded"),
    })
    .unwrap();
    assert_eq!(last_read, Some(("Go".to_string(), 23, 23)));
    assert_eq!(last_write, Some((23, 23)));
}

/// All of `../shared/osv/` (skipped when it is not there): every record of
/// every export is stored, the counts are the README's, and the store is
/// smaller than the zips.
#[test]
fn the_shared_exports_import_with_the_readme_counts() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/osv");
    if !shared.join("PyPI/all.zip").is_file() {
        eprintln!("skipped: no OSV exports at {}", shared.display());
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("osv.db");
    let summary = import_dir(&shared, &dest, &[]);
    let expected = [
        ("Alpine", 2442, 0),
        ("Go", 4291, 17),
        ("Packagist", 1204, 0),
        ("PyPI", 2661, 10),
        ("RubyGems", 1174, 0),
        ("crates.io", 1206, 13),
        ("npm", 467, 0),
    ];
    let expected: Vec<(String, u64, u64)> =
        expected.iter().map(|(n, a, w)| (n.to_string(), *a, *w)).collect();
    assert_eq!(counts(&summary.status), expected);
    assert!(summary.skipped.is_empty(), "{:?}", summary.skipped);
    let zips: u64 = std::fs::read_dir(&shared)
        .unwrap()
        .flatten()
        .filter_map(|e| std::fs::metadata(e.path().join("all.zip")).ok())
        .map(|m| m.len())
        .sum();
    assert!(summary.status.size <= zips, "store {} bytes, zips {zips} bytes", summary.status.size);
    // The records with git hashes for `fixed` versions are stored as they are.
    let db = Database::open(&dest).unwrap();
    let status = db.status().unwrap();
    assert_eq!(status.advisories, 13445);
    let odd = db.advisories("PyPI", "python-fedora").unwrap();
    assert!(odd.iter().any(|a| a.id == "PYSEC-2017-27"), "{odd:?}");
}
