//! Snapshots of what users read: the table and JSON reports of a small demo
//! repository with a Dockerfile, Kubernetes manifests and a compose file.

use std::path::Path;
use std::process::Command;

fn scan(format: &str) -> String {
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/demo");
    let out = Command::new(env!("CARGO_BIN_EXE_bosun"))
        .args(["scan", ".", "--no-config", "--format", format])
        .current_dir(demo)
        .env("NO_COLOR", "1")
        .env("BOSUN_CACHE_DIR", "/nonexistent/bosun-test-cache")
        .output()
        .expect("bosun runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("reports are UTF-8")
}

#[test]
fn table_report() {
    insta::assert_snapshot!(scan("table"));
}

#[test]
fn json_report() {
    insta::assert_snapshot!(scan("json"));
}

#[test]
fn checklist_report() {
    insta::assert_snapshot!(scan("checklist"));
}
