//! The npm lockfile readers against the shared real lockfiles (skipped when
//! `../shared` is not there) and against large generated ones.

use bosun_vuln::inventory::{self, FileInventory};
use std::collections::BTreeSet;
use std::path::Path;
use std::time::{Duration, Instant};

/// The inventory of a shared project's lockfile, and its `package.json`.
fn read_shared(project: &str) -> Option<(FileInventory, serde_json::Value)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures/lockfiles");
    let dir = root.join("npm").join(project);
    let Ok(manifest) = std::fs::read_to_string(dir.join("package.json")) else {
        eprintln!("skipped: {} is not there", dir.display());
        return None;
    };
    let lockfile =
        ["package-lock.json", "yarn.lock", "pnpm-lock.yaml"].into_iter().find(|f| dir.join(f).exists())?;
    let text = std::fs::read_to_string(dir.join(lockfile)).unwrap();
    let path = format!("npm/{project}/{lockfile}");
    let inventory = inventory::read_in(&path, &text, &inventory::NoFiles).expect("a known format").unwrap();
    Some((inventory, serde_json::from_str(&manifest).unwrap()))
}

fn declared(manifest: &serde_json::Value, kinds: &[&str]) -> BTreeSet<String> {
    kinds.iter().filter_map(|kind| manifest[kind].as_object()).flat_map(|deps| deps.keys().cloned()).collect()
}

fn direct_names(inventory: &FileInventory) -> BTreeSet<String> {
    inventory.packages.iter().filter(|p| p.direct == Some(true)).map(|p| p.name.clone()).collect()
}

#[test]
fn npm_v3_direct_packages_are_the_manifests_dependencies() {
    let Some((inventory, manifest)) = read_shared("security-wg-2024-npm-v3") else { return };
    assert_eq!(direct_names(&inventory), declared(&manifest, &["dependencies", "devDependencies"]));
    assert!(inventory.packages.iter().all(|p| p.dev == Some(false)), "the project has no dev dependencies");
    assert!(inventory.packages.iter().all(|p| p.line > 1 && p.path.ends_with("package-lock.json")));
}

#[test]
fn pnpm_v9_direct_and_dev_packages_follow_the_manifest() {
    let Some((inventory, manifest)) = read_shared("koel-2025-pnpm-v9") else { return };
    let all = declared(&manifest, &["dependencies", "devDependencies", "optionalDependencies"]);
    assert_eq!(direct_names(&inventory), all);
    let dev_only: Vec<_> = declared(&manifest, &["devDependencies"]).into_iter().collect();
    for package in inventory.packages.iter().filter(|p| p.direct == Some(true)) {
        if !dev_only.contains(&package.name) {
            assert_eq!(package.dev, Some(false), "{} is a production dependency", package.name);
        }
    }
    let dev = inventory.packages.iter().filter(|p| p.dev == Some(true)).count();
    let production = inventory.packages.iter().filter(|p| p.dev == Some(false)).count();
    assert!(dev > 500 && production > 50, "{dev} dev, {production} production");
    assert!(
        inventory.packages.iter().all(|p| p.dev.is_some()),
        "every package is reachable from the project"
    );
}

#[test]
fn npm_v1_and_yarn_v1_do_not_guess_what_they_do_not_record() {
    if let Some((inventory, _)) = read_shared("security-wg-2018-npm-v1") {
        let top_level = inventory.packages.iter().filter(|p| p.direct.is_none()).count();
        let nested = inventory.packages.iter().filter(|p| p.direct == Some(false)).count();
        assert_eq!((top_level + nested, inventory.packages.len()), (646, 646));
        assert!(nested > 0 && top_level > nested);
        assert!(inventory.packages.iter().all(|p| p.dev == Some(false)), "the lockfile marks nothing `dev`");
    }
    if let Some((inventory, _)) = read_shared("koel-2017-yarn-v1") {
        assert!(inventory.packages.iter().all(|p| p.direct.is_none() && p.dev.is_none()));
        assert_eq!(inventory.packages.len(), 984);
    }
}

/// Large generated lockfiles (about 10 MB each) read in one pass: a reader that
/// rescans the text per entry would take minutes here.
#[test]
fn ten_megabyte_lockfiles_are_read_in_linear_time() {
    const COUNT: usize = 40_000;
    let name = |i: usize| format!("@scope-{}/package-number-{i}", i % 97);
    let padding = "x".repeat(120);

    let mut npm =
        String::from("{\n  \"lockfileVersion\": 3,\n  \"packages\": {\n    \"\": {\"name\": \"big\"}");
    for i in 0..COUNT {
        npm.push_str(&format!(
            ",\n    \"node_modules/{}\": {{\n      \"version\": \"1.0.{i}\",\n      \"integrity\": \"sha512-{padding}\"\n    }}",
            name(i)
        ));
    }
    npm.push_str("\n  }\n}\n");

    let mut yarn = String::from("# yarn lockfile v1\n\n");
    for i in 0..COUNT {
        yarn.push_str(&format!(
            "\"{n}@^1.0.0\", \"{n}@~1.0.{i}\":\n  version \"1.0.{i}\"\n  resolved \"https://registry.yarnpkg.com/{n}/-/x.tgz\"\n  integrity sha512-{padding}\n\n",
            n = name(i)
        ));
    }

    let mut pnpm = String::from("lockfileVersion: '9.0'\n\nimporters:\n\n  .:\n    dependencies:\n");
    pnpm.push_str(&format!(
        "      '{}':\n        specifier: ^1.0.0\n        version: 1.0.0\n\npackages:\n\n",
        name(0)
    ));
    for i in 0..COUNT {
        pnpm.push_str(&format!(
            "  '{}@1.0.{i}':\n    resolution: {{integrity: sha512-{padding}}}\n\n",
            name(i)
        ));
    }
    pnpm.push_str("snapshots:\n\n");
    for i in 0..COUNT {
        pnpm.push_str(&format!(
            "  '{}@1.0.{i}':\n    dependencies:\n      '{}': 1.0.{}\n\n",
            name(i),
            name(i + 1),
            i + 1
        ));
    }

    for (path, text) in [("package-lock.json", npm), ("yarn.lock", yarn), ("pnpm-lock.yaml", pnpm)] {
        assert!(text.len() > 7_000_000, "{path}: {} bytes", text.len());
        let start = Instant::now();
        let inventory = inventory::read(path, &text).unwrap().unwrap();
        let elapsed = start.elapsed();
        assert_eq!(inventory.packages.len(), COUNT, "{path}");
        let last = inventory.packages.last().unwrap();
        assert_eq!(last.version, format!("1.0.{}", COUNT - 1), "{path}");
        assert!(last.line > 100_000, "{path}: line {}", last.line);
        // Generous for unoptimised test builds; quadratic work would need far more.
        assert!(elapsed < Duration::from_secs(60), "{path} took {elapsed:?}");
        eprintln!("{path}: {} bytes, {} packages in {elapsed:?}", text.len(), inventory.packages.len());
    }
}
