//! End to end on AdmissionReview documents shaped as kube-apiserver sends them.

use bosun_admission::config::{Mode, MutationConfig};
use bosun_admission::exemptions::{LabelExpression, LabelOperator, LabelSelector};
use bosun_admission::{Admission, AdmissionConfig, ReviewError};
use serde_json::{json, Value};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn fixture_json(name: &str) -> Value {
    serde_json::from_slice(&fixture(name)).unwrap()
}

fn admission(config: AdmissionConfig) -> Admission {
    Admission::new(config, bosun_core::config::Config::default()).unwrap()
}

fn enforcing() -> Admission {
    admission(strict())
}

/// Everything enforced, `latest` forbidden by the image policy too.
fn strict() -> AdmissionConfig {
    let mut config = AdmissionConfig { mode: Mode::Enforce, ..Default::default() };
    config.images.forbid_latest = true;
    config
}

fn response_json(outcome: &bosun_admission::Outcome) -> Value {
    serde_json::from_slice(&outcome.body()).unwrap()
}

#[test]
fn enforce_denies_with_each_rule_id_title_and_field() {
    let outcome = enforcing().validate(&fixture("create-deployment.json")).unwrap();
    let body = response_json(&outcome);
    assert_eq!(body["apiVersion"], "admission.k8s.io/v1");
    assert_eq!(body["kind"], "AdmissionReview");
    assert_eq!(body["response"]["uid"], "705ab4f5-6393-11e8-b7cc-42010a800002");
    assert_eq!(body["response"]["allowed"], false);
    assert_eq!(body["response"]["status"]["code"], 403);
    let message = body["response"]["status"]["message"].as_str().unwrap();
    assert!(message.starts_with("bosun denied Deployment shop/web: "), "{message}");
    assert!(
        message.contains(
            "\n- K8S001 Container runs privileged: container \"web\" sets privileged: true \
             (at spec.template.spec.containers[0].securityContext.privileged)"
        ),
        "{message}"
    );
    assert!(message.contains("\n- ADM003 Image uses the latest tag or no tag: container \"web\" uses image \"nginx:latest\" with the latest tag (at spec.template.spec.containers[0].image)"), "{message}");
    assert!(!outcome.log.allowed);
    assert_eq!(outcome.log.mode, "enforce");
    assert!(outcome.log.rule_ids.contains(&"K8S001".to_string()));
}

#[test]
fn warn_allows_and_returns_one_warning_per_violation() {
    let outcome = admission(AdmissionConfig::default()).validate(&fixture("create-deployment.json")).unwrap();
    let response = outcome.response();
    assert!(response.allowed);
    assert!(response.status.is_none());
    assert_eq!(response.warnings.len(), outcome.log.violations.len());
    assert!(response.warnings.iter().any(|w| w.starts_with("K8S001 Container runs privileged: ")));
    assert!(response.warnings.iter().all(|w| w.chars().count() <= 256));
    assert_eq!(outcome.log.mode, "warn");
}

#[test]
fn audit_allows_silently_but_logs_the_rules() {
    let outcome = admission(AdmissionConfig { mode: Mode::Audit, ..Default::default() })
        .validate(&fixture("create-deployment.json"))
        .unwrap();
    assert!(outcome.response().allowed);
    assert!(outcome.response().warnings.is_empty());
    assert_eq!(outcome.log.mode, "audit");
    assert!(outcome.log.rule_ids.contains(&"K8S001".to_string()));
    assert!(outcome.log.violations.iter().all(|v| v.mode == Mode::Audit));
}

#[test]
fn per_rule_modes_by_name_override_the_global_mode() {
    let mut config = AdmissionConfig { mode: Mode::Audit, ..strict() };
    config.rules.insert("privileged-container".into(), Mode::Enforce);
    config.rules.insert("K8S021".into(), Mode::Warn);
    config.rules.insert("admission-image-latest".into(), Mode::Off);
    let outcome = admission(config).validate(&fixture("create-deployment.json")).unwrap();
    let response = outcome.response();
    assert!(!response.allowed);
    let message = &response.status.as_ref().unwrap().message;
    assert!(message.starts_with("bosun denied Deployment shop/web: 1 rule enforced\n- K8S001 "), "{message}");
    assert_eq!(response.warnings.len(), 1);
    assert!(response.warnings[0].starts_with("K8S021 "), "{:?}", response.warnings);
    assert!(!outcome.log.rule_ids.contains(&"ADM003".to_string()), "off rules are not even logged");
}

#[test]
fn a_rule_key_that_names_no_rule_is_a_config_error() {
    let mut config = AdmissionConfig::default();
    config.rules.insert("privileged-containr".into(), Mode::Enforce);
    let error = Admission::new(config, Default::default()).err().unwrap();
    assert_eq!(
        error.to_string(),
        "[admission]: rules.privileged-containr: no Kubernetes or image rule has this id or name"
    );
}

#[test]
fn a_hardened_deployment_passes_every_rule() {
    let outcome = enforcing().validate(&fixture("create-deployment-hardened.json")).unwrap();
    assert!(outcome.response().allowed, "{:?}", outcome.response().status);
    assert!(outcome.log.violations.is_empty(), "{:?}", outcome.log.violations);
    assert_eq!(outcome.log.mode, "none");
    assert_eq!(outcome.log.user, "system:serviceaccount:argocd:argocd-application-controller");
}

#[test]
fn kube_system_is_exempt_by_default() {
    let outcome = enforcing().validate(&fixture("create-pod-kube-system.json")).unwrap();
    assert!(outcome.response().allowed);
    assert!(outcome.response().warnings.is_empty());
    assert_eq!(outcome.log.mode, "exempt");
    assert_eq!(outcome.log.reason.as_deref(), Some("namespace kube-system"));
    assert_eq!(outcome.log.kind, "v1/Pod");

    // Without the exemption the same pod is denied.
    let mut config = AdmissionConfig { mode: Mode::Enforce, ..Default::default() };
    config.exempt.namespaces.clear();
    let outcome = admission(config).validate(&fixture("create-pod-kube-system.json")).unwrap();
    assert!(!outcome.response().allowed);
    let message = &outcome.response().status.as_ref().unwrap().message;
    assert!(message.starts_with("bosun denied Pod kube-system/kube-proxy-7xk2p: "), "{message}");
    assert!(message.contains("K8S002 "), "hostNetwork: {message}");
}

#[test]
fn objects_matching_a_label_selector_are_exempt() {
    let mut config = AdmissionConfig { mode: Mode::Enforce, ..Default::default() };
    config.exempt.labels.push(LabelSelector {
        match_expressions: vec![LabelExpression {
            key: "app".into(),
            operator: LabelOperator::In,
            values: vec!["web".into(), "legacy".into()],
        }],
        ..Default::default()
    });
    let outcome = admission(config.clone()).validate(&fixture("create-deployment.json")).unwrap();
    assert!(outcome.response().allowed);
    assert_eq!(outcome.log.reason.as_deref(), Some("label selector 1"));

    config.exempt.labels[0].match_expressions[0].values = vec!["legacy".into()];
    let outcome = admission(config).validate(&fixture("create-deployment.json")).unwrap();
    assert!(!outcome.response().allowed);
}

#[test]
fn dry_run_gets_the_same_decision_and_is_marked_in_the_log() {
    let admission = enforcing();
    let real = admission.validate(&fixture("create-deployment.json")).unwrap();
    let dry = admission.validate(&fixture("create-deployment-dryrun.json")).unwrap();
    assert_eq!(dry.response().allowed, real.response().allowed);
    assert_eq!(
        dry.response().status.as_ref().unwrap().message,
        real.response().status.as_ref().unwrap().message
    );
    assert!(dry.log.dry_run);
    assert!(!real.log.dry_run);
    let line: Value = serde_json::from_str(&dry.log.to_line()).unwrap();
    assert_eq!(line["dry_run"], true);
}

#[test]
fn delete_with_a_null_object_is_allowed_without_evaluation() {
    let outcome = enforcing().validate(&fixture("delete-deployment.json")).unwrap();
    assert!(outcome.response().allowed);
    assert_eq!(outcome.response().uid, "d5a3e8b2-3f40-4e77-9b5c-9a4f3e2d1c00");
    assert_eq!(outcome.log.mode, "skipped");
    assert_eq!(outcome.log.operation, "DELETE");
}

#[test]
fn an_update_that_keeps_the_pod_template_is_not_denied_for_old_violations() {
    let outcome = enforcing().validate(&fixture("update-deployment-replicas.json")).unwrap();
    let response = outcome.response();
    assert!(response.allowed, "{:?}", response.status);
    assert!(response
        .warnings
        .iter()
        .any(|w| w.starts_with("already present, not denied: K8S001 Container runs privileged")));
    assert!(outcome.log.violations.iter().all(|v| v.already_present && v.mode == Mode::Enforce));
    assert_eq!(outcome.log.mode, "warn");
}

#[test]
fn an_update_that_changes_the_pod_template_is_judged_in_full() {
    let outcome = enforcing().validate(&fixture("update-deployment-image.json")).unwrap();
    assert!(!outcome.response().allowed);
    let message = &outcome.response().status.as_ref().unwrap().message;
    assert!(message.contains("K8S001 "), "{message}");
    // The new image has a tag, so the latest-tag rule is gone.
    assert!(!message.contains("ADM003"), "{message}");
    assert!(outcome.log.violations.iter().all(|v| !v.already_present));
}

#[test]
fn an_update_that_adds_a_violation_without_touching_the_template_is_denied_for_it() {
    // The namespace is outside the template: moving to `default` is new.
    let mut review = fixture_json("update-deployment-replicas.json");
    review["request"]["namespace"] = json!("default");
    review["request"]["object"]["metadata"]["namespace"] = json!("default");
    let mut config = AdmissionConfig { mode: Mode::Audit, ..Default::default() };
    config.rules.insert("default-namespace".into(), Mode::Enforce);
    config.rules.insert("privileged-container".into(), Mode::Enforce);
    let outcome = admission(config).validate(review.to_string().as_bytes()).unwrap();
    let message = &outcome.response().status.as_ref().unwrap().message;
    assert!(message.contains("1 rule enforced\n- K8S036 "), "{message}");
    assert!(outcome.response().warnings.iter().any(|w| w.contains("K8S001")));
}

#[test]
fn every_pod_controller_is_covered() {
    let container = json!({"name": "app", "image": "nginx", "securityContext": {"privileged": true}});
    let pod_spec = json!({"containers": [container]});
    let template = json!({"metadata": {"labels": {"app": "x"}}, "spec": pod_spec});
    let cases = [
        ("v1", "Pod", json!(pod_spec), "spec"),
        ("apps/v1", "Deployment", json!({"template": template}), "spec.template.spec"),
        ("apps/v1", "StatefulSet", json!({"template": template}), "spec.template.spec"),
        ("apps/v1", "DaemonSet", json!({"template": template}), "spec.template.spec"),
        ("apps/v1", "ReplicaSet", json!({"template": template}), "spec.template.spec"),
        ("batch/v1", "Job", json!({"template": template}), "spec.template.spec"),
        (
            "batch/v1",
            "CronJob",
            json!({"schedule": "* * * * *", "jobTemplate": {"spec": {"template": template}}}),
            "spec.jobTemplate.spec.template.spec",
        ),
        ("v1", "ReplicationController", json!({"template": template}), "spec.template.spec"),
    ];
    let admission = enforcing();
    for (api_version, kind, spec, spec_path) in cases {
        let object = json!({"apiVersion": api_version, "kind": kind, "metadata": {"name": "x", "namespace": "apps"}, "spec": spec});
        let group = api_version.split_once('/').map_or("", |(g, _)| g);
        let review = json!({
            "apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview",
            "request": {"uid": "1", "kind": {"group": group, "version": "v1", "kind": kind},
                        "resource": {"group": group, "version": "v1", "resource": "x"},
                        "namespace": "apps", "name": "x", "operation": "CREATE",
                        "userInfo": {"username": "u"}, "object": object}
        });
        let outcome = admission.validate(review.to_string().as_bytes()).unwrap();
        let fields: Vec<_> =
            outcome.log.violations.iter().map(|v| (v.rule_id.as_str(), v.field.as_str())).collect();
        let privileged = format!("{spec_path}.containers[0].securityContext.privileged");
        let image = format!("{spec_path}.containers[0].image");
        assert!(fields.contains(&("K8S001", privileged.as_str())), "{kind}: {fields:?}");
        assert!(fields.contains(&("ADM003", image.as_str())), "{kind}: {fields:?}");
        assert!(!outcome.response().allowed, "{kind}");
    }
}

#[test]
fn a_kind_without_rules_is_allowed() {
    let review = json!({
        "apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview",
        "request": {"uid": "9", "kind": {"group": "example.com", "version": "v1", "kind": "Widget"},
                    "resource": {"group": "example.com", "version": "v1", "resource": "widgets"},
                    "namespace": "apps", "name": "w", "operation": "CREATE", "userInfo": {"username": "u"},
                    "object": {"apiVersion": "example.com/v1", "kind": "Widget", "metadata": {"name": "w"}, "spec": {"size": 3}}}
    });
    let outcome = enforcing().validate(review.to_string().as_bytes()).unwrap();
    assert!(outcome.response().allowed);
    assert_eq!(outcome.log.kind, "example.com/v1/Widget");
}

#[test]
fn bad_bodies_are_typed_errors_never_panics() {
    let admission = enforcing();
    let err = |body: &[u8]| admission.validate(body).err().unwrap();

    assert!(matches!(err(b"{\"apiVersion\": "), ReviewError::Malformed(_)));
    assert_eq!(err(b"").http_status(), 400);
    assert!(matches!(err(b"[1,2]"), ReviewError::Malformed(_)));

    let deep = "[".repeat(100_000) + &"]".repeat(100_000);
    assert_eq!(err(deep.as_bytes()), ReviewError::TooDeep { limit: 64 });

    let mut config = AdmissionConfig::default();
    config.limits.max_body_bytes = 1000;
    let small = self::admission(config);
    let error = small.validate(&fixture("create-deployment.json")).err().unwrap();
    assert!(matches!(error, ReviewError::TooLarge { limit: 1000, .. }));
    assert_eq!(error.http_status(), 413);

    let mut v1beta1 = fixture_json("create-deployment.json");
    v1beta1["apiVersion"] = json!("admission.k8s.io/v1beta1");
    let error = err(v1beta1.to_string().as_bytes());
    assert_eq!(
        error.to_string(),
        "expected apiVersion admission.k8s.io/v1 kind AdmissionReview, got apiVersion \"admission.k8s.io/v1beta1\" kind \"AdmissionReview\""
    );

    let mut no_uid = fixture_json("create-deployment.json");
    no_uid["request"]["uid"] = json!("");
    assert_eq!(err(no_uid.to_string().as_bytes()), ReviewError::MissingUid);

    let mut no_request = fixture_json("create-deployment.json");
    no_request.as_object_mut().unwrap().remove("request");
    assert_eq!(err(no_request.to_string().as_bytes()), ReviewError::MissingRequest);

    let mut bad_operation = fixture_json("create-deployment.json");
    bad_operation["request"]["operation"] = json!("PATCH");
    assert!(
        matches!(err(bad_operation.to_string().as_bytes()), ReviewError::Malformed(m) if m.contains("PATCH"))
    );

    let mut null_object = fixture_json("create-deployment.json");
    null_object["request"]["object"] = Value::Null;
    assert_eq!(
        err(null_object.to_string().as_bytes()),
        ReviewError::Malformed("CREATE request without an object".into())
    );
}

#[test]
fn image_policy_registries_and_digests() {
    let mut config = AdmissionConfig { mode: Mode::Enforce, ..Default::default() };
    config.images.allowed_registries = vec!["ghcr.io/acme".into()];
    config.images.require_digest = true;
    let admission = admission(config);
    let hardened = admission.validate(&fixture("create-deployment-hardened.json")).unwrap();
    assert!(hardened.response().allowed, "{:?}", hardened.response().status);

    let denied = admission.validate(&fixture("update-deployment-image.json")).unwrap();
    let message = &denied.response().status.as_ref().unwrap().message;
    assert!(message.contains("- ADM001 Image comes from a registry that is not allowed: container \"web\" uses image \"nginx:1.27.3\" from a registry outside the allowed list (ghcr.io/acme) (at spec.template.spec.containers[0].image)"), "{message}");
    assert!(message.contains("- ADM002 Image is not pinned by digest: "), "{message}");
}

#[test]
fn a_plugged_in_image_check_runs_after_the_built_in_ones() {
    struct RefuseAll;
    impl bosun_admission::ImageCheck for RefuseAll {
        fn check(&self, image: &bosun_admission::ContainerImage, out: &mut Vec<bosun_admission::Violation>) {
            out.push(bosun_admission::Violation {
                rule_id: "SIG001".into(),
                name: "image-signature".into(),
                title: "Image signature is not valid".into(),
                severity: bosun_core::Severity::High,
                message: format!("no signature for {}", image.reference),
                field: image.field.clone(),
            });
        }
    }
    let mut admission = enforcing();
    admission.add_image_check(Box::new(RefuseAll));
    let outcome = admission.validate(&fixture("create-deployment-hardened.json")).unwrap();
    let message = &outcome.response().status.as_ref().unwrap().message;
    assert!(
        message.contains(
            "- SIG001 Image signature is not valid: no signature for ghcr.io/acme/api:1.4.2@sha256:"
        ),
        "{message}"
    );
}

#[test]
fn decision_log_is_one_json_line_with_who_what_and_outcome() {
    let outcome = enforcing().validate(&fixture("create-deployment.json")).unwrap();
    let line = outcome.log.to_line();
    assert!(!line.contains('\n'));
    let log: Value = serde_json::from_str(&line).unwrap();
    assert_eq!(log["endpoint"], "validate");
    assert_eq!(log["uid"], "705ab4f5-6393-11e8-b7cc-42010a800002");
    assert_eq!(log["user"], "kubernetes-admin");
    assert_eq!(log["groups"], json!(["kubeadm:cluster-admins", "system:authenticated"]));
    assert_eq!(log["operation"], "CREATE");
    assert_eq!(log["kind"], "apps/v1/Deployment");
    assert_eq!(log["namespace"], "shop");
    assert_eq!(log["name"], "web");
    assert_eq!(log["allowed"], false);
    assert_eq!(log["mode"], "enforce");
    assert_eq!(log["dry_run"], false);
    assert!(log["rule_ids"].as_array().unwrap().contains(&json!("K8S001")));
    assert_eq!(log["violations"][0]["rule_id"], "K8S001");
    assert_eq!(log["violations"][0]["field"], "spec.template.spec.containers[0].securityContext.privileged");
    assert!(log["duration_us"].as_u64().is_some());
    assert!(log["time"].as_str().unwrap().parse::<jiff::Timestamp>().is_ok());
}

fn mutating(mutation: MutationConfig) -> Admission {
    admission(AdmissionConfig { mode: Mode::Enforce, mutation, ..Default::default() })
}

fn enabled() -> MutationConfig {
    MutationConfig { enabled: true, read_only_root_filesystem: true, ..Default::default() }
}

/// Applies the response's patch to the request's object, as the API server would.
fn apply_patch(review: &Value, outcome: &bosun_admission::Outcome) -> (Value, Value) {
    use base64::Engine as _;
    let response = outcome.response();
    assert_eq!(response.patch_type.as_deref(), Some("JSONPatch"));
    let bytes = base64::engine::general_purpose::STANDARD.decode(response.patch.as_ref().unwrap()).unwrap();
    let operations: Value = serde_json::from_slice(&bytes).unwrap();
    let patch: json_patch::Patch = serde_json::from_value(operations.clone()).unwrap();
    let mut object = review["request"]["object"].clone();
    json_patch::patch(&mut object, &patch).unwrap();
    (object, operations)
}

#[test]
fn the_patch_removes_the_violations_it_targets() {
    let mut review = fixture_json("create-deployment.json");
    review["request"]["object"]["spec"]["template"]["spec"]["containers"][0]["securityContext"] = json!({});
    let body = review.to_string();
    let admission = mutating(enabled());
    let before = admission.validate(body.as_bytes()).unwrap();
    let targeted = ["K8S005", "K8S009", "K8S012", "K8S021", "K8S025"];
    for id in targeted {
        assert!(before.log.rule_ids.iter().any(|r| r == id), "{id} before: {:?}", before.log.rule_ids);
    }

    let mutated = admission.mutate(body.as_bytes()).unwrap();
    assert!(mutated.response().allowed);
    assert_eq!(mutated.log.endpoint, "mutate");
    let (object, operations) = apply_patch(&review, &mutated);
    assert_eq!(mutated.log.patch_operations, Some(operations.as_array().unwrap().len()));
    let paths: Vec<_> = operations.as_array().unwrap().iter().map(|o| o["path"].as_str().unwrap()).collect();
    assert_eq!(
        paths,
        [
            "/spec/template/spec/containers/0/securityContext/allowPrivilegeEscalation",
            "/spec/template/spec/containers/0/securityContext/capabilities",
            "/spec/template/spec/containers/0/securityContext/readOnlyRootFilesystem",
            "/spec/template/spec/containers/0/securityContext/seccompProfile",
        ]
    );

    review["request"]["object"] = object;
    let after = admission.validate(review.to_string().as_bytes()).unwrap();
    for id in targeted {
        assert!(!after.log.rule_ids.iter().any(|r| r == id), "{id} after: {:?}", after.log.rule_ids);
    }
    // Not something a default can fix: still there.
    assert!(after.log.rule_ids.iter().any(|r| r == "K8S026"));
}

#[test]
fn the_patch_never_overrides_what_is_set() {
    let mut review = fixture_json("create-deployment.json");
    let spec = &mut review["request"]["object"]["spec"]["template"]["spec"];
    spec["securityContext"] =
        json!({"seccompProfile": {"type": "Localhost", "localhostProfile": "profiles/web.json"}});
    spec["containers"][0]["securityContext"] = json!({
        "allowPrivilegeEscalation": true,
        "readOnlyRootFilesystem": false,
        "capabilities": {"drop": ["NET_RAW"], "add": ["NET_BIND_SERVICE"]}
    });
    spec["initContainers"] =
        json!([{"name": "init", "image": "busybox:1.36", "securityContext": {"privileged": true}}]);
    let outcome = mutating(enabled()).mutate(review.to_string().as_bytes()).unwrap();
    let (object, operations) = apply_patch(&review, &outcome);
    let spec = &object["spec"]["template"]["spec"];
    assert_eq!(spec["securityContext"]["seccompProfile"]["type"], "Localhost");
    let web = &spec["containers"][0]["securityContext"];
    assert_eq!(web["allowPrivilegeEscalation"], true);
    assert_eq!(web["readOnlyRootFilesystem"], false);
    assert_eq!(web["capabilities"]["drop"], json!(["NET_RAW", "ALL"]));
    assert!(web.get("seccompProfile").is_none(), "the pod's Localhost profile is inherited");
    // A privileged container cannot take allowPrivilegeEscalation: false (the API server refuses it).
    let init = &spec["initContainers"][0]["securityContext"];
    assert!(init.get("allowPrivilegeEscalation").is_none(), "{operations}");
    assert_eq!(init["capabilities"]["drop"], json!(["ALL"]));
    assert_eq!(init["readOnlyRootFilesystem"], true);
}

#[test]
fn mutation_is_opt_in_and_skips_unchanged_templates_and_windows_pods() {
    let off = mutating(MutationConfig::default()).mutate(&fixture("create-deployment.json")).unwrap();
    assert!(off.response().patch.is_none());
    assert_eq!(off.log.reason.as_deref(), Some("mutation is not enabled"));

    let unchanged = mutating(enabled()).mutate(&fixture("update-deployment-replicas.json")).unwrap();
    assert!(unchanged.response().patch.is_none());
    assert_eq!(unchanged.log.reason.as_deref(), Some("pod template unchanged"));

    let changed = mutating(enabled()).mutate(&fixture("update-deployment-image.json")).unwrap();
    assert!(changed.response().patch.is_some());

    let mut windows = fixture_json("create-deployment.json");
    windows["request"]["object"]["spec"]["template"]["spec"]["os"] = json!({"name": "windows"});
    let outcome = mutating(enabled()).mutate(windows.to_string().as_bytes()).unwrap();
    assert!(outcome.response().patch.is_none());
    assert_eq!(outcome.log.patch_operations, Some(0));
}

#[test]
fn config_reads_from_an_admission_table() {
    #[derive(serde::Deserialize)]
    struct File {
        admission: AdmissionConfig,
    }
    let text = r#"
[admission]
mode = "enforce"

[admission.rules]
K8S031 = "audit"
"image-pull-policy-not-always" = "off"

[admission.exempt]
namespaces = ["kube-system", "bosun"]

[[admission.exempt.labels]]
match-labels = { "bosun.dev/exempt" = "true" }

[admission.images]
allowed-registries = ["ghcr.io/acme"]
require-digest = true
forbid-latest = true

[admission.mutation]
enabled = true

[admission.limits]
max-body-bytes = 1048576
"#;
    let file: File = toml::from_str(text).unwrap();
    let config = file.admission;
    assert_eq!(config.mode, Mode::Enforce);
    assert_eq!(config.rules["K8S031"], Mode::Audit);
    assert_eq!(config.exempt.namespaces, ["kube-system", "bosun"]);
    assert_eq!(config.exempt.labels[0].match_labels["bosun.dev/exempt"], "true");
    assert!(config.images.require_digest && config.images.forbid_latest);
    assert!(config.mutation.enabled && config.mutation.drop_all_capabilities);
    assert_eq!(config.limits.max_body_bytes, 1_048_576);
    assert_eq!(config.limits.max_depth, 64);
    let typo = toml::from_str::<File>("[admission]\nmodes = \"warn\"\n").err().unwrap();
    assert!(typo.to_string().contains("unknown field `modes`"), "{typo}");
    let admission = Admission::new(config, Default::default()).unwrap();
    assert_eq!(admission.mode_of("K8S037"), Mode::Off);
}
