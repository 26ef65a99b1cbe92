//! The server's certificate: read from PEM files and read again when they
//! change (cert-manager and Kubernetes secret mounts replace them in place),
//! or generated for development clusters as a CA and a serving certificate.
//!
//! A reload that fails (a half-written file, a key that does not match)
//! keeps the previous certificate and says why on stderr: a running webhook
//! must not start failing TLS handshakes because of a bad rotation.

use rustls::crypto::ring::sign::any_supported_type;
use rustls::server::{ClientHello, ResolvesServerCert};
use rustls::sign::CertifiedKey;
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};
use std::time::SystemTime;

/// Reads a PEM certificate chain and its private key.
pub fn load(cert: &Path, key: &Path) -> Result<CertifiedKey, String> {
    let chain: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(cert)
        .map_err(|e| format!("{}: {e}", cert.display()))?
        .collect::<Result<_, _>>()
        .map_err(|e| format!("{}: {e}", cert.display()))?;
    if chain.is_empty() {
        return Err(format!("{}: no certificate in the file", cert.display()));
    }
    let key_der = PrivateKeyDer::from_pem_file(key).map_err(|e| format!("{}: {e}", key.display()))?;
    from_der(chain, key_der).map_err(|e| format!("{}: {e}", key.display()))
}

fn from_der(
    chain: Vec<CertificateDer<'static>>,
    key: PrivateKeyDer<'static>,
) -> Result<CertifiedKey, String> {
    let signing = any_supported_type(&key).map_err(|e| format!("unusable private key: {e}"))?;
    let certified = CertifiedKey::new(chain, signing);
    certified.keys_match().map_err(|e| format!("the key does not belong to the certificate: {e}"))?;
    Ok(certified)
}

/// Serves the current certificate; [`ReloadingResolver::reload_if_changed`]
/// swaps it when the files' modification times change.
#[derive(Debug)]
pub struct ReloadingResolver {
    current: RwLock<Arc<CertifiedKey>>,
    files: Option<(PathBuf, PathBuf)>,
    stamps: Mutex<(Option<SystemTime>, Option<SystemTime>)>,
}

impl ReloadingResolver {
    /// A resolver for certificate files, loaded now.
    pub fn from_files(cert: &Path, key: &Path) -> Result<ReloadingResolver, String> {
        let certified = load(cert, key)?;
        Ok(ReloadingResolver {
            current: RwLock::new(Arc::new(certified)),
            stamps: Mutex::new((modified(cert), modified(key))),
            files: Some((cert.to_path_buf(), key.to_path_buf())),
        })
    }

    /// A resolver for a fixed certificate (generated, never reloaded).
    pub fn fixed(certified: CertifiedKey) -> ReloadingResolver {
        ReloadingResolver {
            current: RwLock::new(Arc::new(certified)),
            files: None,
            stamps: Mutex::new((None, None)),
        }
    }

    /// Loads the files again if either changed; `Ok(true)` when the certificate was replaced.
    pub fn reload_if_changed(&self) -> Result<bool, String> {
        let Some((cert, key)) = &self.files else { return Ok(false) };
        let now = (modified(cert), modified(key));
        let mut stamps = self.stamps.lock().unwrap_or_else(|p| p.into_inner());
        if *stamps == now {
            return Ok(false);
        }
        let certified = load(cert, key)?;
        *self.current.write().unwrap_or_else(|p| p.into_inner()) = Arc::new(certified);
        *stamps = now;
        Ok(true)
    }
}

impl ResolvesServerCert for ReloadingResolver {
    fn resolve(&self, _hello: ClientHello<'_>) -> Option<Arc<CertifiedKey>> {
        Some(self.current.read().unwrap_or_else(|p| p.into_inner()).clone())
    }
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// A development CA and a serving certificate it signed, as PEM.
pub struct SelfSigned {
    /// The CA certificate: the webhook configuration's `caBundle` (base64 of this).
    pub ca_pem: String,
    pub cert_pem: String,
    pub key_pem: String,
}

impl SelfSigned {
    /// Signs a serving certificate for `hosts` (DNS names or IP addresses),
    /// e.g. `bosun.bosun.svc` and `bosun.bosun.svc.cluster.local`.
    pub fn generate(hosts: &[String]) -> Result<SelfSigned, String> {
        use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair, KeyUsagePurpose};
        let error = |e: rcgen::Error| format!("generating a certificate: {e}");
        let ca_key = KeyPair::generate().map_err(error)?;
        let mut ca_params = CertificateParams::new(Vec::<String>::new()).map_err(error)?;
        ca_params.is_ca = IsCa::Ca(BasicConstraints::Constrained(0));
        ca_params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        ca_params.distinguished_name.push(DnType::CommonName, "bosun admission development CA");
        let ca_cert = ca_params.self_signed(&ca_key).map_err(error)?;
        let issuer = Issuer::new(ca_params, ca_key);
        let key = KeyPair::generate().map_err(error)?;
        let mut params = CertificateParams::new(hosts.to_vec()).map_err(error)?;
        params.distinguished_name.push(DnType::CommonName, hosts.first().map_or("bosun", String::as_str));
        let cert = params.signed_by(&key, &issuer).map_err(error)?;
        Ok(SelfSigned { ca_pem: ca_cert.pem(), cert_pem: cert.pem(), key_pem: key.serialize_pem() })
    }

    pub fn certified_key(&self) -> Result<CertifiedKey, String> {
        let chain = CertificateDer::pem_slice_iter(self.cert_pem.as_bytes())
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| e.to_string())?;
        let key = PrivateKeyDer::from_pem_slice(self.key_pem.as_bytes()).map_err(|e| e.to_string())?;
        from_der(chain, key)
    }
}
