//! Downloading OSV exports over HTTP(S): `<base>/<ecosystem>/all.zip`, the
//! layout of osv.dev's public bucket (and of any mirror of it).
//!
//! Each zip goes to a file in a directory the caller owns (a temporary one),
//! never into the database: the import that follows reads it whole before
//! writing anything. Any failure — no connection, an HTTP error, a body cut
//! short, a body over the size limit — names the ecosystem and the URL.

use super::export::{Export, ExportKind};
use super::{DbError, Progress};
use crate::inventory::percent;
use std::io::{Read, Write};
use std::path::Path;
use std::time::Duration;

/// osv.dev's public bucket.
pub const DEFAULT_BASE_URL: &str = "https://osv-vulnerabilities.storage.googleapis.com";

/// The largest export accepted (osv.dev's biggest are a few hundred MB).
const MAX_DOWNLOAD: u64 = 4 << 30;

/// Downloads `<base_url>/<ecosystem>/all.zip` for each ecosystem into `dir`,
/// and returns them as exports to import. `progress` hears the bytes as they
/// come.
pub fn fetch(
    base_url: &str,
    ecosystems: &[String],
    dir: &Path,
    progress: &mut dyn FnMut(Progress<'_>),
) -> Result<Vec<Export>, DbError> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_connect(Some(Duration::from_secs(30)))
        .timeout_recv_response(Some(Duration::from_secs(60)))
        .timeout_per_read(Some(Duration::from_secs(60)))
        .user_agent(concat!("bosun/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let mut exports = Vec::with_capacity(ecosystems.len());
    for (n, ecosystem) in ecosystems.iter().enumerate() {
        let url = format!("{}/{}/all.zip", base_url.trim_end_matches('/'), path_segment(ecosystem));
        let label = format!("{ecosystem} export {url}");
        let path = dir.join(format!("{n}.zip"));
        download(&agent, &url, &path, &mut |done, total| {
            progress(Progress::Download { ecosystem, done, total })
        })
        .map_err(|reason| DbError::source(&label, reason))?;
        exports.push(Export { ecosystem: Some(ecosystem.clone()), path, kind: ExportKind::Zip, origin: url });
    }
    Ok(exports)
}

fn download(
    agent: &ureq::Agent,
    url: &str,
    path: &Path,
    progress: &mut dyn FnMut(u64, Option<u64>),
) -> Result<(), String> {
    let response = agent.get(url).call().map_err(|e| format!("download failed: {e}"))?;
    let status = response.status();
    if !status.is_success() {
        let reason = status.canonical_reason().unwrap_or("");
        return Err(format!("HTTP {} {reason}", status.as_u16()).trim_end().to_string());
    }
    let total = response.body().content_length();
    if total.is_some_and(|total| total > MAX_DOWNLOAD) {
        return Err(format!("{} bytes (the limit is {MAX_DOWNLOAD})", total.unwrap_or_default()));
    }
    let mut body = response.into_body().into_with_config().limit(MAX_DOWNLOAD + 1).reader();
    let mut file = std::fs::File::create(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut buffer = vec![0u8; 256 << 10];
    let mut done = 0u64;
    progress(0, total);
    loop {
        let read = match body.read(&mut buffer) {
            Ok(0) => break,
            Ok(read) => read,
            Err(e) => return Err(format!("download interrupted after {done} bytes: {e}")),
        };
        file.write_all(&buffer[..read]).map_err(|e| format!("{}: {e}", path.display()))?;
        done += read as u64;
        if done > MAX_DOWNLOAD {
            return Err(format!("over {MAX_DOWNLOAD} bytes"));
        }
        progress(done, total);
    }
    if let Some(total) = total.filter(|&total| total != done) {
        return Err(format!("download interrupted: {done} of {total} bytes"));
    }
    file.flush().map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(())
}

/// An ecosystem name as one URL path segment: `Red Hat` → `Red%20Hat`;
/// `Alpine:v3.20` and `crates.io` stay as they are.
fn path_segment(ecosystem: &str) -> String {
    percent::encode(ecosystem, b":")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ecosystem_names_become_path_segments() {
        assert_eq!(path_segment("crates.io"), "crates.io");
        assert_eq!(path_segment("Alpine:v3.20"), "Alpine:v3.20");
        assert_eq!(path_segment("Red Hat"), "Red%20Hat");
        assert_eq!(path_segment("a/b"), "a%2Fb");
    }
}
