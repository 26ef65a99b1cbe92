//! Bad policy files: each one is an error naming the file and the reason.

use bosun_policy::{load, Limits, PolicySet, Review};
use std::path::PathBuf;
use std::time::Duration;

fn write(dir: &tempfile::TempDir, name: &str, text: &str) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    path
}

fn load_err(paths: &[PathBuf], limits: &Limits) -> Vec<String> {
    let err = load(paths, limits).unwrap_err();
    err.errors.iter().map(|e| e.to_string()).collect()
}

#[test]
fn every_bad_file_is_reported_with_its_path() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir, "a/broken.rego", "package main\n\ndeny contains msg if {\n");
    write(
        &dir,
        "b/bad.yaml",
        "apiVersion: templates.gatekeeper.sh/v1\nkind: ConstraintTemplate\nmetadata: {name: x\n",
    );
    write(
        &dir,
        "c/orphan.yaml",
        "apiVersion: constraints.gatekeeper.sh/v1beta1\nkind: K8sNothing\nmetadata:\n  name: orphan\n",
    );
    write(&dir, "d/ok.rego", "package main\n\nwarn contains \"w\" if input.x\n");
    let errors = load_err(&[dir.path().to_path_buf()], &Limits::default());
    assert_eq!(errors.len(), 3, "{errors:?}");
    assert!(errors[0].contains("broken.rego"), "{}", errors[0]);
    assert!(errors[1].contains("bad.yaml") && errors[1].contains("invalid YAML"), "{}", errors[1]);
    assert!(
        errors[2].ends_with(
            "orphan.yaml: Constraint K8sNothing/orphan: no ConstraintTemplate defines kind K8sNothing"
        ),
        "{}",
        errors[2]
    );
    let shown = load(&[dir.path().to_path_buf()], &Limits::default()).unwrap_err().to_string();
    assert!(shown.starts_with("3 policy files could not be loaded\n  "), "{shown}");
}

#[test]
fn a_named_file_must_be_a_policy() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = write(&dir, "svc.yaml", "apiVersion: v1\nkind: Service\nmetadata: {name: s}\n");
    let errors = load_err(&[manifest], &Limits::default());
    assert!(errors[0].ends_with("svc.yaml: Service (v1) is not a ConstraintTemplate (templates.gatekeeper.sh) or a Constraint (constraints.gatekeeper.sh)"), "{}", errors[0]);
    let text = write(&dir, "notes.txt", "hello");
    assert!(load_err(&[text], &Limits::default())[0]
        .ends_with("notes.txt: not a .rego, .yaml, .yml or .json file"));
    let missing = dir.path().join("nope.rego");
    assert!(load_err(&[missing], &Limits::default())[0].contains("nope.rego: "));
}

#[test]
fn template_problems_are_explained() {
    let dir = tempfile::tempdir().unwrap();
    let wrong_name = write(&dir, "t1.yaml", "apiVersion: templates.gatekeeper.sh/v1\nkind: ConstraintTemplate\nmetadata: {name: other}\nspec:\n  crd: {spec: {names: {kind: K8sX}}}\n  targets:\n  - target: admission.k8s.gatekeeper.sh\n    rego: |\n      package x\n      violation[{\"msg\": \"m\"}] { true }\n");
    let errors = load_err(&[wrong_name], &Limits::default());
    assert!(errors[0].contains("metadata.name must be the lowercase of kind K8sX"), "{errors:?}");
    let no_violation = write(&dir, "t2.yaml", "apiVersion: templates.gatekeeper.sh/v1\nkind: ConstraintTemplate\nmetadata: {name: k8sx}\nspec:\n  crd: {spec: {names: {kind: K8sX}}}\n  targets:\n  - target: admission.k8s.gatekeeper.sh\n    rego: |\n      package x\n      deny[m] { m := \"no\" }\n");
    assert!(load_err(&[no_violation], &Limits::default())[0].contains("package x has no `violation` rule"));
}

#[test]
fn oversized_files_and_too_many_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let big = write(&dir, "big.rego", &format!("package main\n# {}\n", "x".repeat(2000)));
    let limits = Limits { max_file_bytes: 1000, ..Limits::default() };
    assert!(load_err(&[big], &limits)[0].contains("more than the limit of 1000"));
    for i in 0..5 {
        write(&dir, &format!("many/p{i}.rego"), &format!("package p{i}\n"));
    }
    let limits = Limits { max_files: 3, ..Limits::default() };
    assert!(load_err(&[dir.path().join("many")], &limits)[0].contains("more than 3 policy files"));
}

fn runaway_set(timeout: Duration) -> PolicySet {
    let dir = tempfile::tempdir().unwrap();
    // A cross product of 10^3 × 10^3 elements: legal Rego, but slow by design.
    let path = write(&dir, "slow.rego", "package main\n\nnums := numbers.range(1, 1000)\n\ndeny contains \"slow\" if {\n  some a in nums\n  some b in nums\n  a * b == -1\n}\n");
    load(&[path], &Limits { eval_timeout: timeout, ..Limits::default() }).unwrap()
}

#[test]
fn evaluation_time_is_bounded() {
    let set = runaway_set(Duration::from_millis(5));
    let err = set.evaluate_document(&serde_json::json!({})).unwrap_err();
    assert!(err.to_string().starts_with("policy main/deny failed:"), "{err}");
}

#[test]
fn hostile_documents_are_refused_before_evaluation() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, "p.rego", "package main\n\ndeny contains \"x\" if input.x\n");
    let set = load(&[path], &Limits::default()).unwrap();
    let mut deep = serde_json::json!(1);
    for _ in 0..100 {
        deep = serde_json::json!({"a": deep});
    }
    let err = set.evaluate_document(&deep).unwrap_err();
    assert_eq!(err.to_string(), "input rejected: objects nested deeper than 64 levels");
    let review = Review::from_object(
        &serde_json::json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "x": deep}),
    );
    assert!(set.evaluate_review(&review).is_err());
}
