//! `bosun sbom` through the command line: what it finds, what it reports, and
//! that what it writes passes the official CycloneDX and SPDX schemas.

mod common;

#[path = "../../bosun-vuln/schemas/validate.rs"]
mod validate;

use common::{bosun, json, tree};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A Cargo.lock (four registry crates, the workspace's own crate) and
/// `tools/go.mod` (three direct modules, one replaced, two indirect): real
/// excerpts of cargo-deny's and trufflehog's.
fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sbom")
}

fn sbom(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bosun"))
        .arg("sbom")
        .args(args)
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", "1714564800")
        .output()
        .expect("bosun runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn purls(document: &Value) -> Vec<String> {
    document["components"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["purl"].as_str().unwrap().to_string())
        .collect()
}

/// Each component's `bosun:path` values.
fn paths(document: &Value) -> Vec<String> {
    document["components"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["properties"].as_array().unwrap().iter())
        .filter(|p| p["name"] == "bosun:path")
        .map(|p| p["value"].as_str().unwrap().to_string())
        .collect()
}

fn assert_no_problems(problems: Vec<String>, output: &Output) {
    assert!(
        problems.is_empty(),
        "{}\n--- document:\n{}",
        problems.join("\n"),
        String::from_utf8_lossy(&output.stdout)
    );
}

#[test]
fn cyclonedx_of_a_tree_validates_and_lists_every_package_where_it_was_found() {
    let output = sbom(&fixture(), &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stderr(&output), "", "nothing to report on this tree");
    let document = json(&output);
    assert_no_problems(validate::cyclonedx_problems(&document), &output);

    assert_eq!(
        purls(&document),
        [
            "pkg:cargo/aho-corasick@0.7.10",
            "pkg:cargo/ansi_term@0.11.0",
            "pkg:cargo/ansi_term@0.12.1",
            "pkg:cargo/anyhow@1.0.28",
            "pkg:cargo/askalono@0.4.2",
            "pkg:golang/cloud.google.com/go@0.100.2",
            "pkg:golang/github.com/fatih/color@1.13.0",
            "pkg:golang/github.com/golang-jwt/jwt/v4@4.2.0",
            "pkg:golang/github.com/golang-jwt/jwt@3.2.2+incompatible",
            "pkg:golang/github.com/trufflesecurity/overseer@1.1.7-custom5",
        ],
        "registry crates and modules, the replacement instead of the replaced module, the local crate left out"
    );
    assert_eq!(paths(&document)[..2], ["Cargo.lock:3", "Cargo.lock:12"]);
    assert_eq!(paths(&document)[6], "tools/go.mod:8");

    assert_eq!(document["metadata"]["component"]["name"], "sbom", "the directory's name");
    assert_eq!(document["metadata"]["timestamp"], "2024-05-01T12:00:00Z", "SOURCE_DATE_EPOCH");
    assert_eq!(document["metadata"]["tools"]["components"][0]["name"], "bosun");
    assert_eq!(document["metadata"]["tools"]["components"][0]["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(
        document["dependencies"],
        serde_json::json!([{
            "ref": "sbom",
            "dependsOn": [
                "pkg:golang/github.com/fatih/color@1.13.0",
                "pkg:golang/github.com/golang-jwt/jwt@3.2.2+incompatible",
                "pkg:golang/github.com/trufflesecurity/overseer@1.1.7-custom5",
            ],
        }]),
        "go.mod says which modules are direct; Cargo.lock does not"
    );
}

#[test]
fn spdx_of_a_tree_validates() {
    let output = sbom(&fixture(), &["--format", "spdx"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let document = json(&output);
    assert_no_problems(validate::spdx_problems(&document), &output);
    assert_eq!(document["spdxVersion"], "SPDX-2.3");
    assert_eq!(document["name"], "sbom");
    assert_eq!(document["creationInfo"]["created"], "2024-05-01T12:00:00Z");
    assert_eq!(document["creationInfo"]["creators"][0], format!("Tool: bosun-{}", env!("CARGO_PKG_VERSION")));
    let packages = document["packages"].as_array().unwrap();
    assert_eq!(packages.len(), 11, "the application and ten packages");
    assert_eq!(packages[1]["sourceInfo"], "listed in Cargo.lock:3");
    let depends_on = document["relationships"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["relationshipType"] == "DEPENDS_ON");
    assert_eq!(depends_on.count(), 3);
}

#[test]
fn every_document_has_its_own_identity() {
    let first = json(&sbom(&fixture(), &[]));
    let second = json(&sbom(&fixture(), &[]));
    assert_ne!(first["serialNumber"], second["serialNumber"]);
    assert_eq!(first["components"], second["components"], "the content is the same");
    let first = json(&sbom(&fixture(), &["--format", "spdx"]));
    let second = json(&sbom(&fixture(), &["--format", "spdx"]));
    assert_ne!(first["documentNamespace"], second["documentNamespace"]);
}

#[test]
fn excluded_paths_are_not_read() {
    let output = sbom(&fixture(), &["--exclude", "tools/**"]);
    assert_eq!(output.status.code(), Some(0));
    let document = json(&output);
    assert!(purls(&document).iter().all(|p| p.starts_with("pkg:cargo/")), "{:?}", purls(&document));
    assert_eq!(document["dependencies"], serde_json::json!([]));

    let output = sbom(&fixture(), &["--exclude", "tools/[oops"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).starts_with("bosun: --exclude tools/[oops: "), "{}", stderr(&output));
    assert!(output.stdout.is_empty());
}

#[test]
fn a_single_lockfile_is_read_whatever_directory_it_is_in() {
    let output = sbom(&fixture(), &["tools/go.mod"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let document = json(&output);
    assert_no_problems(validate::cyclonedx_problems(&document), &output);
    assert_eq!(purls(&document).len(), 5);
    assert_eq!(paths(&document)[0], "tools/go.mod:14");
    assert_eq!(document["metadata"]["component"]["name"], "tools", "the lockfile's directory");
}

#[test]
fn several_targets_keep_their_paths_apart() {
    let output = sbom(&fixture(), &["tools", "."]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let document = json(&output);
    assert_no_problems(validate::cyclonedx_problems(&document), &output);
    assert_eq!(document["metadata"]["component"]["name"], "tools, sbom");
    let paths = paths(&document);
    assert!(paths.contains(&"tools/go.mod:8".to_string()), "{paths:?}");
    assert!(paths.contains(&"Cargo.lock:3".to_string()), "{paths:?}");
    let go_components = purls(&document).iter().filter(|p| p.starts_with("pkg:golang/")).count();
    assert_eq!(go_components, 5, "tools/go.mod is found through both targets, under one display path");
}

#[test]
fn unreadable_files_and_notes_go_to_stderr_and_the_rest_is_written() {
    let dir = tree(&[
        ("broken/Cargo.lock", "[[package]]\nname = \"x\"\n"),
        (
            "svc/go.mod",
            "module example.org/svc\n\nrequire github.com/a/b v1.2.3\nrequire github.com/local/y v0.1.0\n\nreplace github.com/local/y => ../y\n",
        ),
        ("notes.txt", "not an inventory file"),
    ]);
    let output = sbom(dir.path(), &[]);
    assert_eq!(output.status.code(), Some(0), "a bad lockfile does not stop the document");
    let stderr_text = stderr(&output);
    let lines: Vec<&str> = stderr_text.lines().collect();
    assert_eq!(lines.len(), 2, "{stderr_text}");
    assert!(lines[0].starts_with("broken/Cargo.lock: not a valid Cargo.lock"), "{stderr_text}");
    assert_eq!(lines[1], "svc/go.mod: github.com/local/y is replaced by a local directory");
    let document = json(&output);
    assert_no_problems(validate::cyclonedx_problems(&document), &output);
    assert_eq!(purls(&document), ["pkg:golang/github.com/a/b@1.2.3"]);

    let quiet = sbom(dir.path(), &["--quiet"]);
    let stderr_text = stderr(&quiet);
    assert!(
        stderr_text.starts_with("broken/Cargo.lock: not a valid Cargo.lock"),
        "errors stay: {stderr_text}"
    );
    assert_eq!(stderr_text.lines().count(), 1, "notes go: {stderr_text}");
}

#[test]
fn a_tree_without_inventory_files_gives_an_empty_valid_document_and_says_so() {
    let dir = tree(&[("README.md", "# nothing here\n")]);
    let output = sbom(dir.path(), &["--format", "spdx"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        stderr(&output),
        "bosun: no lockfiles, manifests or package databases found; the document lists no packages\n"
    );
    let document = json(&output);
    assert_no_problems(validate::spdx_problems(&document), &output);
    assert_eq!(document["packages"].as_array().unwrap().len(), 1, "only the application");
    assert_eq!(stderr(&sbom(dir.path(), &["-q"])), "");
}

#[test]
fn a_named_file_bosun_cannot_read_is_reported() {
    let dir = tree(&[("deps.lock", "whatever\n")]);
    let output = sbom(dir.path(), &["deps.lock"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stderr(&output), "deps.lock: not a lockfile, manifest or package database bosun reads\n");
    assert_eq!(json(&output)["components"], serde_json::json!([]));
}

#[test]
fn a_missing_target_is_a_usage_error() {
    let output = sbom(&fixture(), &["no-such-dir"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).starts_with("bosun: no-such-dir: "), "{}", stderr(&output));
    assert!(output.stdout.is_empty());
    let output = bosun(&fixture(), &["sbom", "-"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn output_goes_to_a_file_and_is_not_read_back_on_the_next_run() {
    let dir = tree(&[("Cargo.lock", &std::fs::read_to_string(fixture().join("Cargo.lock")).unwrap())]);
    for _ in 0..2 {
        let output = sbom(dir.path(), &["-o", "bom.json"]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        assert!(output.stdout.is_empty());
    }
    let document: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("bom.json")).unwrap()).unwrap();
    assert_eq!(purls(&document).len(), 5, "the previous bom.json is not an inventory of this tree");
    assert!(paths(&document).iter().all(|p| p.starts_with("Cargo.lock:")));

    let output = sbom(dir.path(), &["-o", "missing-dir/bom.json"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).starts_with("bosun: writing missing-dir/bom.json: "), "{}", stderr(&output));
}

#[test]
fn a_malformed_source_date_epoch_is_refused() {
    let output = Command::new(env!("CARGO_BIN_EXE_bosun"))
        .args(["sbom", "."])
        .current_dir(fixture())
        .env("SOURCE_DATE_EPOCH", "yesterday")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stderr(&output), "bosun: SOURCE_DATE_EPOCH=yesterday is not a number of seconds since 1970\n");
}
