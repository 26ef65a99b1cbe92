//! How long matching a 5,000-package inventory takes once the database is
//! open (the goal: under 100 ms), on the real OSV exports in `../shared/osv`.
//!
//!     cargo bench -p bosun-vuln --bench match_inventory
//!
//! The inventory: every package of the real lockfiles in
//! `../shared/fixtures/lockfiles/packages.jsonl` (3,456 packages of 17 projects,
//! most of them in no advisory, as in real projects), topped up to 5,000 with
//! packages that advisories name, at the version that fixed the advisory (a
//! project that keeps up: the matcher evaluates every range of the package's
//! advisories, and finds little). `BENCH_VULNERABLE=1` takes version 1.0.0
//! instead, which most of those advisories affect: the worst case, where
//! nearly every package has several vulnerabilities to decode and report.
//! `BENCH_REAL_ONLY=1`: the real lockfiles' packages only. Skips, saying so,
//! when the data is absent.

use bosun_vuln::db::{self, Database};
use bosun_vuln::inventory::Package;
use bosun_vuln::osv::matching;
use bosun_vuln::version::Scheme;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;
use std::time::Instant;

const INVENTORY: usize = 5_000;
const RUNS: usize = 10;

fn main() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    let (osv, lockfiles) = (shared.join("osv"), shared.join("fixtures/lockfiles/packages.jsonl"));
    if !osv.is_dir() || !lockfiles.is_file() {
        eprintln!("skipped: no OSV data at {}", osv.display());
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("osv.db");
    let started = Instant::now();
    let exports = db::exports_in(&osv, &[]).expect("exports");
    db::import(&exports, "bench", &path, &[], &mut |_| {}).expect("import");
    let import = started.elapsed();

    let packages = inventory(&lockfiles, &osv);
    let started = Instant::now();
    drop(Database::open(&path).expect("open"));
    let open = started.elapsed();

    let mut timings = Vec::new();
    let mut found = 0;
    for _ in 0..RUNS {
        let started = Instant::now();
        // As `bosun scan` does it: one connection per worker thread.
        found = packages
            .par_iter()
            .map_init(
                || Database::open(&path).expect("open"),
                |database, package| {
                    let name = package.source_name.as_deref().unwrap_or(&package.name);
                    let advisories = database.advisories(&package.ecosystem, name).expect("lookup");
                    matching::find(advisories.iter(), package).len()
                },
            )
            .sum();
        timings.push(started.elapsed());
    }
    timings.sort();
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
    println!("import of {}: {:.2} s", osv.display(), import.as_secs_f64());
    println!("open: {:.2} ms", ms(open));
    println!(
        "match {} packages ({found} vulnerabilities): median {:.1} ms, min {:.1} ms, max {:.1} ms over {RUNS} runs",
        packages.len(),
        ms(timings[RUNS / 2]),
        ms(timings[0]),
        ms(timings[RUNS - 1])
    );
}

/// The real lockfiles' packages, then advisory-named packages up to `INVENTORY`.
fn inventory(lockfiles: &Path, osv: &Path) -> Vec<Package> {
    let mut packages = Vec::new();
    for line in std::fs::read_to_string(lockfiles).expect("packages.jsonl").lines() {
        let entry: serde_json::Value = serde_json::from_str(line).expect("JSON line");
        let text = |key: &str| entry[key].as_str().map(str::to_string);
        let (Some(ecosystem), Some(name), Some(version)) = (text("ecosystem"), text("name"), text("version"))
        else {
            continue;
        };
        let mut package = Package::new(&ecosystem, &name, &version, "bench", 1);
        package.source_name = text("source_name");
        packages.push(package);
    }
    if std::env::var_os("BENCH_REAL_ONLY").is_some() {
        return packages;
    }
    // Each advisory-named package once, at the highest version any of its
    // advisories says is fixed (or 1.0.0 with BENCH_VULNERABLE).
    let mut fixes: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    for entry in std::fs::read_dir(osv).expect("osv dir").flatten() {
        let Ok(file) = std::fs::File::open(entry.path().join("all.zip")) else { continue };
        let mut archive = zip::ZipArchive::new(file).expect("zip");
        for index in 0..archive.len() {
            let mut text = String::new();
            archive.by_index(index).expect("entry").read_to_string(&mut text).expect("UTF-8");
            let record: serde_json::Value = serde_json::from_str(&text).expect("JSON");
            for affected in record["affected"].as_array().into_iter().flatten() {
                let (ecosystem, name) = (&affected["package"]["ecosystem"], &affected["package"]["name"]);
                let (Some(ecosystem), Some(name)) = (ecosystem.as_str(), name.as_str()) else { continue };
                let fixed = affected["ranges"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .flat_map(|r| r["events"].as_array().into_iter().flatten())
                    .filter_map(|e| e["fixed"].as_str().map(str::to_string));
                fixes.entry((ecosystem.to_string(), name.to_string())).or_default().extend(fixed);
            }
        }
    }
    let vulnerable = std::env::var_os("BENCH_VULNERABLE").is_some();
    // Spread over the ecosystems: every n-th name.
    let step = (fixes.len() / (INVENTORY - packages.len()).max(1)).max(1);
    for ((ecosystem, name), fixed) in fixes.into_iter().step_by(step) {
        let scheme = Scheme::for_ecosystem(&ecosystem);
        let newest = fixed.into_iter().max_by(|a, b| match scheme {
            Some(scheme) => scheme.compare(a, b),
            None => a.cmp(b),
        });
        let version = match newest {
            Some(version) if !vulnerable => version,
            _ => "1.0.0".to_string(),
        };
        let mut package = Package::new(&ecosystem, &name, &version, "bench", 1);
        package.source_name = Some(name);
        packages.push(package);
    }
    packages.truncate(INVENTORY);
    packages
}
