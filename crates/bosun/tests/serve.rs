//! `bosun serve` as the API server sees it: real HTTPS on loopback, the
//! development CA it prints, AdmissionReview documents of the real format,
//! and the decision log on stdout.

mod common;

use common::bosun;
use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../bosun-admission/tests/fixtures");

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(Path::new(FIXTURES).join(name)).unwrap()
}

/// A running `bosun serve --self-signed`, killed on drop.
struct Server {
    child: Child,
    base: String,
    agent: ureq::Agent,
    /// Decision-log lines as the server writes them.
    log: std::sync::mpsc::Receiver<String>,
}

impl Server {
    fn start(dir: &Path, config: &str, extra: &[&str]) -> Server {
        std::fs::write(dir.join("bosun.toml"), config).unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_bosun"))
            .args(["serve", "--self-signed", "--host", "localhost", "--listen", "127.0.0.1:0"])
            .args(extra)
            .current_dir(dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        stdout.read_line(&mut line).unwrap();
        let bundle =
            line.trim().strip_prefix("caBundle: ").unwrap_or_else(|| panic!("no caBundle line: {line:?}"));
        use base64::Engine as _;
        let ca_pem = base64::engine::general_purpose::STANDARD.decode(bundle).unwrap();
        let mut stderr = BufReader::new(child.stderr.take().unwrap());
        let mut line = String::new();
        stderr.read_line(&mut line).unwrap();
        let addr = line.trim().rsplit("https://").next().unwrap().to_string();
        let port = addr.rsplit(':').next().unwrap().to_string();
        // Keep reading stdout (the decision log) so the pipe never fills.
        let (send, log) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in stdout.lines().map_while(Result::ok) {
                let _ = send.send(line);
            }
        });
        Server { child, base: format!("https://localhost:{port}"), agent: agent(&ca_pem), log }
    }

    fn post(&self, path: &str, body: Vec<u8>) -> (u16, String) {
        let mut response = self.agent.post(&format!("{}{path}", self.base)).send(body).unwrap();
        (response.status().as_u16(), response.body_mut().read_to_string().unwrap())
    }

    fn review(&self, fixture_name: &str) -> Value {
        let (status, body) = self.post("/validate", fixture(fixture_name));
        assert_eq!(status, 200, "{body}");
        let review: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(review["kind"], "AdmissionReview");
        review["response"].clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn agent(ca_pem: &[u8]) -> ureq::Agent {
    use rustls_pki_types::pem::PemObject;
    let roots: Vec<ureq::tls::Certificate<'static>> =
        rustls_pki_types::CertificateDer::pem_slice_iter(ca_pem)
            .map(|c| ureq::tls::Certificate::from_der(c.unwrap().as_ref()).to_owned())
            .collect();
    let tls =
        ureq::tls::TlsConfig::builder().root_certs(ureq::tls::RootCerts::new_with_certs(&roots)).build();
    ureq::Agent::config_builder().tls_config(tls).http_status_as_error(false).build().new_agent()
}

#[test]
fn enforce_denies_with_the_rules_and_fields_and_warn_allows_with_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(
        dir.path(),
        "[admission]\nmode = \"warn\"\n\n[admission.rules]\nprivileged-container = \"enforce\"\n\n\
         [admission.limits]\nmax-body-bytes = 65536\n",
        &[],
    );
    let response = server.review("create-deployment.json");
    assert_eq!(response["allowed"], false, "{response}");
    let message = response["status"]["message"].as_str().unwrap();
    assert!(message.contains("K8S001"), "{message}");
    assert!(message.contains("spec.template.spec.containers[0].securityContext.privileged"), "{message}");
    assert_eq!(response["status"]["code"], 403);
    // The rules left in warn mode come back as warnings.
    let warnings = response["warnings"].as_array().unwrap();
    assert!(warnings.iter().any(|w| w.as_str().unwrap().starts_with("K8S005")), "{warnings:?}");

    // A hardened Deployment passes; a Pod in kube-system is exempt.
    assert_eq!(server.review("create-deployment-hardened.json")["allowed"], true);
    assert_eq!(server.review("create-pod-kube-system.json")["allowed"], true);

    // Bad input: a clear 4xx, never a crash.
    let (status, body) = server.post("/validate", b"{\"kind\":\"AdmissionReview\"".to_vec());
    assert_eq!(status, 400, "{body}");
    // (Just over the configured limit: a client still sending a large body may
    // see the connection close before it reads the 413.)
    let (status, _) = server.post("/validate", vec![b' '; 70_000]);
    assert_eq!(status, 413);
    let mut nested = "[".repeat(5000).into_bytes();
    nested.extend("]".repeat(5000).into_bytes());
    assert_eq!(server.post("/validate", nested).0, 400);
    // Still serving after all that.
    assert_eq!(server.review("create-deployment-hardened.json")["allowed"], true);

    // One JSON line per review: who, what, which rules, allowed or not.
    let first: Value =
        serde_json::from_str(&server.log.recv_timeout(std::time::Duration::from_secs(5)).unwrap()).unwrap();
    assert_eq!(first["allowed"], false);
    assert_eq!(first["operation"], "CREATE");
    assert_eq!(first["name"], "web");
    assert!(first["user"].as_str().is_some_and(|u| !u.is_empty()), "{first}");
    assert!(first["rule_ids"].as_array().unwrap().iter().any(|id| id == "K8S001"), "{first}");

    let mut metrics = server.agent.get(&format!("{}/metrics", server.base)).call().unwrap();
    let metrics = metrics.body_mut().read_to_string().unwrap();
    assert!(metrics.contains("endpoint=\"validate\",outcome=\"denied\"} 1"), "{metrics}");
}

#[test]
fn the_printed_manifests_pass_bosun_scan() {
    let dir = tempfile::tempdir().unwrap();
    let digest = "sha256:9c8b2d1f0e7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c";
    let image = format!("ghcr.io/bosun-scanner/bosun:0.1.0@{digest}");
    let out =
        bosun(dir.path(), &["serve", "--print-manifests", "--image", &image, "--failure-policy", "ignore"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    for kind in [
        "kind: Namespace",
        "kind: ServiceAccount",
        "kind: Deployment",
        "kind: PodDisruptionBudget",
        "kind: Service",
        "kind: ValidatingWebhookConfiguration",
    ] {
        assert!(text.contains(kind), "{kind} missing");
    }
    assert!(text.contains("failurePolicy: Ignore"));
    assert!(text.contains("values: [\"kube-system\", \"bosun\"]"));
    std::fs::write(dir.path().join("webhook.yaml"), &text).unwrap();
    let scan = bosun(dir.path(), &["scan", "webhook.yaml", "--no-config", "--format", "json"]);
    let report = common::json(&scan);
    assert_eq!(report["findings"], serde_json::json!([]), "{}", report["findings"]);
    assert_eq!(report["summary"]["files_scanned"], 1);
}

#[test]
fn custom_policies_deny_and_warn_at_admission() {
    let dir = tempfile::tempdir().unwrap();
    let policies = concat!(env!("CARGO_MANIFEST_DIR"), "/../bosun-policy/tests/fixtures");
    let required_labels = format!("{policies}/gatekeeper/requiredlabels.yaml");
    let server =
        Server::start(dir.path(), "[admission]\nmode = \"audit\"\n", &["--policy", &required_labels]);
    // The built-in rules only audit here: the denial is the constraint's.
    let response = server.review("create-deployment.json");
    assert_eq!(response["allowed"], false, "{response}");
    let message = response["status"]["message"].as_str().unwrap();
    assert!(message.contains("K8sRequiredLabels/deployments-must-have-owner"), "{message}");
    assert!(message.contains("owner"), "{message}");
    let logged: Value =
        serde_json::from_str(&server.log.recv_timeout(std::time::Duration::from_secs(5)).unwrap()).unwrap();
    assert_eq!(logged["allowed"], false);
    assert!(logged["rule_ids"]
        .as_array()
        .unwrap()
        .iter()
        .any(|id| id == "K8sRequiredLabels/deployments-must-have-owner"));
    // Objects in kube-system are exempt before any policy runs.
    assert_eq!(server.review("create-pod-kube-system.json")["allowed"], true);
}

#[test]
fn mutate_adds_safe_defaults_as_a_json_patch_when_enabled() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(
        dir.path(),
        "[admission]\nmode = \"audit\"\n\n[admission.mutation]\nenabled = true\nread-only-root-filesystem = true\n",
        &[],
    );
    let (status, body) = server.post("/mutate", fixture("create-deployment.json"));
    assert_eq!(status, 200, "{body}");
    let review: Value = serde_json::from_str(&body).unwrap();
    let response = &review["response"];
    assert_eq!(response["allowed"], true, "mutation never denies");
    assert_eq!(response["patchType"], "JSONPatch");
    use base64::Engine as _;
    let patch =
        base64::engine::general_purpose::STANDARD.decode(response["patch"].as_str().unwrap()).unwrap();
    let operations: Vec<Value> = serde_json::from_slice(&patch).unwrap();
    let paths: Vec<&str> = operations.iter().map(|op| op["path"].as_str().unwrap()).collect();
    assert!(operations.iter().all(|op| op["op"] == "add"), "{operations:?}");
    assert!(paths.iter().any(|p| p.ends_with("/seccompProfile")), "{paths:?}");
    assert!(paths.iter().any(|p| p.contains("readOnlyRootFilesystem")), "{paths:?}");
    assert!(paths.iter().any(|p| p.contains("capabilities")), "{paths:?}");

    // Without `enabled`, /mutate allows and patches nothing.
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path(), "[admission]\nmode = \"audit\"\n", &[]);
    let (_, body) = server.post("/mutate", fixture("create-deployment.json"));
    let review: Value = serde_json::from_str(&body).unwrap();
    assert!(review["response"]["patch"].is_null(), "{body}");
}
