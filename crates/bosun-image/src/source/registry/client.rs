//! The HTTP side of a pull: one repository on one registry, spoken to over the
//! OCI distribution API (`GET /v2/<repo>/manifests/<ref>`,
//! `GET /v2/<repo>/blobs/<digest>`).
//!
//! Security choices, because a registry (and anything on the path to it) is
//! untrusted:
//! - HTTPS with verified certificates, except for hosts the user listed as
//!   insecure: those get HTTPS without verification, or plain HTTP when they
//!   do not speak TLS (what Docker's `--insecure-registry` means). The same
//!   list decides whether a token service or a redirect may use plain HTTP.
//! - Redirects (blob storage behind a registry) are followed by hand, at most
//!   [`MAX_REDIRECTS`] of them, never downgrading to plain HTTP, and the
//!   `Authorization` header only goes to the registry itself.
//! - Every body is read with a bound; the caller verifies digests.
//! - Credentials and tokens never appear in an error message.

use super::auth::{parse_challenges, Challenge, Credentials};
use super::RegistryOptions;
use std::collections::HashMap;
use std::io::Read;
use std::time::Duration;
use ureq::http::{Response, StatusCode};
use ureq::Body;

pub(crate) const MANIFEST_ACCEPT: &str = "application/vnd.oci.image.manifest.v1+json, \
     application/vnd.oci.image.index.v1+json, \
     application/vnd.docker.distribution.manifest.v2+json, \
     application/vnd.docker.distribution.manifest.list.v2+json";
const MAX_REDIRECTS: usize = 5;
/// Largest token response or error body read.
const MAX_SMALL_BODY: u64 = 1 << 20;
/// Requests sent for one resource, authentication retries included.
const MAX_AUTH_ATTEMPTS: usize = 3;

/// A manifest or index as the registry sent it.
pub(crate) struct FetchedManifest {
    pub bytes: Vec<u8>,
    pub content_type: Option<String>,
    /// The `Docker-Content-Digest` header, when sent.
    pub stated_digest: Option<String>,
}

pub(crate) struct Client {
    verified: ureq::Agent,
    unverified: ureq::Agent,
    insecure: Vec<String>,
    host: String,
    repository: String,
    /// `https://host` or `http://host`, chosen at the first request.
    base: Option<String>,
    credentials: Option<Credentials>,
    /// Why stored credentials could not be used, told when the registry refuses access.
    login_note: Option<String>,
    authorization: Option<String>,
    /// Bearer tokens by realm, service and scope, for the session.
    tokens: HashMap<String, String>,
}

impl Client {
    pub fn new(
        host: &str,
        repository: &str,
        options: &RegistryOptions,
        credentials: Option<Credentials>,
        login_note: Option<String>,
    ) -> Result<Client, String> {
        let mut roots: Vec<ureq::tls::Certificate<'static>> = webpki_root_certs::TLS_SERVER_ROOT_CERTS
            .iter()
            .map(|c| ureq::tls::Certificate::from_der(c.as_ref()).to_owned())
            .collect();
        for path in &options.ca_files {
            roots.extend(read_ca_file(path)?);
        }
        let verified_tls =
            ureq::tls::TlsConfig::builder().root_certs(ureq::tls::RootCerts::new_with_certs(&roots)).build();
        let unverified_tls = ureq::tls::TlsConfig::builder().disable_verification(true).build();
        Ok(Client {
            verified: agent(verified_tls),
            unverified: agent(unverified_tls),
            insecure: options.insecure_registries.clone(),
            host: host.to_string(),
            repository: repository.to_string(),
            base: None,
            credentials,
            login_note,
            authorization: None,
            tokens: HashMap::new(),
        })
    }

    /// Fetches a manifest or index by tag or digest, at most `limit` bytes.
    pub fn manifest(&mut self, reference: &str, limit: u64) -> Result<FetchedManifest, String> {
        let what = format!("manifest {reference}");
        let url = format!("{}/v2/{}/manifests/{reference}", self.base()?, self.repository);
        let response = self.get(&url, Some(MANIFEST_ACCEPT), &what)?;
        let response = expect_success(response, &what)?;
        let header = |name: &str| {
            response.headers().get(name).and_then(|v| v.to_str().ok()).map(|v| v.trim().to_string())
        };
        let content_type = header("content-type");
        let stated_digest = header("docker-content-digest");
        if let Some(length) = response.body().content_length().filter(|&n| n > limit) {
            return Err(format!("manifest {reference} is {length} bytes, more than the limit of {limit}"));
        }
        let bytes = read_bounded(response.into_body(), limit)
            .map_err(|e| format!("manifest {reference}: {e}"))?
            .ok_or_else(|| format!("manifest {reference} is larger than the limit of {limit} bytes"))?;
        Ok(FetchedManifest { bytes, content_type, stated_digest })
    }

    /// Streams blob `digest` to `sink`, following redirects; the body must be
    /// exactly `size` bytes when the size is known, and at most `limit`.
    pub fn blob(
        &mut self,
        digest: &str,
        size: Option<u64>,
        limit: u64,
        sink: &mut dyn FnMut(&[u8]) -> Result<(), String>,
    ) -> Result<(), String> {
        let what = format!("blob {digest}");
        let url = format!("{}/v2/{}/blobs/{digest}", self.base()?, self.repository);
        let response = self.get(&url, None, &what)?;
        let response = expect_success(response, &what)?;
        let bound = size.unwrap_or(limit).min(limit);
        if let Some(length) = response.body().content_length() {
            if length > bound {
                return Err(format!("{what} is {length} bytes, more than the {bound} expected"));
            }
        }
        let mut body = response.into_body().into_with_config().limit(u64::MAX).reader();
        let mut buffer = vec![0u8; 256 << 10];
        let mut done = 0u64;
        loop {
            let n =
                body.read(&mut buffer).map_err(|e| format!("{what}: interrupted after {done} bytes: {e}"))?;
            if n == 0 {
                break;
            }
            done += n as u64;
            if done > bound {
                return Err(match size {
                    Some(size) if size <= limit => format!("{what} is larger than its declared {size} bytes"),
                    _ => format!("{what} is larger than the limit of {limit} bytes"),
                });
            }
            sink(&buffer[..n])?;
        }
        match size {
            Some(size) if done != size => Err(format!("{what} is {done} bytes, not its declared {size}")),
            _ => Ok(()),
        }
    }

    /// A GET that follows redirects by hand (see the module doc).
    fn get(&mut self, url: &str, accept: Option<&str>, what: &str) -> Result<Response<Body>, String> {
        let mut url = url.to_string();
        for _ in 0..=MAX_REDIRECTS {
            let response = self.send(&url, accept)?;
            if !response.status().is_redirection() || response.status() == StatusCode::NOT_MODIFIED {
                return Ok(response);
            }
            let location = response
                .headers()
                .get("location")
                .and_then(|l| l.to_str().ok())
                .ok_or_else(|| format!("{what}: a redirect without a Location"))?;
            url = self.redirect_target(&url, location).map_err(|e| format!("{what}: {e}"))?;
        }
        Err(format!("{what}: more than {MAX_REDIRECTS} redirects"))
    }

    fn base(&mut self) -> Result<String, String> {
        if let Some(base) = &self.base {
            return Ok(base.clone());
        }
        let https = format!("https://{}", self.host);
        let base = if self.is_insecure(&self.host) {
            // An insecure registry may still speak TLS (with a certificate nobody can verify).
            match self.unverified.get(format!("{https}/v2/")).call() {
                Ok(_) => https,
                Err(_) => format!("http://{}", self.host),
            }
        } else {
            https
        };
        self.base = Some(base.clone());
        Ok(base)
    }

    fn is_insecure(&self, host_port: &str) -> bool {
        let host = host_without_port(host_port);
        self.insecure.iter().any(|entry| entry == host_port || entry == host)
    }

    fn agent_for(&self, url: &str) -> &ureq::Agent {
        match url_parts(url) {
            Some(("https", host_port, _)) if self.is_insecure(host_port) => &self.unverified,
            _ => &self.verified,
        }
    }

    fn agent_is_unverified(&self, url: &str) -> bool {
        std::ptr::eq(self.agent_for(url), &self.unverified)
    }

    /// Checks a URL we were sent to (redirect, token realm) against the transport policy.
    fn check_url(&self, url: &str) -> Result<(), String> {
        match url_parts(url) {
            Some(("https", _, _)) => Ok(()),
            Some(("http", host_port, _)) if self.is_insecure(host_port) => Ok(()),
            Some(("http", host_port, _)) => Err(format!(
                "refusing plain HTTP to {host_port}, which is not an insecure registry (HTTP is allowed only for those)"
            )),
            _ => Err(format!("not an http(s) URL: {:?}", shorten(url))),
        }
    }

    fn redirect_target(&self, from: &str, location: &str) -> Result<String, String> {
        let has_scheme = location.split_once("://").is_some_and(|(scheme, _)| {
            !scheme.is_empty() && scheme.bytes().all(|b| b.is_ascii_alphanumeric())
        });
        let target = if has_scheme {
            location.to_string()
        } else {
            let (scheme, authority, path) = url_parts(from).ok_or("malformed redirect")?;
            if let Some(rest) = location.strip_prefix("//") {
                format!("{scheme}://{rest}")
            } else if location.starts_with('/') {
                format!("{scheme}://{authority}{location}")
            } else {
                let path = path.split('?').next().unwrap_or_default();
                let dir = path.rsplit_once('/').map_or("", |(d, _)| d);
                format!("{scheme}://{authority}{dir}/{location}")
            }
        };
        self.check_url(&target).map(|_| target)
    }

    fn is_registry(&self, url: &str) -> bool {
        self.base.as_ref().is_some_and(|base| url.starts_with(&format!("{base}/")))
    }

    /// A GET that answers the registry's authentication challenges.
    fn send(&mut self, url: &str, accept: Option<&str>) -> Result<Response<Body>, String> {
        let mut sent: Option<String> = None;
        for attempt in 1..=MAX_AUTH_ATTEMPTS {
            let mut request = self.agent_for(url).get(url);
            if let Some(accept) = accept {
                request = request.header("Accept", accept);
            }
            let to_registry = self.is_registry(url);
            if to_registry {
                if let Some(authorization) = &self.authorization {
                    request = request.header("Authorization", authorization);
                    sent = Some(authorization.clone());
                }
            }
            let response = request.call().map_err(|e| {
                let mut message = transport_error(url, &e);
                let tls_failed = is_tls_failure(&e);
                if tls_failed && url.starts_with("https://") && !self.agent_is_unverified(url) {
                    message.push_str(
                        " (a registry with a private CA needs that CA's certificate; one serving plain HTTP must be listed as an insecure registry)",
                    );
                }
                message
            })?;
            if response.status() != StatusCode::UNAUTHORIZED || !to_registry {
                return Ok(response);
            }
            if attempt == MAX_AUTH_ATTEMPTS {
                break;
            }
            let challenges: Vec<Challenge> = response
                .headers()
                .get_all("www-authenticate")
                .iter()
                .filter_map(|v| v.to_str().ok())
                .flat_map(parse_challenges)
                .collect();
            self.authorize(&challenges, sent.as_deref())?;
        }
        Err(self.denied("the registry kept refusing the credentials it asked for"))
    }

    /// Chooses the `Authorization` for the next attempt after a 401.
    fn authorize(&mut self, challenges: &[Challenge], sent: Option<&str>) -> Result<(), String> {
        let bearer = challenges.iter().find_map(|c| match c {
            Challenge::Bearer { realm, service, scope } => Some((realm, service, scope)),
            _ => None,
        });
        if let Some((realm, service, scope)) = bearer {
            let scope = scope.clone().unwrap_or_else(|| format!("repository:{}:pull", self.repository));
            let key = format!("{realm}\n{}\n{scope}", service.as_deref().unwrap_or_default());
            // A cached token not yet tried for this request first, else a fresh one (it may have expired).
            let header = match self.tokens.get(&key).map(|t| format!("Bearer {t}")) {
                Some(cached) if Some(cached.as_str()) != sent => cached,
                _ => {
                    let token = self.fetch_token(realm, service.as_deref(), &scope)?;
                    self.tokens.insert(key, token.clone());
                    format!("Bearer {token}")
                }
            };
            if Some(header.as_str()) == sent {
                return Err(self.denied("the registry refused the token it asked for"));
            }
            self.authorization = Some(header);
            return Ok(());
        }
        if challenges.contains(&Challenge::Basic) {
            let Some(credentials) = &self.credentials else {
                return Err(self.denied("the registry requires a login"));
            };
            let header = credentials.basic_header();
            if Some(header.as_str()) == sent {
                return Err(format!(
                    "{}: the registry refused the password of user {:?} (HTTP 401)",
                    self.host, credentials.username
                ));
            }
            self.authorization = Some(header);
            return Ok(());
        }
        Err(format!("{}: HTTP 401 without a Basic or Bearer challenge this client can answer", self.host))
    }

    fn denied(&self, why: &str) -> String {
        let whose = match (&self.credentials, &self.login_note) {
            (Some(c), _) => format!("as user {:?}", c.username),
            (None, Some(note)) => format!("without credentials ({note})"),
            (None, None) => "without credentials (none given, none in the Docker config)".to_string(),
        };
        format!("{}: access to {} denied {whose}: {why}", self.host, self.repository)
    }

    /// The token flow: GET the realm with service and scope, with the credentials if any.
    fn fetch_token(&self, realm: &str, service: Option<&str>, scope: &str) -> Result<String, String> {
        self.check_url(realm).map_err(|e| format!("token service: {e}"))?;
        let mut request = self.agent_for(realm).get(realm);
        if let Some(service) = service {
            request = request.query("service", service);
        }
        request = request.query("scope", scope);
        if let Some(credentials) = &self.credentials {
            request = request.header("Authorization", credentials.basic_header());
        }
        let shown = shorten(realm);
        let response = request.call().map_err(|e| format!("token service {shown}: {}", describe(&e)))?;
        let status = response.status();
        if status == StatusCode::UNAUTHORIZED || status == StatusCode::FORBIDDEN {
            return Err(self.denied(&format!("the token service {shown} answered HTTP {}", status.as_u16())));
        }
        if !status.is_success() {
            return Err(format!("token service {shown}: HTTP {}", status.as_u16()));
        }
        let bytes = read_bounded(response.into_body(), MAX_SMALL_BODY)
            .map_err(|e| format!("token service {shown}: {e}"))?
            .ok_or_else(|| {
                format!("token service {shown}: the response is larger than {MAX_SMALL_BODY} bytes")
            })?;
        let json: serde_json::Value = serde_json::from_slice(&bytes)
            .map_err(|_| format!("token service {shown}: the response is not JSON"))?;
        ["token", "access_token"]
            .iter()
            .find_map(|field| json.get(field).and_then(|t| t.as_str()).filter(|t| !t.is_empty()))
            .filter(|t| t.bytes().all(|b| b.is_ascii_graphic()))
            .map(str::to_string)
            .ok_or_else(|| {
                format!("token service {shown}: no usable `token` or `access_token` in the response")
            })
    }
}

fn agent(tls: ureq::tls::TlsConfig) -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .tls_config(tls)
        .timeout_connect(Some(Duration::from_secs(30)))
        .timeout_recv_response(Some(Duration::from_secs(60)))
        .timeout_per_read(Some(Duration::from_secs(60)))
        .user_agent(concat!("bosun/", env!("CARGO_PKG_VERSION")))
        .build()
        .into()
}

fn read_ca_file(path: &std::path::Path) -> Result<Vec<ureq::tls::Certificate<'static>>, String> {
    let text = std::fs::read(path).map_err(|e| format!("CA file {}: {e}", path.display()))?;
    let mut certificates = Vec::new();
    for item in ureq::tls::parse_pem(&text) {
        match item {
            Ok(ureq::tls::PemItem::Certificate(c)) => certificates.push(c),
            Ok(_) => {}
            Err(e) => return Err(format!("CA file {}: {e}", path.display())),
        }
    }
    if certificates.is_empty() {
        return Err(format!("CA file {}: no PEM certificate in it", path.display()));
    }
    Ok(certificates)
}

/// Reads at most `limit` bytes; `None` when the body is longer.
fn read_bounded(body: Body, limit: u64) -> Result<Option<Vec<u8>>, String> {
    let mut bytes = Vec::new();
    body.into_with_config()
        .limit(u64::MAX)
        .reader()
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    Ok((bytes.len() as u64 <= limit).then_some(bytes))
}

/// A non-2xx response as an error, with the registry's own error codes when it sent some.
fn expect_success(response: Response<Body>, what: &str) -> Result<Response<Body>, String> {
    let status = response.status();
    if status.is_success() {
        return Ok(response);
    }
    let body = read_bounded(response.into_body(), 64 << 10).ok().flatten().unwrap_or_default();
    let detail = serde_json::from_slice::<serde_json::Value>(&body)
        .ok()
        .and_then(|json| {
            let errors = json.get("errors")?.as_array()?;
            let text: Vec<String> = errors
                .iter()
                .take(3)
                .map(|e| {
                    let code = e.get("code").and_then(|c| c.as_str()).unwrap_or("?");
                    let message = e.get("message").and_then(|m| m.as_str()).unwrap_or("");
                    shorten(&format!("{code}: {message}"))
                })
                .collect();
            (!text.is_empty()).then(|| format!(" ({})", text.join("; ")))
        })
        .unwrap_or_default();
    let what = if status == StatusCode::NOT_FOUND { format!("{what} not found") } else { what.to_string() };
    Err(format!("{what}: HTTP {}{detail}", status.as_u16()))
}

fn transport_error(url: &str, error: &ureq::Error) -> String {
    let origin =
        url_parts(url).map_or_else(|| shorten(url), |(scheme, host, _)| format!("{scheme}://{host}"));
    format!("{origin}: {}", describe(error))
}

/// rustls reports a failed handshake as an I/O error of kind `InvalidData`.
fn is_tls_failure(error: &ureq::Error) -> bool {
    match error {
        ureq::Error::Tls(_) | ureq::Error::Rustls(_) => true,
        ureq::Error::Io(e) => e.kind() == std::io::ErrorKind::InvalidData,
        _ => false,
    }
}

fn describe(error: &ureq::Error) -> String {
    match error {
        ureq::Error::Io(e) if is_tls_failure(error) => format!("TLS failed: {e}"),
        ureq::Error::Io(e) => format!("connection failed: {e}"),
        ureq::Error::Tls(e) => format!("TLS failed: {e}"),
        ureq::Error::Rustls(e) => format!("TLS failed: {e}"),
        ureq::Error::HostNotFound => "host not found".to_string(),
        ureq::Error::ConnectionFailed => "connection failed".to_string(),
        other => other.to_string(),
    }
}

/// `(scheme, host[:port], path-and-query)` of an absolute http(s) URL.
fn url_parts(url: &str) -> Option<(&str, &str, &str)> {
    let (scheme, rest) = url.split_once("://")?;
    if !matches!(scheme, "http" | "https") {
        return None;
    }
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..end];
    if authority.is_empty() || authority.contains('@') {
        return None;
    }
    Some((scheme, authority, &rest[end..]))
}

fn host_without_port(host_port: &str) -> &str {
    if host_port.starts_with('[') {
        return host_port.split_once(']').map_or(host_port, |(h, _)| h).trim_start_matches('[');
    }
    host_port.rsplit_once(':').map_or(host_port, |(h, _)| h)
}

/// A URL or message cut to a length fit for an error, without its query (signed URLs carry secrets there).
fn shorten(text: &str) -> String {
    let text = text.split('?').next().unwrap_or_default();
    let mut short: String = text.chars().take(160).collect();
    if short.len() < text.len() {
        short.push('…');
    }
    short
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client(insecure: &[&str]) -> Client {
        let options = RegistryOptions {
            insecure_registries: insecure.iter().map(|s| s.to_string()).collect(),
            ..RegistryOptions::default()
        };
        let mut c = Client::new("reg.example:5000", "a/b", &options, None, None).unwrap();
        c.base = Some("https://reg.example:5000".into());
        c
    }

    #[test]
    fn redirects_resolve_and_never_downgrade() {
        let c = client(&["cache.local"]);
        let from = "https://reg.example:5000/v2/a/b/blobs/sha256:x";
        assert_eq!(
            c.redirect_target(from, "/store/1?sig=z").unwrap(),
            "https://reg.example:5000/store/1?sig=z"
        );
        assert_eq!(c.redirect_target(from, "//cdn.example/x").unwrap(), "https://cdn.example/x");
        assert_eq!(c.redirect_target(from, "y").unwrap(), "https://reg.example:5000/v2/a/b/blobs/y");
        assert!(c.redirect_target(from, "http://cdn.example/x").unwrap_err().contains("refusing plain HTTP"));
        assert!(c.redirect_target(from, "http://cache.local:9/x").is_ok());
        assert!(c.redirect_target(from, "ftp://x/y").unwrap_err().contains("not an http(s) URL"));
        assert!(c.redirect_target(from, "https://user:pw@evil/").is_err());
    }

    #[test]
    fn insecure_hosts_match_with_or_without_port() {
        let c = client(&["a.example", "b.example:5000"]);
        assert!(c.is_insecure("a.example:443") && c.is_insecure("a.example"));
        assert!(c.is_insecure("b.example:5000") && !c.is_insecure("b.example:5001"));
        assert!(!c.is_insecure("c.example"));
        assert_eq!(host_without_port("[::1]:5000"), "::1");
        assert!(
            c.is_registry("https://reg.example:5000/v2/x") && !c.is_registry("https://reg.example:50000/")
        );
    }

    #[test]
    fn urls_in_errors_lose_their_query() {
        assert_eq!(shorten("https://s3/x?X-Amz-Signature=secret"), "https://s3/x");
        assert!(shorten(&"a".repeat(500)).ends_with('…'));
    }
}
