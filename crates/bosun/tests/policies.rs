//! Custom Rego policies through the command line: `bosun scan --policy`
//! (conftest-style rules and a Gatekeeper template with its constraint, as
//! the gatekeeper-library publishes them) and `bosun policy test`.

mod common;

use common::{bosun, json};
use serde_json::Value;

const POLICIES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../bosun-policy/tests/fixtures");

const DEPLOYMENT: &str = "apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx:latest
";

fn policy_findings(report: &Value) -> Vec<(String, String)> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| !f["rule_id"].as_str().unwrap().starts_with("K8S"))
        .map(|f| (f["rule_id"].as_str().unwrap().to_string(), f["message"].as_str().unwrap().to_string()))
        .collect()
}

#[test]
fn scan_reports_policy_violations_like_any_rule() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("deploy.yaml"), DEPLOYMENT).unwrap();
    let conftest = format!("{POLICIES}/conftest/deployment.rego");
    let gatekeeper = format!("{POLICIES}/gatekeeper/requiredlabels.yaml");
    let out = bosun(
        dir.path(),
        &[
            "scan",
            "deploy.yaml",
            "--no-config",
            "--format",
            "json",
            "--policy",
            &conftest,
            "--policy",
            &gatekeeper,
        ],
    );
    let report = json(&out);
    let found = policy_findings(&report);
    assert!(
        found
            .iter()
            .any(|(id, m)| id == "main/deny" && m == "Deployment web: containers must not run as root"),
        "{found:?}"
    );
    assert!(found.iter().any(|(id, m)| id == "main/warn_latest" && m.contains("latest tag")), "{found:?}");
    assert!(
        found
            .iter()
            .any(|(id, m)| id == "K8sRequiredLabels/deployments-must-have-owner" && m.contains("owner")),
        "{found:?}"
    );
    let finding =
        report["findings"].as_array().unwrap().iter().find(|f| f["rule_id"] == "main/deny").unwrap();
    assert_eq!(finding["location"]["path"], "deploy.yaml");
    assert_eq!(finding["location"]["resource"], "Deployment/shop/web");
    assert_eq!(finding["severity"], "HIGH");

    // Suppressions and exit codes work on policy findings too.
    let out = bosun(
        dir.path(),
        &[
            "scan",
            "deploy.yaml",
            "--no-config",
            "--select",
            "K8S001",
            "--policy",
            &conftest,
            "--fail-on",
            "HIGH",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stdout));

    // A policy file that does not compile is a usage error naming the file.
    std::fs::write(dir.path().join("broken.rego"), "package main\ndeny contains msg if {\n").unwrap();
    let out = bosun(dir.path(), &["scan", "deploy.yaml", "--no-config", "--policy", "broken.rego"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("broken.rego"));
}

#[test]
fn policies_in_the_config_file_apply_too() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("deploy.yaml"), DEPLOYMENT).unwrap();
    std::fs::create_dir(dir.path().join("policy")).unwrap();
    std::fs::copy(format!("{POLICIES}/conftest/deployment.rego"), dir.path().join("policy/deployment.rego"))
        .unwrap();
    std::fs::write(dir.path().join("bosun.toml"), "policies = [\"policy\"]\n").unwrap();
    let report = json(&bosun(dir.path(), &["scan", "deploy.yaml", "--format", "json"]));
    assert!(policy_findings(&report).iter().any(|(id, _)| id == "main/deny"));
}

#[test]
fn policy_test_runs_the_policies_own_tests() {
    let dir = tempfile::tempdir().unwrap();
    let out = bosun(dir.path(), &["policy", "test", &format!("{POLICIES}/conftest/deployment.rego")]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("PASS main.test_root_denied"), "{stdout}");
    assert!(stdout.contains("passed"), "{stdout}");

    std::fs::write(
        dir.path().join("failing.rego"),
        "package main\nimport rego.v1\ndeny contains \"no\" if input.x\ntest_always_fails if { count(deny) == 1 with input as {\"x\": false} }\n",
    )
    .unwrap();
    let out = bosun(dir.path(), &["policy", "test", "failing.rego"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("FAIL main.test_always_fails"));
}
