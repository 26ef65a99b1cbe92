//! Registry credentials and challenges: the `WWW-Authenticate` header of a
//! 401 (`Basic` or `Bearer` with realm, service and scope), and the
//! credentials Docker keeps in `config.json` under `auths`.
//!
//! Credential helpers (`credHelpers`, `credsStore`) are programs; bosun does
//! not run them, so credentials kept only there are unavailable, and the
//! error for a refused pull says so. Identity tokens (the OAuth refresh tokens
//! `docker login` stores for some registries) are not used either. Passwords
//! never appear in a `Debug` output or an error message.

use base64::Engine as _;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// Largest `config.json` read: real ones are a few kilobytes.
const MAX_CONFIG_BYTES: u64 = 4 << 20;

/// A user name and password (or a personal access token used as one).
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    pub username: String,
    pub password: String,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("username", &self.username)
            .field("password", &"<hidden>")
            .finish()
    }
}

impl Credentials {
    pub(crate) fn basic_header(&self) -> String {
        let pair = format!("{}:{}", self.username, self.password);
        format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(pair))
    }
}

/// One challenge of a `WWW-Authenticate` header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Challenge {
    Basic,
    Bearer { realm: String, service: Option<String>, scope: Option<String> },
    Other(String),
}

/// Parses `Scheme k=v, k="v", Scheme2 ...`; unknown schemes are kept by name.
pub(crate) fn parse_challenges(header: &str) -> Vec<Challenge> {
    let mut challenges = Vec::new();
    let mut current: Option<(String, BTreeMap<String, String>)> = None;
    let mut rest = header.trim();
    while !rest.is_empty() {
        rest = rest.trim_start_matches([',', ' ', '\t']);
        let token_end = rest.find(|c: char| c == '=' || c == ',' || c.is_whitespace()).unwrap_or(rest.len());
        let token = &rest[..token_end];
        let after = rest[token_end..].trim_start_matches([' ', '\t']);
        if token.is_empty() {
            break;
        }
        if let Some(value_text) = after.strip_prefix('=') {
            let (value, remaining) = parameter_value(value_text.trim_start());
            if let Some((_, params)) = current.as_mut() {
                params.insert(token.to_ascii_lowercase(), value);
            }
            rest = remaining;
        } else {
            if let Some(done) = current.take() {
                challenges.push(challenge(done));
            }
            current = Some((token.to_string(), BTreeMap::new()));
            rest = after;
        }
    }
    if let Some(done) = current.take() {
        challenges.push(challenge(done));
    }
    challenges
}

/// A quoted string (with `\` escapes) or a token, and what follows it.
fn parameter_value(text: &str) -> (String, &str) {
    if let Some(quoted) = text.strip_prefix('"') {
        let mut value = String::new();
        let mut chars = quoted.char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '\\' => {
                    if let Some((_, escaped)) = chars.next() {
                        value.push(escaped);
                    }
                }
                '"' => return (value, &quoted[i + 1..]),
                c => value.push(c),
            }
        }
        (value, "")
    } else {
        let end = text.find(',').unwrap_or(text.len());
        (text[..end].trim().to_string(), &text[end..])
    }
}

fn challenge((scheme, mut params): (String, BTreeMap<String, String>)) -> Challenge {
    match scheme.to_ascii_lowercase().as_str() {
        "basic" => Challenge::Basic,
        "bearer" => match params.remove("realm") {
            Some(realm) => {
                Challenge::Bearer { realm, service: params.remove("service"), scope: params.remove("scope") }
            }
            None => Challenge::Other(scheme),
        },
        _ => Challenge::Other(scheme),
    }
}

/// What Docker's config file holds for one registry.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct StoredLogin {
    pub credentials: Option<Credentials>,
    /// Why credentials that may exist were not used (a credential helper, an identity token).
    pub note: Option<String>,
}

/// `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`.
pub(crate) fn default_docker_config() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("DOCKER_CONFIG").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir).join("config.json"));
    }
    std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .map(|home| PathBuf::from(home).join(".docker/config.json"))
}

/// The login stored for `registry` (as written in the reference, `docker.io` for Docker Hub).
/// A missing file means no login; an unreadable or malformed one is an error.
pub(crate) fn stored_login(path: &Path, registry: &str) -> Result<StoredLogin, String> {
    use std::io::Read;
    let file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(StoredLogin::default()),
        Err(e) => return Err(format!("{}: {e}", path.display())),
    };
    let mut text = Vec::new();
    file.take(MAX_CONFIG_BYTES + 1).read_to_end(&mut text).map_err(|e| format!("{}: {e}", path.display()))?;
    if text.len() as u64 > MAX_CONFIG_BYTES {
        return Err(format!("{}: larger than {MAX_CONFIG_BYTES} bytes", path.display()));
    }
    login_from_config(&text, registry).map_err(|e| format!("{}: {e}", path.display()))
}

fn login_from_config(text: &[u8], registry: &str) -> Result<StoredLogin, String> {
    let config: serde_json::Value =
        serde_json::from_slice(text).map_err(|e| format!("malformed Docker config: {e}"))?;
    let wanted = config_key(registry);
    let auth = config
        .get("auths")
        .and_then(|a| a.as_object())
        .and_then(|auths| auths.iter().find(|(key, _)| config_key(key) == wanted).map(|(_, entry)| entry));
    let mut login = StoredLogin::default();
    if let Some(entry) = auth {
        login.credentials = entry_credentials(entry)?;
        if login.credentials.is_none() && entry.get("identitytoken").is_some() {
            login.note = Some(format!(
                "the Docker config has an identity token for {registry}, which bosun does not use: pass a user name and password"
            ));
        }
    }
    if login.credentials.is_none() {
        let helper = config
            .get("credHelpers")
            .and_then(|h| h.as_object())
            .and_then(|helpers| helpers.iter().find(|(key, _)| config_key(key) == wanted))
            .and_then(|(_, name)| name.as_str())
            .or_else(|| config.get("credsStore").and_then(|s| s.as_str()))
            .filter(|name| !name.is_empty());
        if let Some(helper) = helper {
            login.note = Some(format!(
                "the Docker config keeps credentials for {registry} in the credential helper docker-credential-{helper}, which bosun does not run: pass a user name and password"
            ));
        }
    }
    Ok(login)
}

fn entry_credentials(entry: &serde_json::Value) -> Result<Option<Credentials>, String> {
    let field = |name: &str| entry.get(name).and_then(|v| v.as_str()).filter(|v| !v.is_empty());
    if let Some(encoded) = field("auth") {
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(encoded.trim())
            .map_err(|_| "an `auth` value is not valid base64".to_string())?;
        let decoded = String::from_utf8(decoded).map_err(|_| "an `auth` value is not UTF-8".to_string())?;
        let (username, password) =
            decoded.split_once(':').ok_or("an `auth` value is not `user:password`".to_string())?;
        return Ok(Some(Credentials { username: username.to_string(), password: password.to_string() }));
    }
    match (field("username"), field("password")) {
        (Some(username), Some(password)) => {
            Ok(Some(Credentials { username: username.to_string(), password: password.to_string() }))
        }
        _ => Ok(None),
    }
}

/// The registry a config key names: `https://index.docker.io/v1/` → `docker.io`.
fn config_key(key: &str) -> String {
    let without_scheme = key.strip_prefix("https://").or_else(|| key.strip_prefix("http://")).unwrap_or(key);
    let host = without_scheme.split('/').next().unwrap_or_default().to_ascii_lowercase();
    match host.as_str() {
        "index.docker.io" | "registry-1.docker.io" | "registry.hub.docker.com" => "docker.io".to_string(),
        _ => host,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bearer_and_basic_challenges_parse() {
        let header = r#"Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/alpine:pull""#;
        assert_eq!(
            parse_challenges(header),
            [Challenge::Bearer {
                realm: "https://auth.docker.io/token".into(),
                service: Some("registry.docker.io".into()),
                scope: Some("repository:library/alpine:pull".into()),
            }]
        );
        assert_eq!(parse_challenges(r#"Basic realm="Registry Realm""#), [Challenge::Basic]);
        let two =
            parse_challenges(r#"Negotiate, basic realm="a, b", Bearer realm=https://t/x, service = "s\"q""#);
        assert_eq!(
            two,
            [
                Challenge::Other("Negotiate".into()),
                Challenge::Basic,
                Challenge::Bearer { realm: "https://t/x".into(), service: Some("s\"q".into()), scope: None },
            ]
        );
        assert_eq!(parse_challenges("Bearer service=x"), [Challenge::Other("Bearer".into())]);
        assert!(parse_challenges("").is_empty());
        assert_eq!(parse_challenges(r#"Bearer realm="unterminated"#).len(), 1);
    }

    #[test]
    fn docker_config_logins() {
        let encoded = base64::engine::general_purpose::STANDARD.encode("alice:s3cr:et");
        let config = format!(
            r#"{{"auths": {{
                "https://index.docker.io/v1/": {{"auth": "{encoded}"}},
                "registry.example:5000": {{"username": "bob", "password": "pw"}},
                "tokens.example": {{"identitytoken": "xyz"}},
                "broken.example": {{"auth": "%%%"}}
            }},
            "credHelpers": {{"gcr.io": "gcloud"}}}}"#
        );
        let login = |registry: &str| login_from_config(config.as_bytes(), registry);
        let hub = login("docker.io").unwrap().credentials.unwrap();
        assert_eq!((hub.username.as_str(), hub.password.as_str()), ("alice", "s3cr:et"));
        assert_eq!(login("registry.example:5000").unwrap().credentials.unwrap().username, "bob");
        assert_eq!(login("registry.example").unwrap(), StoredLogin::default());
        assert!(login("gcr.io")
            .unwrap()
            .note
            .unwrap()
            .contains("docker-credential-gcloud, which bosun does not run"));
        assert!(login("tokens.example").unwrap().note.unwrap().contains("identity token"));
        assert!(login("broken.example").unwrap_err().contains("not valid base64"));
        let store = login_from_config(br#"{"credsStore": "desktop"}"#, "ghcr.io").unwrap();
        assert!(store.note.unwrap().contains("docker-credential-desktop"));
        assert!(login_from_config(b"{", "x").unwrap_err().contains("malformed Docker config"));
    }

    #[test]
    fn missing_config_is_no_login_and_passwords_stay_hidden() {
        let dir = std::env::temp_dir().join("bosun-no-such-docker-config/config.json");
        assert_eq!(stored_login(&dir, "docker.io").unwrap(), StoredLogin::default());
        let c = Credentials { username: "u".into(), password: "hunter2".into() };
        assert!(!format!("{c:?}").contains("hunter2"));
        assert_eq!(c.basic_header(), "Basic dTpodW50ZXIy");
    }
}
