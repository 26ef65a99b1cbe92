//! The secret scanner through the command line: which files it reads, masking
//! in every report format, suppressions and allowlists, configuration.

mod common;

use common::{bosun, bosun_stdin, json, rule_ids, tree};

/// A GitHub token in the real format with a valid checksum (not a live token).
const GITHUB_TOKEN: &str = "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";
/// The same with its last character changed: the checksum fails.
const GITHUB_LOOKALIKE: &str = "ghp_Kq4Zt8mWx2Bn6Vc9Lp3Rs7Dh1Fj5Gy0Ghhy3";

fn secret_findings(report: &serde_json::Value) -> Vec<(String, u64, String)> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule_id"].as_str().unwrap().starts_with("SEC"))
        .map(|f| {
            (
                f["location"]["path"].as_str().unwrap().to_string(),
                f["location"]["start_line"].as_u64().unwrap(),
                f["rule_id"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn every_text_file_is_read_and_opaque_files_are_not() {
    let env = format!("# deploy settings\nGITHUB_TOKEN={GITHUB_TOKEN}\nOTHER={GITHUB_LOOKALIKE}\n");
    let png = format!("\u{89}PNG\0\0{GITHUB_TOKEN}");
    let dir = tree(&[
        (".env", &env),
        ("src/notes.md", &format!("Use `{GITHUB_TOKEN}` for the bot\n")),
        ("img/logo.png", &png),
        ("dist/site.tar.gz", "not really an archive"),
        ("web/node_modules/lib/index.js", &format!("t='{GITHUB_TOKEN}'\n")),
    ]);
    let report = json(&bosun(dir.path(), &["scan", ".", "--scanners", "secret", "--format", "json"]));
    assert_eq!(
        secret_findings(&report),
        [
            (".env".to_string(), 2, "SEC040".to_string()),
            ("src/notes.md".to_string(), 1, "SEC040".to_string())
        ],
        "the look-alike with a wrong checksum, the image and vendored code are not reported"
    );
    let skipped: Vec<&str> =
        report["skipped"].as_array().unwrap().iter().map(|s| s["path"].as_str().unwrap()).collect();
    assert_eq!(
        skipped,
        ["dist/site.tar.gz"],
        "archives are reported as skipped; images are passed over quietly"
    );
    assert_eq!(report["summary"]["files_scanned"], 2);
}

#[test]
fn secrets_are_masked_in_every_format_unless_asked() {
    let dir = tree(&[("config/app.env", &format!("TOKEN={GITHUB_TOKEN}\n"))]);
    for format in ["table", "json", "sarif", "junit", "checklist"] {
        let output = bosun(dir.path(), &["scan", ".", "--format", format, "--color", "never"]);
        let text = String::from_utf8_lossy(&output.stdout);
        assert!(!text.contains(&GITHUB_TOKEN[4..]), "{format} shows the secret:\n{text}");
    }
    let table = bosun(dir.path(), &["scan", "."]);
    assert!(String::from_utf8_lossy(&table.stdout).contains("ghp_*****"));

    let shown = json(&bosun(dir.path(), &["scan", ".", "--format", "json", "--show-secrets"]));
    let finding = &shown["findings"][0];
    assert_eq!(finding["secret"]["match"], GITHUB_TOKEN);
    assert_eq!(finding["secret"]["redacted"], false);
    let masked = json(&bosun(dir.path(), &["scan", ".", "--format", "json"]));
    assert_eq!(
        masked["findings"][0]["fingerprint"], finding["fingerprint"],
        "fingerprints do not depend on masking"
    );
}

#[test]
fn kubernetes_secret_data_is_decoded() {
    use base64::Engine as _;
    let encoded = base64::engine::general_purpose::STANDARD.encode(GITHUB_TOKEN);
    let manifest = format!(
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: bot\n  namespace: ci\ndata:\n  token: {encoded}\n"
    );
    let dir = tree(&[("k8s/bot.yaml", &manifest)]);
    let report = json(&bosun(dir.path(), &["scan", ".", "--format", "json"]));
    let finding =
        report["findings"].as_array().unwrap().iter().find(|f| f["rule_id"] == "SEC040").expect("found");
    assert_eq!(finding["location"]["start_line"], 7);
    assert_eq!(finding["location"]["resource"], "Secret/ci/bot");
    assert!(finding["message"].as_str().unwrap().contains("base64-decoded from data.token"));
    let table = String::from_utf8_lossy(&bosun(dir.path(), &["scan", "."]).stdout).to_string();
    assert!(!table.contains(&encoded), "the encoded form is masked in snippets too:\n{table}");
    // The misconfiguration rules still run on the same file.
    assert!(rule_ids(&report).iter().any(|id| id.starts_with("K8S")));
}

#[test]
fn inline_markers_and_peer_annotations_suppress() {
    let text = format!(
        "<!-- bosun:ignore[SEC040] documented test token -->\n{GITHUB_TOKEN}\n\
         a = \"{GITHUB_TOKEN}\" # gitleaks:allow\n\
         b = \"{GITHUB_TOKEN}\" # pragma: allowlist secret\n\
         c = \"{GITHUB_TOKEN}\"\n"
    );
    let dir = tree(&[("README.md", &text)]);
    let report = json(&bosun(dir.path(), &["scan", ".", "--format", "json"]));
    assert_eq!(secret_findings(&report), [("README.md".to_string(), 5, "SEC040".to_string())]);
    let suppressed = report["suppressed"].as_array().unwrap();
    assert_eq!(suppressed.len(), 1);
    assert_eq!(suppressed[0]["suppression"]["reason"], "documented test token");
}

#[test]
fn scanners_select_severity_and_fail_on_apply_to_secret_rules() {
    let dir = tree(&[
        ("token.txt", &format!("{GITHUB_TOKEN}\n")),
        ("Dockerfile", "FROM alpine:latest\nRUN echo hi\n"),
    ]);
    let only_secrets = json(&bosun(dir.path(), &["scan", ".", "--scanners", "secret", "--format", "json"]));
    assert_eq!(rule_ids(&only_secrets), ["SEC040"]);
    let only_misconfig =
        json(&bosun(dir.path(), &["scan", ".", "--scanners", "misconfig", "--format", "json"]));
    assert!(!rule_ids(&only_misconfig).is_empty());
    assert!(rule_ids(&only_misconfig).iter().all(|id| !id.starts_with("SEC")));
    let by_domain = json(&bosun(dir.path(), &["scan", ".", "--select", "secret", "--format", "json"]));
    assert_eq!(rule_ids(&by_domain), ["SEC040"]);
    let by_alias = json(&bosun(dir.path(), &["scan", ".", "--ignore", "github-pat", "--format", "json"]));
    assert!(!rule_ids(&by_alias).contains(&"SEC040".to_string()));

    assert_eq!(
        bosun(dir.path(), &["scan", ".", "--scanners", "secret", "--fail-on", "critical"]).status.code(),
        Some(1)
    );
    std::fs::write(dir.path().join("bosun.toml"), "[rules.github-pat]\nseverity = \"LOW\"\n").unwrap();
    let rerated = json(&bosun(dir.path(), &["scan", ".", "--scanners", "secret", "--format", "json"]));
    assert_eq!(rerated["findings"][0]["severity"], "LOW");
    assert_eq!(
        bosun(dir.path(), &["scan", ".", "--scanners", "secret", "--fail-on", "high"]).status.code(),
        Some(0)
    );
}

#[test]
fn allowlists_in_bosun_toml() {
    let dir = tree(&[
        ("fixtures/token.txt", &format!("{GITHUB_TOKEN}\n")),
        ("src/token.txt", &format!("{GITHUB_TOKEN}\n")),
    ]);
    let scan = |config: &str| {
        std::fs::write(dir.path().join("bosun.toml"), config).unwrap();
        secret_findings(&json(&bosun(dir.path(), &["scan", ".", "--scanners", "secret", "--format", "json"])))
    };
    assert_eq!(scan("").len(), 2);
    assert_eq!(scan("[secrets]\nallow-paths = ['^fixtures/']\n").len(), 1);
    assert_eq!(scan("[secrets]\nallow-regexes = ['^ghp_Kq4Z']\n").len(), 0);
    assert_eq!(scan("[rules.SEC040]\nstopwords = ['kq4zt']\n").len(), 0);
    let bad = bosun(dir.path(), &["scan", "."]);
    assert_eq!(bad.status.code(), Some(0));
    std::fs::write(dir.path().join("bosun.toml"), "[rules.K8S001]\nstopwords = ['x']\n").unwrap();
    let misplaced = bosun(dir.path(), &["scan", "."]);
    assert_eq!(misplaced.status.code(), Some(2), "allowlists on a non-secret rule would do nothing");
    assert!(String::from_utf8_lossy(&misplaced.stderr).contains("secret rules only"));
    std::fs::write(dir.path().join("bosun.toml"), "[secrets]\nallow-regexes = ['(']\n").unwrap();
    let bad = bosun(dir.path(), &["scan", "."]);
    assert_eq!(bad.status.code(), Some(2), "a bad allowlist regex is a usage error");
    assert!(String::from_utf8_lossy(&bad.stderr).contains("allow-regexes"));
}

#[test]
fn stdin_is_read_once_for_both_scanners() {
    let dir = tree(&[]);
    let input = format!("FROM alpine:latest\nENV GH={GITHUB_TOKEN}\n");
    let output = bosun_stdin(dir.path(), &["scan", "-", "--format", "json"], input.as_bytes());
    let ids = rule_ids(&json(&output));
    assert!(ids.contains(&"SEC040".to_string()), "{ids:?}");
    assert!(ids.iter().any(|id| id.starts_with("DF")), "{ids:?}");
}

#[test]
fn oversized_binary_and_invalid_utf8_files_never_stop_the_scan() {
    let mut latin1 = b"caf\xe9 = 1\n".to_vec();
    latin1.extend_from_slice(format!("key = {GITHUB_TOKEN}\n").as_bytes());
    let dir = tree(&[("big.log", &"x".repeat(2048))]);
    std::fs::write(dir.path().join("latin1.cfg"), latin1).unwrap();
    let report = json(&bosun(
        dir.path(),
        &["scan", ".", "--scanners", "secret", "--max-file-size", "1024", "--format", "json"],
    ));
    assert_eq!(secret_findings(&report), [("latin1.cfg".to_string(), 2, "SEC040".to_string())]);
    let skipped = &report["skipped"][0];
    assert_eq!(skipped["path"], "big.log");
    assert!(skipped["reason"].as_str().unwrap().contains("size limit"));
}

#[test]
fn every_secret_rule_is_listed_with_its_domain() {
    let dir = tree(&[]);
    let rules = json(&bosun(dir.path(), &["rules", "--format", "json"]));
    let secret: Vec<&serde_json::Value> =
        rules["rules"].as_array().unwrap().iter().filter(|r| r["domain"] == "secret").collect();
    assert!(!secret.is_empty());
    assert!(secret.iter().all(|r| r["id"].as_str().unwrap().starts_with("SEC")));
    assert!(secret.iter().all(|r| !r["aliases"].as_array().unwrap().is_empty()));
}

fn git(dir: &std::path::Path, args: &[&str]) {
    let status = std::process::Command::new("git")
        .args([
            "-c",
            "user.name=Ann Author",
            "-c",
            "user.email=ann@example.org",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_DATE", "2024-05-01T12:00:00+02:00")
        .env("GIT_COMMITTER_DATE", "2024-05-01T12:00:00+02:00")
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

#[test]
fn history_reports_deleted_secrets_with_the_commit_that_added_them() {
    let dir = tree(&[("deploy.env", &format!("TOKEN={GITHUB_TOKEN}\n"))]);
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-q", "-m", "Add deploy settings"]);
    git(dir.path(), &["rm", "-q", "deploy.env"]);
    git(dir.path(), &["commit", "-q", "-m", "Remove the token"]);

    let files = json(&bosun(dir.path(), &["scan", ".", "--format", "json"]));
    assert!(secret_findings(&files).is_empty(), "the working tree is clean");

    let output = bosun(dir.path(), &["scan", "--history", ".", "--format", "json"]);
    let report = json(&output);
    assert_eq!(secret_findings(&report), [("deploy.env".to_string(), 1, "SEC040".to_string())]);
    let commit = &report["findings"][0]["commit"];
    assert_eq!(commit["author"], "Ann Author");
    assert_eq!(commit["email"], "ann@example.org");
    assert_eq!(commit["date"], "2024-05-01T12:00:00+02:00");
    assert_eq!(commit["summary"], "Add deploy settings");
    assert_eq!(commit["id"].as_str().unwrap().len(), 40);
    assert_eq!(report["findings"][0]["secret"]["match"], "ghp_*****");

    let excluded =
        json(&bosun(dir.path(), &["scan", "--history", ".", "--exclude", "*.env", "--format", "json"]));
    assert!(secret_findings(&excluded).is_empty(), "--exclude applies to history paths too");

    let later = json(&bosun(dir.path(), &["scan", "--history=HEAD~1..HEAD", ".", "--format", "json"]));
    assert!(secret_findings(&later).is_empty(), "the range excludes the commit that added it");

    let table = String::from_utf8_lossy(&bosun(dir.path(), &["scan", "--history", "."]).stdout).to_string();
    assert!(table.contains("introduced in") && table.contains("Ann Author"), "{table}");

    let mixed = bosun(dir.path(), &["scan", "--history", ".", "--scanners", "misconfig"]);
    assert_eq!(mixed.status.code(), Some(2));
    let not_a_repo = tree(&[("a.txt", "x")]);
    let failed = bosun(not_a_repo.path(), &["scan", "--history", "."]);
    assert_eq!(failed.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&failed.stderr).contains("not a git repository"));
}

#[test]
fn gitleaks_configurations_bring_their_rules_and_allowlists() {
    let config = r#"
title = "team rules"

[extend]
useDefault = true

[[rules]]
id = "acme-internal-token"
description = "ACME internal service token"
regex = '''acme_tok_[a-z0-9]{24}'''
keywords = ["acme_tok_"]

[allowlist]
paths = ['''^fixtures/''']
"#;
    let dir = tree(&[
        (".gitleaks.toml", config),
        ("app.cfg", &format!("internal = acme_tok_9f8e7d6c5b4a39281706f5e4\ngithub = {GITHUB_TOKEN}\n")),
        ("fixtures/app.cfg", "internal = acme_tok_9f8e7d6c5b4a39281706f5e4\n"),
    ]);
    let args =
        ["scan", ".", "--scanners", "secret", "--secrets-config", ".gitleaks.toml", "--format", "json"];
    let report = json(&bosun(dir.path(), &args));
    assert_eq!(
        secret_findings(&report),
        [("app.cfg".to_string(), 2, "SEC040".to_string())],
        "custom rule ids are kept as written, so they do not start with SEC"
    );
    assert_eq!(rule_ids(&report), ["acme-internal-token", "SEC040"]);
    let selected = json(&bosun(dir.path(), &[&args[..], &["--select", "acme-internal-token"]].concat()));
    assert_eq!(rule_ids(&selected), ["acme-internal-token"]);

    std::fs::write(dir.path().join("bad.toml"), "[[rules]]\nid = \"x\"\nregex = '(unclosed'\n").unwrap();
    let bad = bosun(dir.path(), &["scan", ".", "--secrets-config", "bad.toml"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("x"), "the error names the rule");
}
