//! Terraform and CloudFormation through the command line: modules, evaluation,
//! suppressions in the peers' spellings, bad input.

mod common;

use common::{bosun, bosun_stdin, json, tree};
use std::path::{Path, PathBuf};

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/iac").join(path)
}

/// `(path, resource)` of every finding of one rule, sorted.
fn flagged(report: &serde_json::Value, rule: &str) -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule_id"] == rule)
        .map(|f| {
            let location = &f["location"];
            (
                location["path"].as_str().unwrap().to_string(),
                location["resource"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    found.sort();
    found
}

#[test]
fn terraform_is_read_as_it_will_deploy() {
    let dir = fixture("terraform");
    let output = bosun(&dir, &["scan", ".", "--select", "AMZ001", "--format", "json"]);
    let report = json(&output);
    let resources: Vec<String> = flagged(&report, "AMZ001").into_iter().map(|(_, r)| r).collect();
    // The data bucket is encrypted by a split resource that references it; the
    // `never` bucket has count = 0; `prod_only` exists because the default environment is prod.
    assert_eq!(
        resources,
        ["aws_s3_bucket.prod_only[0]", "aws_s3_bucket.public_assets"],
        "{}",
        report["findings"]
    );
    assert_eq!(report["errors"].as_array().unwrap().len(), 0, "{}", report["errors"]);
}

#[test]
fn cloudformation_templates_in_yaml_and_json() {
    let dir = fixture("cloudformation");
    let report = json(&bosun(&dir, &["scan", ".", "--select", "AMZ001", "--format", "json"]));
    assert_eq!(flagged(&report, "AMZ001"), [("stack.yaml".to_string(), "AssetsBucket".to_string())]);

    let template = r#"{"Resources": {"Logs": {"Type": "AWS::S3::Bucket", "Properties": {}}}}"#;
    let dir = tree(&[("stack.json", template), ("package.json", r#"{"name": "not-a-template"}"#)]);
    let report = json(&bosun(dir.path(), &["scan", ".", "--select", "AMZ001", "--format", "json"]));
    assert_eq!(flagged(&report, "AMZ001"), [("stack.json".to_string(), "Logs".to_string())]);
    assert_eq!(report["findings"][0]["location"]["start_line"], 1);
}

#[test]
fn peer_suppressions_cover_whole_resources() {
    let main = r#"# tfsec:ignore:aws-s3-enable-bucket-encryption
resource "aws_s3_bucket" "tfsec" {
  bucket = "a"
}

resource "aws_s3_bucket" "checkov" {
  # checkov:skip=CKV_AWS_19: encrypted by the account default
  bucket = "b"
}

resource "aws_s3_bucket" "bosun" { # bosun:ignore[s3-bucket-unencrypted] public data
  bucket = "c"
}

resource "aws_s3_bucket" "flagged" {
  bucket = "d"
}
"#;
    let template = "Resources:\n  Site:\n    Type: AWS::S3::Bucket\n    Metadata:\n      cfn_nag:\n        rules_to_suppress:\n          - id: W41\n            reason: static site\n";
    let dir = tree(&[("main.tf", main), ("site.yaml", template)]);
    let report = json(&bosun(dir.path(), &["scan", ".", "--select", "AMZ001", "--format", "json"]));
    assert_eq!(flagged(&report, "AMZ001"), [("main.tf".to_string(), "aws_s3_bucket.flagged".to_string())]);
    assert_eq!(report["suppressed"].as_array().unwrap().len(), 4, "{}", report["suppressed"]);
}

#[test]
fn stdin_and_single_files() {
    let text = b"resource \"aws_s3_bucket\" \"x\" {\n  bucket = \"x\"\n}\n";
    let dir = tree(&[]);
    let output = bosun_stdin(
        dir.path(),
        &["scan", "-", "--kind", "terraform", "--format", "json", "--fail-on", "low"],
        text,
    );
    let report = json(&output);
    assert_eq!(flagged(&report, "AMZ001"), [("-".to_string(), "aws_s3_bucket.x".to_string())]);
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn broken_terraform_is_an_error_and_the_rest_is_still_scanned() {
    let dir = tree(&[
        ("broken/main.tf", "resource \"aws_s3_bucket\" \"x\" {\n  bucket = \n"),
        ("ok/main.tf", "resource \"aws_s3_bucket\" \"y\" {\n  bucket = \"y\"\n}\n"),
    ]);
    let report = json(&bosun(dir.path(), &["scan", ".", "--format", "json", "--select", "AMZ001"]));
    let error = &report["errors"][0];
    assert_eq!(error["path"], "broken/main.tf");
    assert!(error["line"].as_u64().is_some(), "{error}");
    assert_eq!(flagged(&report, "AMZ001"), [("ok/main.tf".to_string(), "aws_s3_bucket.y".to_string())]);
}

#[test]
fn kubernetes_objects_in_terraform_meet_the_kubernetes_rules() {
    let main = r#"resource "kubernetes_pod" "debug" {
  metadata {
    name      = "debug"
    namespace = "ops"
  }
  spec {
    container {
      name  = "debug"
      image = "busybox:1.36"
      security_context {
        privileged = true
      }
    }
  }
}
"#;
    let dir = tree(&[("k8s.tf", main)]);
    let report = json(&bosun(dir.path(), &["scan", ".", "--format", "json", "--select", "K8S001"]));
    assert_eq!(flagged(&report, "K8S001"), [("k8s.tf".to_string(), "Pod/ops/debug".to_string())]);
    assert_eq!(report["findings"][0]["location"]["start_line"], 11);
}

#[test]
fn cloud_rules_name_their_provider() {
    let report = json(&bosun(Path::new("."), &["rules", "--format", "json"]));
    let rules = report["rules"].as_array().unwrap();
    let count = |provider: &str| rules.iter().filter(|r| r["provider"] == provider).count();
    for rule in rules.iter().filter(|r| r["provider"].is_string()) {
        assert_eq!(rule["domain"], "cloud", "{rule}");
    }
    assert!(count("aws") >= 1);
    assert!(rules.iter().filter(|r| r["domain"] != "cloud").all(|r| r.get("provider").is_none()));
}

#[test]
fn terraform_plans_are_checked_with_their_planned_values() {
    let plan = r#"{
  "format_version": "1.2",
  "terraform_version": "1.9.0",
  "planned_values": {
    "root_module": {
      "resources": [
        {"address": "aws_s3_bucket.open", "mode": "managed", "type": "aws_s3_bucket", "name": "open",
         "values": {"bucket": "open"}},
        {"address": "aws_s3_bucket.sealed", "mode": "managed", "type": "aws_s3_bucket", "name": "sealed",
         "values": {"bucket": "sealed"}},
        {"address": "aws_s3_bucket_server_side_encryption_configuration.sealed", "mode": "managed",
         "type": "aws_s3_bucket_server_side_encryption_configuration", "name": "sealed",
         "values": {"rule": [{"apply_server_side_encryption_by_default": [{"sse_algorithm": "aws:kms"}]}]}}
      ]
    }
  },
  "resource_changes": [
    {"address": "aws_s3_bucket_server_side_encryption_configuration.sealed",
     "change": {"after_unknown": {"bucket": true}}}
  ],
  "configuration": {
    "root_module": {
      "resources": [
        {"address": "aws_s3_bucket_server_side_encryption_configuration.sealed",
         "expressions": {"bucket": {"references": ["aws_s3_bucket.sealed.id", "aws_s3_bucket.sealed"]}}}
      ]
    }
  }
}
"#;
    let dir = tree(&[("plan.json", plan)]);
    let report = json(&bosun(dir.path(), &["scan", ".", "--select", "AMZ001", "--format", "json"]));
    assert_eq!(flagged(&report, "AMZ001"), [("plan.json".to_string(), "aws_s3_bucket.open".to_string())]);
    assert_eq!(report["findings"][0]["location"]["start_line"], 7, "the resource's object in the plan");
}

#[test]
fn variable_files_and_values_from_the_command_line() {
    let main = r#"variable "encrypt" {
  type    = bool
  default = true
}

resource "aws_s3_bucket" "data" {
  bucket = "data"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "data" {
  count  = var.encrypt ? 1 : 0
  bucket = aws_s3_bucket.data.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}
"#;
    let dir = tree(&[("stack/main.tf", main), ("dev.tfvars", "encrypt = false\n")]);
    let scan = |extra: &[&str]| {
        let mut args = vec!["scan", "stack", "--select", "AMZ001", "--format", "json"];
        args.extend_from_slice(extra);
        flagged(&json(&bosun(dir.path(), &args)), "AMZ001").len()
    };
    assert_eq!(scan(&[]), 0);
    assert_eq!(scan(&["--var-file", "dev.tfvars"]), 1);
    assert_eq!(scan(&["--var-file", "dev.tfvars", "--var", "encrypt=true"]), 0);
    let output = bosun(dir.path(), &["scan", "stack", "--var", "encrypt"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("NAME=VALUE"));
}
