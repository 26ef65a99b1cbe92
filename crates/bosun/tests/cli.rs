//! The command line as users and scripts see it: exit codes, inputs, formats,
//! configuration and suppressions.

mod common;

use common::{bosun, bosun_stdin, finding_paths, json, rule_ids, tree};

const PRIVILEGED_POD: &str = "apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
spec:
  containers:
    - name: web
      image: nginx:1.27
      securityContext:
        privileged: true
";

#[test]
fn exit_codes_follow_fail_on() {
    let dir = tree(&[("deploy/pod.yaml", PRIVILEGED_POD)]);
    let scan = |args: &[&str]| bosun(dir.path(), args).status.code();
    assert_eq!(scan(&["scan", ".", "--select", "K8S001", "-q"]), Some(0), "no --fail-on: report only");
    assert_eq!(scan(&["scan", ".", "--select", "K8S001", "--fail-on", "high", "-q"]), Some(1));
    assert_eq!(scan(&["scan", ".", "--select", "K8S001", "--fail-on", "critical", "-q"]), Some(0));
    assert_eq!(scan(&["scan", ".", "--fail-on", "severe"]), Some(2), "bad severity is a usage error");
    assert_eq!(scan(&["scan", "does-not-exist"]), Some(2), "missing target is an input error");
    assert_eq!(scan(&["scan", ".", "--select", "NOPE999"]), Some(2), "unknown rule selector");
    assert_eq!(scan(&["scan", ".", "--format", "yaml"]), Some(2), "unknown format");
    assert_eq!(scan(&["scan", ".", "--scanners", "bogus"]), Some(2), "unknown scanner");
}

#[test]
fn json_report_follows_the_contract_and_is_deterministic() {
    let dir = tree(&[("deploy/pod.yaml", PRIVILEGED_POD), ("Dockerfile", "FROM alpine:3.20\nUSER root\n")]);
    let first = bosun(dir.path(), &["scan", ".", "-f", "json"]);
    let second = bosun(dir.path(), &["scan", ".", "-f", "json"]);
    assert_eq!(first.stdout, second.stdout, "same input, same bytes");
    let report = json(&first);
    assert_eq!(report["schema_version"], 1);
    assert_eq!(report["tool"]["name"], "bosun");
    let finding = report["findings"].as_array().unwrap().iter().find(|f| f["rule_id"] == "K8S001").unwrap();
    assert_eq!(finding["location"]["path"], "deploy/pod.yaml", "paths are relative to the scanned root");
    assert_eq!(finding["location"]["start_line"], 11);
    assert_eq!(finding["location"]["resource"], "Pod/shop/web");
    assert_eq!(finding["severity"], "HIGH");
    assert!(finding["aliases"].as_array().unwrap().iter().any(|a| a == "CKV_K8S_16"));
    assert_eq!(finding["checklist"][0], "run.no-privileged");
    assert!(report["summary"]["files_scanned"].as_u64().unwrap() >= 2);
    assert_eq!(
        report["summary"]["by_severity"]["HIGH"].as_u64().unwrap() as usize,
        report["findings"].as_array().unwrap().iter().filter(|f| f["severity"] == "HIGH").count()
    );
}

#[test]
fn stdin_reads_a_kubectl_list_stream_and_a_dockerfile() {
    let dir = tempfile::tempdir().unwrap();
    let list = format!(
        "apiVersion: v1\nkind: List\nitems:\n{}",
        PRIVILEGED_POD.lines().map(|l| format!("  {l}\n")).collect::<String>().replacen(
            "  apiVersion",
            "- apiVersion",
            1
        )
    );
    let out = bosun_stdin(dir.path(), &["scan", "-", "-f", "json", "--select", "K8S001"], list.as_bytes());
    let report = json(&out);
    assert_eq!(rule_ids(&report), ["K8S001"]);
    assert_eq!(report["findings"][0]["location"]["path"], "-");

    let out = bosun_stdin(
        dir.path(),
        &["scan", "-", "--kind", "dockerfile", "-f", "json", "--select", "DF001"],
        b"FROM alpine:3.20\n",
    );
    assert_eq!(rule_ids(&json(&out)), ["DF001"]);
}

#[test]
fn select_and_ignore_understand_peer_ids() {
    let dir = tree(&[("pod.yaml", PRIVILEGED_POD)]);
    let ids = |args: &[&str]| rule_ids(&json(&bosun(dir.path(), args)));
    assert_eq!(ids(&["scan", ".", "-f", "json", "--select", "KSV017"]), ["K8S001"]);
    assert_eq!(ids(&["scan", ".", "-f", "json", "--select", "ckv_k8s_16"]), ["K8S001"]);
    assert!(!ids(&["scan", ".", "-f", "json", "--ignore", "privileged-container"])
        .contains(&"K8S001".to_string()));
}

#[test]
fn inline_comments_annotations_and_config_suppress_and_stale_ones_are_reported() {
    let annotated = PRIVILEGED_POD.replace(
        "  namespace: shop\n",
        "  namespace: shop\n  annotations:\n    bosun.dev/ignore: \"CKV_K8S_16 node agent needs it\"\n",
    );
    let commented =
        PRIVILEGED_POD.replace("privileged: true", "privileged: true # bosun:ignore[K8S001] debugging only");
    let config = "[[suppress]]\nrule = \"KSV-0017\"\npath = \"legacy/**\"\nreason = \"legacy\"\n\n[[suppress]]\nrule = \"K8S001\"\npath = \"nowhere/**\"\nreason = \"stale\"\n\n[[suppress]]\nrule = \"K8S001\"\npath = \"expired/**\"\nreason = \"was temporary\"\nexpires = 2020-01-01\n";
    let dir = tree(&[
        ("bosun.toml", config),
        ("annotated/pod.yaml", &annotated),
        ("commented/pod.yaml", &commented),
        ("legacy/pod.yaml", PRIVILEGED_POD),
        ("expired/pod.yaml", PRIVILEGED_POD),
        ("stale/pod.yaml", "# bosun:ignore[K8S001] was privileged once\napiVersion: v1\nkind: Pod\nmetadata:\n  name: ok\nspec:\n  containers:\n    - name: a\n      image: a:1\n"),
    ]);
    let report = json(&bosun(dir.path(), &["scan", ".", "-f", "json", "--select", "K8S001,BOSUN"]));
    let kinds: Vec<&str> = report["suppressed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["suppression"]["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["annotation", "inline", "config"]);
    let found: Vec<(String, String)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["rule_id"].as_str().unwrap().into(), f["location"]["path"].as_str().unwrap().into()))
        .collect();
    let expect = |id: &str, path: &str| {
        assert!(found.contains(&(id.into(), path.into())), "missing {id} at {path}: {found:?}")
    };
    expect("K8S001", "expired/pod.yaml");
    expect("BOSUN002", "bosun.toml");
    expect("BOSUN001", "bosun.toml");
    expect("BOSUN001", "stale/pod.yaml");
    assert_eq!(found.len(), 4, "{found:?}");
}

#[test]
fn unparsable_files_are_reported_and_the_scan_goes_on() {
    let dir = tree(&[
        ("broken.yaml", "apiVersion: v1\nkind: Pod\nmetadata: [unclosed\n"),
        ("pod.yaml", PRIVILEGED_POD),
        ("Dockerfile", "FROM alpine:3.20\nFROBNICATE now\n"),
        ("chart/templates/deploy.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Values.name }}\n  labels: {{- include \"x\" . | nindent 4 }}\n"),
        ("notes.yaml", "just: [some, unrelated, yaml\n"),
    ]);
    let out = bosun(dir.path(), &["scan", ".", "-f", "json", "--select", "K8S001"]);
    let report = json(&out);
    assert_eq!(rule_ids(&report), ["K8S001"]);
    let errors: Vec<&str> =
        report["errors"].as_array().unwrap().iter().map(|e| e["path"].as_str().unwrap()).collect();
    assert_eq!(
        errors,
        ["Dockerfile", "broken.yaml"],
        "unrelated YAML is not an error; templates are skipped"
    );
    assert!(report["errors"][0]["message"].as_str().unwrap().contains("FROBNICATE"));
    assert_eq!(report["skipped"][0]["path"], "chart/templates/deploy.yaml");
}

#[test]
fn hostile_files_never_crash_a_scan() {
    let dir = tree(&[("pod.yaml", PRIVILEGED_POD)]);
    let root = dir.path();
    std::fs::write(root.join("Dockerfile"), [0u8, 159, 146, 150, 0, 1, 2]).unwrap();
    std::fs::create_dir_all(root.join("bad")).unwrap();
    std::fs::write(root.join("bad/latin1.yaml"), b"apiVersion: v1\nkind: Pod\nmetadata:\n  name: caf\xe9\n")
        .unwrap();
    let mut bomb = String::from("apiVersion: v1\nkind: ConfigMap\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..10 {
        bomb.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n",
            p = i - 1
        ));
    }
    std::fs::write(root.join("bad/bomb.yaml"), bomb).unwrap();
    std::fs::write(
        root.join("bad/deep.yaml"),
        format!("apiVersion: v1\nkind: Pod\nspec: {}{}\n", "[".repeat(5000), "]".repeat(5000)),
    )
    .unwrap();
    std::fs::write(
        root.join("bad/huge.yaml"),
        format!("apiVersion: v1\nkind: Pod\nx: {}\n", "a".repeat(3_000_000)),
    )
    .unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink("..", root.join("bad/loop")).unwrap();

    let out = bosun(root, &["scan", ".", "-f", "json", "--max-file-size", "1000000", "--select", "K8S001"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report = json(&out);
    assert_eq!(rule_ids(&report), ["K8S001"]);
    let skipped: Vec<&str> =
        report["skipped"].as_array().unwrap().iter().map(|s| s["path"].as_str().unwrap()).collect();
    assert_eq!(skipped, ["Dockerfile", "bad/huge.yaml"]);
    let errors: Vec<(&str, &str)> = report["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["path"].as_str().unwrap(), e["message"].as_str().unwrap()))
        .collect();
    assert_eq!(errors.len(), 3, "{errors:?}");
    assert!(errors.iter().any(|(p, m)| *p == "bad/bomb.yaml" && m.contains("alias bomb")), "{errors:?}");
    assert!(errors.iter().any(|(p, m)| *p == "bad/deep.yaml" && m.contains("nesting")), "{errors:?}");
    assert!(errors.iter().any(|(p, m)| *p == "bad/latin1.yaml" && m.contains("UTF-8")), "{errors:?}");
}

#[test]
fn several_reports_from_one_run() {
    let dir = tree(&[("pod.yaml", PRIVILEGED_POD)]);
    let out = bosun(
        dir.path(),
        &[
            "scan",
            ".",
            "--select",
            "K8S001",
            "--format",
            "sarif:out.sarif",
            "--format",
            "json:out.json",
            "--format",
            "table",
        ],
    );
    assert!(out.status.success());
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(table.contains("K8S001") && table.contains("1 finding"), "{table}");
    let sarif: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("out.sarif")).unwrap()).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("out.json")).unwrap()).unwrap();
    assert_eq!(rule_ids(&report), ["K8S001"]);
}

#[test]
fn config_file_sets_options_and_severity_overrides() {
    let config = "format = [\"json\"]\nfail-on = \"medium\"\nselect = [\"K8S001\"]\n[rules.privileged-container]\nseverity = \"LOW\"\n";
    let dir = tree(&[("bosun.toml", config), ("app/pod.yaml", PRIVILEGED_POD)]);
    let out = bosun(dir.path(), &["scan", "app"]);
    assert_eq!(out.status.code(), Some(0), "downgraded to LOW, below fail-on MEDIUM");
    let report = json(&out);
    assert_eq!(report["findings"][0]["severity"], "LOW");
    let bad = tree(&[("bosun.toml", "fail-on = \"medium\"\nfial = 1\n"), ("pod.yaml", PRIVILEGED_POD)]);
    let out = bosun(bad.path(), &["scan", "."]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("bosun.toml") && stderr.contains("line 2"), "{stderr}");
}

#[test]
fn rules_command_lists_and_documents_rules() {
    let dir = tempfile::tempdir().unwrap();
    let out = bosun(dir.path(), &["rules", "--format", "json"]);
    let rules = json(&out);
    let first = &rules["rules"][0];
    for key in ["id", "name", "domain", "severity", "title", "checklist", "aliases"] {
        assert!(first.get(key).is_some(), "rules JSON lacks {key}");
    }
    let out = bosun(dir.path(), &["rules", "KSV017"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("# K8S001 `privileged-container`"), "{text}");
    assert_eq!(bosun(dir.path(), &["rules", "NOPE"]).status.code(), Some(2));
}

#[test]
fn loosely_named_dockerfiles_count_only_when_they_look_like_one() {
    let dir = tree(&[
        ("Dockerfile.prod", "# prod image\nFROM alpine:3.20\n"),
        ("api.Dockerfile", "ARG BASE=alpine:3.20\nFROM $BASE\n"),
        ("src/dockerfile.rs", "//! parses Dockerfiles\nfn main() {}\n"),
        ("docs/Dockerfile.md", "# How we build\nUse FROM with a tag.\n"),
    ]);
    let report = json(&bosun(dir.path(), &["scan", ".", "-f", "json", "--select", "DF001"]));
    let paths = finding_paths(&report);
    assert_eq!(paths, ["Dockerfile.prod", "api.Dockerfile"]);
    assert_eq!(report["errors"].as_array().unwrap().len(), 0, "{}", report["errors"]);
}

#[test]
fn kustomize_bases_leave_the_namespace_to_their_overlays() {
    let pod_without_namespace = PRIVILEGED_POD.replace("  namespace: shop\n", "");
    let dir = tree(&[
        (
            "base/kustomization.yaml",
            "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [pod.yaml]\n",
        ),
        ("base/pod.yaml", &pod_without_namespace),
        ("plain/pod.yaml", &pod_without_namespace),
    ]);
    let report = json(&bosun(dir.path(), &["scan", ".", "-f", "json", "--select", "default-namespace"]));
    let paths = finding_paths(&report);
    assert_eq!(paths, ["plain/pod.yaml"]);
}

#[test]
fn excluded_paths_are_not_scanned() {
    let dir = tree(&[("app/pod.yaml", PRIVILEGED_POD), ("tests/fixtures/pod.yaml", PRIVILEGED_POD)]);
    let paths = |args: &[&str]| -> Vec<String> { finding_paths(&json(&bosun(dir.path(), args))) };
    assert_eq!(
        paths(&["scan", ".", "-f", "json", "--select", "K8S001", "--exclude", "tests/**"]),
        ["app/pod.yaml"]
    );
    std::fs::write(dir.path().join("bosun.toml"), "exclude = [\"tests/fixtures/**\"]\n").unwrap();
    assert_eq!(paths(&["scan", ".", "-f", "json", "--select", "K8S001"]), ["app/pod.yaml"]);
    assert_eq!(
        bosun(dir.path(), &["scan", ".", "--exclude", "a/[b"]).status.code(),
        Some(2),
        "bad glob is a usage error"
    );
}

#[test]
fn suppressions_written_for_peer_tools_keep_working() {
    let dockerfile = "FROM debian:12.8\n# hadolint ignore=DL3008\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n";
    let annotated = PRIVILEGED_POD.replace(
        "  namespace: shop\n",
        "  namespace: shop\n  annotations:\n    checkov.io/skip1: CKV_K8S_16=node agent\n",
    );
    let dir = tree(&[("Dockerfile", dockerfile), ("pod.yaml", &annotated)]);
    let report = json(&bosun(dir.path(), &["scan", ".", "-f", "json", "--select", "DF030,K8S001,BOSUN001"]));
    assert!(rule_ids(&report).is_empty(), "{}", report["findings"]);
    let reasons: Vec<&str> = report["suppressed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["suppression"]["reason"].as_str().unwrap())
        .collect();
    assert_eq!(reasons, ["hadolint ignore", "node agent"]);
}

#[test]
fn a_namespace_less_policy_covers_its_own_folder_not_a_sibling_service() {
    let deployment = |ns: &str| {
        format!("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\n  namespace: {ns}\nspec:\n  template:\n    metadata:\n      labels: {{app: x}}\n    spec:\n      containers:\n        - name: a\n          image: a:1\n")
    };
    let policy = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny\nspec:\n  podSelector: {}\n";
    let dir = tree(&[
        ("services/a/policy.yaml", policy),
        ("services/a/deploy.yaml", &deployment("a")),
        ("services/b/deploy.yaml", &deployment("b")),
    ]);
    let report = json(&bosun(dir.path(), &["scan", ".", "-f", "json", "--select", "missing-network-policy"]));
    let paths = finding_paths(&report);
    assert_eq!(paths, ["services/b/deploy.yaml"]);
}
