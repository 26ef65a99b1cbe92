//! What the registry tests build on: small real images as OCI layouts, a real
//! `docker-registry` process on loopback (plain HTTP, TLS with a CA made here,
//! htpasswd or token auth), a token service signing real JWTs, `skopeo` to
//! push, and a tiny HTTP server to play hostile registries.

#![allow(dead_code)]

use base64::Engine as _;
use bosun_image::digest::Digest;
use flate2::write::GzEncoder;
use serde_json::json;
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub const OCI_MANIFEST: &str = "application/vnd.oci.image.manifest.v1+json";
pub const OCI_INDEX: &str = "application/vnd.oci.image.index.v1+json";
pub const GZIP_LAYER: &str = "application/vnd.oci.image.layer.v1.tar+gzip";
const REF_NAME: &str = "org.opencontainers.image.ref.name";

/// `docker-registry` and `skopeo` are needed; without them the test is
/// skipped, except in CI, where that is a failure naming the packages.
pub fn tools_present() -> bool {
    let missing: Vec<&str> = [("docker-registry", "docker-registry"), ("skopeo", "skopeo")]
        .into_iter()
        .filter(|(binary, _)| which(binary).is_none())
        .map(|(_, package)| package)
        .collect();
    if missing.is_empty() {
        return true;
    }
    let message = format!("registry tests need the Debian packages: {} (apt-get install)", missing.join(" "));
    if std::env::var_os("CI").is_some() {
        panic!("{message}");
    }
    eprintln!("skipped: {message}");
    false
}

fn which(binary: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|dir| dir.join(binary)).find(|p| p.is_file())
}

// ---------------------------------------------------------------- images

/// One tar entry, written with raw header bytes so that hostile names survive.
pub enum E<'a> {
    File(&'a str, &'a [u8]),
    Dir(&'a str),
}

pub fn tar_of(entries: &[E]) -> Vec<u8> {
    let mut b = tar::Builder::new(Vec::new());
    for e in entries {
        let (path, kind, data): (&str, _, &[u8]) = match e {
            E::File(p, d) => (p, tar::EntryType::Regular, d),
            E::Dir(p) => (p, tar::EntryType::Directory, b""),
        };
        let mut h = tar::Header::new_ustar();
        h.as_old_mut().name[..path.len()].copy_from_slice(path.as_bytes());
        h.set_entry_type(kind);
        h.set_size(data.len() as u64);
        h.set_mode(0o644);
        h.set_cksum();
        b.append(&h, data).unwrap();
    }
    b.into_inner().unwrap()
}

pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap()
}

/// The blobs of an OCI layout, by digest.
#[derive(Default)]
pub struct Layout {
    blobs: BTreeMap<String, Vec<u8>>,
    tags: Vec<serde_json::Value>,
}

/// What an image built into a layout is made of.
pub struct Built {
    pub manifest: Digest,
    pub config: Digest,
    pub layers: Vec<Digest>,
    pub descriptor: serde_json::Value,
}

impl Layout {
    pub fn blob(&mut self, media_type: &str, bytes: &[u8]) -> serde_json::Value {
        let d = Digest::of(bytes);
        self.blobs.insert(d.hex().to_string(), bytes.to_vec());
        json!({"mediaType": media_type, "digest": d.as_str(), "size": bytes.len()})
    }

    /// An image of gzip layers for `arch`.
    pub fn image(&mut self, arch: &str, tars: &[Vec<u8>]) -> Built {
        let diff_ids: Vec<String> = tars.iter().map(|t| Digest::of(t).to_string()).collect();
        let layers: Vec<_> = tars.iter().map(|t| self.blob(GZIP_LAYER, &gzip(t))).collect();
        let config = json!({
            "architecture": arch,
            "os": "linux",
            "config": {"User": "app", "Env": ["PATH=/usr/bin"]},
            "rootfs": {"type": "layers", "diff_ids": diff_ids},
            "history": tars.iter().enumerate().map(|(i, _)| json!({"created_by": format!("RUN step {i}")})).collect::<Vec<_>>()
        });
        let config =
            self.blob("application/vnd.oci.image.config.v1+json", &serde_json::to_vec(&config).unwrap());
        let manifest =
            json!({"schemaVersion": 2, "mediaType": OCI_MANIFEST, "config": config, "layers": layers});
        let mut descriptor = self.blob(OCI_MANIFEST, &serde_json::to_vec(&manifest).unwrap());
        descriptor["platform"] = json!({"os": "linux", "architecture": arch});
        let digest = |v: &serde_json::Value| Digest::parse(v["digest"].as_str().unwrap()).unwrap();
        Built {
            manifest: digest(&descriptor),
            config: digest(&config),
            layers: layers.iter().map(digest).collect(),
            descriptor,
        }
    }

    /// An index of `manifests`; returns its descriptor.
    pub fn index(&mut self, manifests: Vec<serde_json::Value>) -> serde_json::Value {
        let index = json!({"schemaVersion": 2, "mediaType": OCI_INDEX, "manifests": manifests});
        self.blob(OCI_INDEX, &serde_json::to_vec(&index).unwrap())
    }

    pub fn tag(&mut self, tag: &str, descriptor: &serde_json::Value) {
        let mut d = descriptor.clone();
        d.as_object_mut().unwrap().remove("platform");
        d["annotations"] = json!({REF_NAME: tag});
        self.tags.push(d);
    }

    pub fn write(&self, dir: &Path) {
        std::fs::create_dir_all(dir.join("blobs/sha256")).unwrap();
        for (hex, bytes) in &self.blobs {
            std::fs::write(dir.join("blobs/sha256").join(hex), bytes).unwrap();
        }
        std::fs::write(dir.join("oci-layout"), br#"{"imageLayoutVersion":"1.0.0"}"#).unwrap();
        let index = json!({"schemaVersion": 2, "mediaType": OCI_INDEX, "manifests": self.tags});
        std::fs::write(dir.join("index.json"), serde_json::to_vec(&index).unwrap()).unwrap();
    }
}

// ---------------------------------------------------------------- registry

/// A `docker-registry serve` process with filesystem storage; killed on drop.
pub struct Registry {
    child: Child,
    /// `127.0.0.1:PORT`
    pub host: String,
    pub storage: PathBuf,
    log: PathBuf,
}

pub struct Tls {
    pub ca_pem: PathBuf,
    pub cert: PathBuf,
    pub key: PathBuf,
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

impl Registry {
    /// `auth` is the YAML of the `auth:` section's body, indented by four spaces.
    pub fn start(dir: &Path, tls: Option<&Tls>, auth: Option<String>) -> Registry {
        let port = free_port();
        let host = format!("127.0.0.1:{port}");
        let storage = dir.join("storage");
        std::fs::create_dir_all(&storage).unwrap();
        let mut config = format!(
            "version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: {}\n  maintenance:\n    uploadpurging:\n      enabled: false\nhttp:\n  addr: {host}\n",
            storage.display()
        );
        if let Some(tls) = tls {
            config +=
                &format!("  tls:\n    certificate: {}\n    key: {}\n", tls.cert.display(), tls.key.display());
        }
        if let Some(auth) = auth {
            config += &format!("auth:\n{auth}");
        }
        let config_path = dir.join("registry.yml");
        std::fs::write(&config_path, config).unwrap();
        let log = dir.join("registry.log");
        let child = Command::new("docker-registry")
            .arg("serve")
            .arg(&config_path)
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .expect("docker-registry starts");
        let mut registry = Registry { child, host, storage, log };
        registry.wait_ready(port);
        registry
    }

    fn wait_ready(&mut self, port: u16) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("docker-registry exited ({status}): {}", std::fs::read_to_string(&self.log).unwrap());
            }
            if TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("docker-registry did not listen on {port}: {}", std::fs::read_to_string(&self.log).unwrap());
    }

    /// Where the registry keeps blob `digest`.
    pub fn blob_path(&self, digest: &Digest) -> PathBuf {
        let hex = digest.hex();
        self.storage.join(format!("docker/registry/v2/blobs/sha256/{}/{hex}/data", &hex[..2]))
    }
}

impl Drop for Registry {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `skopeo copy` of `oci:LAYOUT:TAG` to `docker://HOST/REPO:TAG` (every platform).
pub fn push(layout: &Path, tag: &str, destination: &str, credentials: Option<&str>) {
    let mut command = Command::new("skopeo");
    command.args(["--insecure-policy", "copy", "--quiet", "--all", "--dest-tls-verify=false"]);
    if let Some(credentials) = credentials {
        command.arg(format!("--dest-creds={credentials}"));
    }
    let output = command
        .arg(format!("oci:{}:{tag}", layout.display()))
        .arg(format!("docker://{destination}"))
        .env("REGISTRY_AUTH_FILE", layout.join("no-auth.json"))
        .output()
        .expect("skopeo runs");
    assert!(output.status.success(), "skopeo copy failed: {}", String::from_utf8_lossy(&output.stderr));
}

/// A CA and a server certificate for 127.0.0.1 signed by it, as PEM files in `dir`.
pub fn make_tls(dir: &Path) -> Tls {
    use rcgen::{BasicConstraints, CertificateParams, IsCa, Issuer, KeyPair};
    let ca_key = KeyPair::generate().unwrap();
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca_params.distinguished_name.push(rcgen::DnType::CommonName, "bosun test CA");
    let ca_cert = ca_params.self_signed(&ca_key).unwrap();
    let issuer = Issuer::new(ca_params, ca_key);
    let server_key = KeyPair::generate().unwrap();
    let server_params =
        CertificateParams::new(vec!["127.0.0.1".to_string(), "localhost".to_string()]).unwrap();
    let server_cert = server_params.signed_by(&server_key, &issuer).unwrap();
    let tls = Tls { ca_pem: dir.join("ca.pem"), cert: dir.join("server.pem"), key: dir.join("server.key") };
    std::fs::write(&tls.ca_pem, ca_cert.pem()).unwrap();
    std::fs::write(&tls.cert, server_cert.pem()).unwrap();
    std::fs::write(&tls.key, server_key.serialize_pem()).unwrap();
    tls
}

/// An htpasswd file (bcrypt, as the registry requires) for one user.
pub fn htpasswd(dir: &Path, user: &str, password: &str) -> PathBuf {
    let hash = bcrypt::hash_with_result(password, 4).unwrap().format_for_version(bcrypt::Version::TwoA);
    let path = dir.join("htpasswd");
    std::fs::write(&path, format!("{user}:{hash}\n")).unwrap();
    path
}

// ---------------------------------------------------------------- HTTP

/// A request as the tiny server saw it.
#[derive(Debug, Clone)]
pub struct Request {
    /// Path and query.
    pub target: String,
    pub headers: Vec<(String, String)>,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    pub fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or_default()
    }

    /// Query parameters, percent-decoded.
    pub fn query(&self, name: &str) -> Vec<String> {
        let Some((_, query)) = self.target.split_once('?') else { return Vec::new() };
        query
            .split('&')
            .filter_map(|pair| pair.split_once('='))
            .filter(|(k, _)| *k == name)
            .map(|(_, v)| percent_decode(v))
            .collect()
    }
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("");
                match u8::from_str_radix(hex, 16) {
                    Ok(b) => out.push(b),
                    Err(_) => out.extend_from_slice(&bytes[i..i + 3]),
                }
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[derive(Clone)]
pub enum Body {
    Bytes(Vec<u8>),
    /// Bytes forever, with no Content-Length.
    Endless,
}

#[derive(Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Body,
}

impl Reply {
    pub fn new(status: u16, body: impl Into<Vec<u8>>) -> Reply {
        Reply { status, headers: Vec::new(), body: Body::Bytes(body.into()) }
    }

    pub fn header(mut self, name: &str, value: &str) -> Reply {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }
}

type Handler = dyn Fn(&Request) -> Reply + Send + Sync;

/// A one-request-per-connection HTTP/1.1 server on loopback; stops on drop.
pub struct HttpServer {
    pub host: String,
    pub requests: Arc<Mutex<Vec<Request>>>,
    stop: Arc<AtomicBool>,
}

impl HttpServer {
    pub fn start(handler: impl Fn(&Request) -> Reply + Send + Sync + 'static) -> HttpServer {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let host = listener.local_addr().unwrap().to_string();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let handler: Arc<Handler> = Arc::new(handler);
        let (seen, stopping) = (requests.clone(), stop.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stopping.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let (handler, seen) = (handler.clone(), seen.clone());
                std::thread::spawn(move || serve(stream, &*handler, &seen));
            }
        });
        HttpServer { host, requests, stop }
    }

    pub fn requests(&self) -> Vec<Request> {
        self.requests.lock().unwrap().clone()
    }
}

impl Drop for HttpServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(&self.host);
    }
}

fn serve(stream: TcpStream, handler: &Handler, seen: &Mutex<Vec<Request>>) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() || !line.starts_with("GET ") {
        return; // a TLS hello or garbage: hang up
    }
    let target = line.split_whitespace().nth(1).unwrap_or("/").to_string();
    let mut headers = Vec::new();
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).is_err() || header.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            headers.push((name.trim().to_string(), value.trim().to_string()));
        }
    }
    let request = Request { target, headers };
    seen.lock().unwrap().push(request.clone());
    let reply = handler(&request);
    let mut out = stream;
    let mut head = format!("HTTP/1.1 {} X\r\nConnection: close\r\n", reply.status);
    for (name, value) in &reply.headers {
        head += &format!("{name}: {value}\r\n");
    }
    match reply.body {
        Body::Bytes(bytes) => {
            head += &format!("Content-Length: {}\r\n\r\n", bytes.len());
            let _ = out.write_all(head.as_bytes()).and_then(|_| out.write_all(&bytes));
        }
        Body::Endless => {
            head += "\r\n";
            if out.write_all(head.as_bytes()).is_err() {
                return;
            }
            let chunk = vec![b'x'; 64 << 10];
            while out.write_all(&chunk).is_ok() {}
        }
    }
}

// ---------------------------------------------------------------- tokens

/// A token service for the registry's `auth.token` config: checks basic
/// credentials and returns an ES256 JWT whose `x5c` header carries the signing
/// certificate, which the registry trusts through its `rootcertbundle`.
pub struct TokenService {
    pub server: HttpServer,
    pub root_bundle: PathBuf,
    pub service: String,
    pub issuer: String,
}

impl TokenService {
    pub fn start(dir: &Path, user: &'static str, password: &'static str) -> TokenService {
        let key = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).unwrap();
        let mut params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
        params.distinguished_name.push(rcgen::DnType::CommonName, "bosun test token signer");
        let cert = params.self_signed(&key).unwrap();
        let root_bundle = dir.join("token-root.pem");
        std::fs::write(&root_bundle, cert.pem()).unwrap();
        let rng = ring::rand::SystemRandom::new();
        let signer = ring::signature::EcdsaKeyPair::from_pkcs8(
            &ring::signature::ECDSA_P256_SHA256_FIXED_SIGNING,
            &key.serialize_der(),
            &rng,
        )
        .unwrap();
        let x5c = base64::engine::general_purpose::STANDARD.encode(cert.der());
        let (service, issuer) = ("bosun-test-registry".to_string(), "bosun-test-issuer".to_string());
        let (svc, iss) = (service.clone(), issuer.clone());
        let expected = format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"))
        );
        let server = HttpServer::start(move |request| {
            if request.header("authorization") != Some(expected.as_str()) {
                return Reply::new(401, r#"{"details":"bad credentials"}"#);
            }
            let access: Vec<_> = request
                .query("scope")
                .iter()
                .filter_map(|scope| {
                    let mut parts = scope.splitn(3, ':');
                    let (kind, name, actions) = (parts.next()?, parts.next()?, parts.next()?);
                    Some(json!({"type": kind, "name": name, "actions": actions.split(',').collect::<Vec<_>>()}))
                })
                .collect();
            let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
            let header = json!({"typ": "JWT", "alg": "ES256", "x5c": [x5c]});
            let claims = json!({
                "iss": iss, "sub": user, "aud": svc, "exp": now + 300, "nbf": now - 10, "iat": now,
                "jti": format!("{now}-{}", request.target.len()), "access": access
            });
            let url = base64::engine::general_purpose::URL_SAFE_NO_PAD;
            let signed = format!(
                "{}.{}",
                url.encode(serde_json::to_vec(&header).unwrap()),
                url.encode(serde_json::to_vec(&claims).unwrap())
            );
            let signature = signer.sign(&rng, signed.as_bytes()).unwrap();
            let token = format!("{signed}.{}", url.encode(signature.as_ref()));
            Reply::new(200, serde_json::to_vec(&json!({"token": token, "expires_in": 300})).unwrap())
                .header("Content-Type", "application/json")
        });
        TokenService { server, root_bundle, service, issuer }
    }

    /// The registry's `auth:` section for this service.
    pub fn auth_yaml(&self) -> String {
        format!(
            "  token:\n    realm: http://{}/token\n    service: {}\n    issuer: {}\n    rootcertbundle: {}\n",
            self.server.host,
            self.service,
            self.issuer,
            self.root_bundle.display()
        )
    }
}
