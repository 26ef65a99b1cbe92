//! End to end: real-style policies on real documents, through the public API only.

use bosun_policy::{
    load, run_tests, Enforcement, Limits, PolicyOrigin, PolicySet, Review, TestOutcome, Violation,
};
use std::path::{Path, PathBuf};

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(rel)
}

fn doc(rel: &str) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(fixture(rel)).unwrap()).unwrap()
}

fn load_paths(rels: &[&str]) -> PolicySet {
    let paths: Vec<_> = rels.iter().map(|r| fixture(r)).collect();
    load(&paths, &Limits::default()).unwrap_or_else(|e| panic!("{e}"))
}

/// (id, enforcement, message) of each violation, sorted, for whole-result assertions.
fn summary(violations: &[Violation]) -> Vec<(String, Enforcement, String)> {
    let mut out: Vec<_> =
        violations.iter().map(|v| (v.origin.id(), v.enforcement, v.message.clone())).collect();
    out.sort();
    out
}

fn admission_pod() -> Review {
    Review::from_admission_request(&doc("docs/admission-pod.json")["request"]).unwrap()
}

#[test]
fn gatekeeper_library_templates_review_a_pod() {
    let set = load_paths(&["gatekeeper"]);
    let got = summary(&set.evaluate_review(&admission_pod()).unwrap());
    let want = vec![
        ("K8sAllowedRepos/repo-is-openpolicyagent".to_string(), Enforcement::Warn,
         "container <shell> has an invalid image repo <registry.k8s.io/debug/shell:1>, allowed repos are [\"openpolicyagent/\"]".to_string()),
        ("K8sAllowedRepos/repo-is-openpolicyagent".to_string(), Enforcement::Warn,
         "initContainer <init> has an invalid image repo <busybox:1.36>, allowed repos are [\"openpolicyagent/\"]".to_string()),
        ("K8sContainerLimits/container-must-have-limits".to_string(), Enforcement::Audit,
         "container <app> cpu limit <2> is higher than the maximum allowed of <200m>".to_string()),
        ("K8sContainerLimits/container-must-have-limits".to_string(), Enforcement::Audit,
         "container <app> memory limit <2Gi> is higher than the maximum allowed of <1Gi>".to_string()),
        ("K8sContainerLimits/container-must-have-limits".to_string(), Enforcement::Audit,
         "container <shell> has no resource limits".to_string()),
        ("K8sPSPPrivilegedContainer/psp-privileged-container".to_string(), Enforcement::Deny,
         "Privileged container is not allowed: app, securityContext: {\"privileged\": true}".to_string()),
    ];
    assert_eq!(got, want);
}

#[test]
fn constraints_honour_match_and_operation() {
    let set = load_paths(&["gatekeeper"]);
    let mut review = admission_pod();
    review.namespace = "kube-system".into();
    let ids: Vec<_> = set.evaluate_review(&review).unwrap().iter().map(|v| v.origin.id()).collect();
    assert!(ids.iter().all(|id| id.starts_with("K8sContainerLimits/")), "{ids:?}");

    // The privileged template itself skips UPDATEs (the field is immutable).
    let mut review = admission_pod();
    review.operation = "UPDATE".into();
    review.request.as_mut().unwrap()["operation"] = "UPDATE".into();
    let violations = set.evaluate_review(&review).unwrap();
    assert!(!violations.iter().any(|v| v.origin.id().starts_with("K8sPSPPrivilegedContainer")));
}

#[test]
fn a_scanned_deployment_meets_conftest_and_gatekeeper_policies() {
    let set = load_paths(&["conftest", "gatekeeper"]);
    let violations = set.evaluate_document(&doc("docs/deployment.json")).unwrap();
    assert_eq!(
        summary(&violations),
        vec![
            (
                "K8sRequiredLabels/deployments-must-have-owner".to_string(),
                Enforcement::Deny,
                "All deployments must have an `owner` label that points to your company username".to_string()
            ),
            (
                "kubernetes.security/violation".to_string(),
                Enforcement::Deny,
                "container web is privileged".to_string()
            ),
            (
                "main/deny".to_string(),
                Enforcement::Deny,
                "Deployment web: containers must not run as root".to_string()
            ),
            (
                "main/warn_latest".to_string(),
                Enforcement::Warn,
                "container web uses the latest tag".to_string()
            ),
        ]
    );
    let warn = violations.iter().find(|v| v.enforcement == Enforcement::Warn).unwrap();
    assert_eq!(warn.details, Some(serde_json::json!({"container": "web"})));
    let legacy = violations.iter().find(|v| v.origin.id() == "kubernetes.security/violation").unwrap();
    assert_eq!(legacy.details, Some(serde_json::json!({"severity": "high"})));
}

#[test]
fn required_labels_reports_missing_labels_in_details() {
    let set = load_paths(&["gatekeeper/requiredlabels.yaml"]);
    let mut deployment = doc("docs/deployment.json");
    deployment["metadata"]["labels"] = serde_json::json!({"app": "web"});
    let violations = set.evaluate_document(&deployment).unwrap();
    assert_eq!(violations.len(), 1);
    assert_eq!(violations[0].details, Some(serde_json::json!({"missing_labels": ["owner"]})));
    deployment["metadata"]["labels"]["owner"] = "alice.agilebank.demo".into();
    assert!(set.evaluate_document(&deployment).unwrap().is_empty());
}

#[test]
fn violations_become_findings() {
    let set = load_paths(&["gatekeeper/requiredlabels.yaml"]);
    let violations = set.evaluate_document(&doc("docs/deployment.json")).unwrap();
    let location = bosun_core::Location {
        path: "deploy/web.yaml".into(),
        start_line: 1,
        end_line: 20,
        resource: Some("Deployment/shop/web".into()),
        layer_digest: None,
    };
    let finding = violations[0].to_finding(location);
    assert_eq!(finding.rule_id, "K8sRequiredLabels/deployments-must-have-owner");
    assert_eq!(finding.name, "deployments-must-have-owner");
    assert_eq!(finding.severity, bosun_core::Severity::High);
    assert!(finding.message.starts_with("All deployments must have"));
    assert!(!finding.fingerprint.is_empty());
}

#[test]
fn policy_test_runs_test_rules() {
    let set = load_paths(&["conftest"]);
    let report = run_tests(&set);
    let results: Vec<_> =
        report.results.iter().map(|r| (r.package.as_str(), r.name.as_str(), r.outcome.clone())).collect();
    assert_eq!(
        results,
        vec![
            ("kubernetes.security", "test_deliberately_failing", TestOutcome::Fail),
            ("main", "test_non_root_allowed", TestOutcome::Pass),
            ("main", "test_root_denied", TestOutcome::Pass),
        ]
    );
    assert_eq!(report.summary(), "2 passed, 1 failed");
    assert!(!report.success());
}

#[test]
fn origins_name_package_and_rule() {
    let set = load_paths(&["conftest/deployment.rego"]);
    let violations = set.evaluate_document(&doc("docs/deployment.json")).unwrap();
    assert!(violations
        .iter()
        .any(|v| v.origin == PolicyOrigin::Rego { package: "main".into(), rule: "deny".into() }));
}

#[test]
fn directories_skip_non_policy_yaml() {
    let set = load_paths(&["gatekeeper"]);
    let skipped: Vec<_> =
        set.skipped().iter().map(|s| s.path.file_name().unwrap().to_string_lossy().to_string()).collect();
    assert_eq!(skipped, ["kustomization.yaml"]);
    assert_eq!(set.constraint_ids().len(), 4);
    assert!(set.notes().is_empty(), "{:?}", set.notes());
}

#[test]
fn evaluation_is_shared_between_threads() {
    let set = std::sync::Arc::new(load_paths(&["conftest", "gatekeeper"]));
    let deployment = doc("docs/deployment.json");
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let set = set.clone();
            let deployment = deployment.clone();
            std::thread::spawn(move || {
                (0..25).map(|_| set.evaluate_document(&deployment).unwrap().len()).collect::<Vec<_>>()
            })
        })
        .collect();
    for handle in handles {
        assert!(handle.join().unwrap().iter().all(|&n| n == 4));
    }
}

#[test]
fn builtins_gatekeeper_library_relies_on_behave_like_opa() {
    let set = load_paths(&["builtins"]);
    let report = run_tests(&set);
    let failures: Vec<_> = report.results.iter().filter(|r| r.outcome != TestOutcome::Pass).collect();
    assert!(failures.is_empty(), "{failures:?}");
    assert_eq!(report.summary(), "6 passed, 0 failed");
}

#[test]
fn templates_in_the_code_form_with_rego_v1() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nolatest.yaml");
    std::fs::write(
        &path,
        r#"apiVersion: templates.gatekeeper.sh/v1
kind: ConstraintTemplate
metadata:
  name: k8snolatest
spec:
  crd:
    spec:
      names:
        kind: K8sNoLatest
  targets:
    - target: admission.k8s.gatekeeper.sh
      code:
        - engine: K8sNativeValidation
          source:
            validations: []
        - engine: Rego
          source:
            version: "v1"
            rego: |
              package k8snolatest

              violation contains {"msg": msg} if {
                some c in input.review.object.spec.containers
                endswith(c.image, ":latest")
                msg := sprintf("%s uses :latest", [c.name])
              }
---
apiVersion: constraints.gatekeeper.sh/v1beta1
kind: K8sNoLatest
metadata:
  name: no-latest
spec:
  match:
    namespaceSelector:
      matchLabels: {env: prod}
"#,
    )
    .unwrap();
    let set = load(&[path], &Limits::default()).unwrap();
    assert_eq!(set.notes(), ["K8sNoLatest/no-latest uses namespaceSelector: it applies to namespaced objects only when namespace labels are known"]);
    let pod = serde_json::json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "namespace": "shop"},
                                 "spec": {"containers": [{"name": "app", "image": "nginx:latest"}]}});
    assert!(set.evaluate_document(&pod).unwrap().is_empty(), "namespace labels unknown: not applied");
    let mut review = Review::from_object(&pod);
    review.namespace_labels = Some([("env".to_string(), "prod".to_string())].into());
    let messages: Vec<_> = set.evaluate_review(&review).unwrap().into_iter().map(|v| v.message).collect();
    assert_eq!(messages, ["app uses :latest"]);
}

#[test]
fn conftest_rules_see_the_same_object_in_scan_and_admission() {
    let set = load_paths(&["conftest"]);
    let deployment = doc("docs/deployment.json");
    let scanned = summary(&set.evaluate_document(&deployment).unwrap());
    let reviewed = summary(&set.evaluate_review(&Review::from_object(&deployment)).unwrap());
    assert_eq!(scanned.len(), 3);
    assert_eq!(scanned, reviewed);
}
