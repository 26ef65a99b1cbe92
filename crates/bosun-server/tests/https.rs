//! Real HTTPS on loopback: a development CA made by the server's own
//! generator, a client that trusts only that CA, and a reviewer that
//! answers from the body it was given.

use bosun_server::tls::{ReloadingResolver, SelfSigned};
use bosun_server::{start, Endpoint, Reply, Reviewer, ServerOptions};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// Allows everything, and says which endpoint and how many bytes it saw.
struct Echo {
    ready: AtomicBool,
}

impl Reviewer for Echo {
    fn review(&self, endpoint: Endpoint, body: &[u8]) -> Reply {
        if body.first() != Some(&b'{') {
            return Reply { status: 400, body: b"{\"error\":\"not JSON\"}".to_vec(), outcome: "bad_request" };
        }
        let text = format!("{{\"endpoint\":\"{}\",\"bytes\":{}}}", endpoint.as_str(), body.len());
        Reply { status: 200, body: text.into_bytes(), outcome: "allowed" }
    }

    fn ready(&self) -> bool {
        self.ready.load(Ordering::Relaxed)
    }
}

fn client(ca_pem: &str) -> ureq::Agent {
    use rustls_pki_types::pem::PemObject;
    let roots: Vec<ureq::tls::Certificate<'static>> =
        rustls_pki_types::CertificateDer::pem_slice_iter(ca_pem.as_bytes())
            .map(|c| ureq::tls::Certificate::from_der(c.unwrap().as_ref()).to_owned())
            .collect();
    let tls =
        ureq::tls::TlsConfig::builder().root_certs(ureq::tls::RootCerts::new_with_certs(&roots)).build();
    ureq::Agent::config_builder().tls_config(tls).http_status_as_error(false).build().new_agent()
}

fn options() -> ServerOptions {
    ServerOptions {
        listen: "127.0.0.1:0".parse().unwrap(),
        max_body_bytes: 64 << 10,
        reload_interval: Duration::from_millis(100),
    }
}

#[test]
fn routes_limits_health_and_metrics_over_real_tls() {
    let generated = SelfSigned::generate(&["localhost".to_string()]).unwrap();
    let resolver = Arc::new(ReloadingResolver::fixed(generated.certified_key().unwrap()));
    let echo = Arc::new(Echo { ready: AtomicBool::new(false) });
    let server = start(&options(), resolver, echo.clone()).unwrap();
    let base = format!("https://localhost:{}", server.addr.port());
    let agent = client(&generated.ca_pem);

    let mut response = agent.post(&format!("{base}/validate")).send("{\"request\":{}}").unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.body_mut().read_to_string().unwrap(), "{\"endpoint\":\"validate\",\"bytes\":14}");
    let response = agent.post(&format!("{base}/mutate")).send("not json").unwrap();
    assert_eq!(response.status(), 400);
    let response = agent.post(&format!("{base}/validate")).send(vec![b'{'; 65 << 10]).unwrap();
    assert_eq!(response.status(), 413, "a body over the limit is refused");
    assert_eq!(agent.get(&format!("{base}/validate")).call().unwrap().status(), 405);
    assert_eq!(agent.get(&format!("{base}/nowhere")).call().unwrap().status(), 404);

    assert_eq!(agent.get(&format!("{base}/healthz")).call().unwrap().status(), 200);
    assert_eq!(agent.get(&format!("{base}/readyz")).call().unwrap().status(), 503);
    echo.ready.store(true, Ordering::Relaxed);
    assert_eq!(agent.get(&format!("{base}/readyz")).call().unwrap().status(), 200);

    let metrics = agent.get(&format!("{base}/metrics")).call().unwrap().body_mut().read_to_string().unwrap();
    assert!(
        metrics.contains("bosun_admission_requests_total{endpoint=\"validate\",outcome=\"allowed\"} 1"),
        "{metrics}"
    );
    assert!(metrics.contains("outcome=\"too_large\"} 1"), "{metrics}");
    assert!(metrics.contains("outcome=\"bad_request\"} 1"), "{metrics}");

    // A client that does not trust the development CA is refused by TLS itself.
    let other = SelfSigned::generate(&["localhost".to_string()]).unwrap();
    assert!(client(&other.ca_pem).get(&format!("{base}/healthz")).call().is_err());
}

#[test]
fn certificate_files_are_reloaded_when_they_change_and_a_bad_rotation_is_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let (cert, key) = (dir.path().join("tls.crt"), dir.path().join("tls.key"));
    let first = SelfSigned::generate(&["localhost".to_string()]).unwrap();
    std::fs::write(&cert, &first.cert_pem).unwrap();
    std::fs::write(&key, &first.key_pem).unwrap();
    let resolver = Arc::new(ReloadingResolver::from_files(&cert, &key).unwrap());
    let server = start(&options(), resolver, Arc::new(Echo { ready: AtomicBool::new(true) })).unwrap();
    let url = format!("https://localhost:{}/healthz", server.addr.port());
    assert_eq!(client(&first.ca_pem).get(&url).call().unwrap().status(), 200);

    // A half-done rotation (new certificate, old key) keeps the old pair in service.
    let second = SelfSigned::generate(&["localhost".to_string()]).unwrap();
    std::fs::write(&cert, &second.cert_pem).unwrap();
    std::thread::sleep(Duration::from_millis(400));
    assert_eq!(client(&first.ca_pem).get(&url).call().unwrap().status(), 200);

    // The rotation completes: the new certificate is served without a restart.
    std::fs::write(&key, &second.key_pem).unwrap();
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    loop {
        if client(&second.ca_pem).get(&url).call().is_ok_and(|r| r.status() == 200) {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "the new certificate was never served");
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(client(&first.ca_pem).get(&url).call().is_err(), "the old CA no longer matches");
}
