//! Readers against real lockfiles: the shared set in
//! `../shared/fixtures/lockfiles/` (with `packages.jsonl`, what an independent
//! reader found in each) when it is there; it is not on a user's machine.

use bosun_vuln::inventory;
use std::collections::BTreeSet;
use std::path::Path;

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
    let mut checked = 0;
    for (lockfile, packages) in &expected {
        let file_name = lockfile.rsplit('/').next().unwrap();
        let text = std::fs::read_to_string(root.join(lockfile)).unwrap();
        let Some(result) = inventory::read(lockfile, file_name, &text) else { continue };
        let found: BTreeSet<(String, String)> =
            result.unwrap().packages.into_iter().map(|p| (p.name, p.version)).collect();
        assert_eq!(&found, packages, "{lockfile}");
        checked += 1;
    }
    assert!(checked >= 3, "the readers ran on {checked} lockfiles");
}
