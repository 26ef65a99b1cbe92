//! Readers against real lockfiles: the shared set in
//! `../shared/fixtures/lockfiles/` (with `packages.jsonl`, what an independent
//! reader found in each) when it is there; it is not on a user's machine.

use bosun_vuln::inventory;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The fixture tree, for readers that look at other files (`etc/alpine-release`).
struct SharedFiles(PathBuf);

impl inventory::Files for SharedFiles {
    fn read(&self, path: &str) -> Option<String> {
        std::fs::read_to_string(self.0.join(path)).ok()
    }
}

#[test]
fn shared_lockfiles_give_the_reference_packages() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures/lockfiles");
    let Ok(reference) = std::fs::read_to_string(root.join("packages.jsonl")) else {
        eprintln!("skipped: {} is not there", root.display());
        return;
    };
    let mut expected: std::collections::BTreeMap<String, BTreeSet<(String, String)>> = Default::default();
    for line in reference.lines() {
        let entry: serde_json::Value = serde_json::from_str(line).unwrap();
        let lockfile = entry["lockfile"].as_str().unwrap().to_string();
        let package =
            (entry["name"].as_str().unwrap().to_string(), entry["version"].as_str().unwrap().to_string());
        expected.entry(lockfile).or_default().insert(package);
    }
    let files = SharedFiles(root.clone());
    let mut failures = Vec::new();
    for (lockfile, packages) in &expected {
        let text = std::fs::read_to_string(root.join(lockfile)).unwrap();
        let Some(result) = inventory::read_in(lockfile, &text, &files) else {
            failures.push(format!("{lockfile}: not recognised"));
            continue;
        };
        let found: BTreeSet<(String, String)> = match result {
            Ok(inventory) => inventory.packages.into_iter().map(|p| (p.name, p.version)).collect(),
            Err(e) => {
                failures.push(format!("{lockfile}: {e}"));
                continue;
            }
        };
        let missing: Vec<_> = packages.difference(&found).collect();
        let extra: Vec<_> = found.difference(packages).collect();
        if !missing.is_empty() || !extra.is_empty() {
            failures.push(format!("{lockfile}: missing {missing:?}, extra {extra:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} lockfiles differ:\n{}",
        failures.len(),
        expected.len(),
        failures.join("\n")
    );
}
