//! Opening the image a command line names, with the platform and registry
//! settings of its flags.

use crate::cli::RegistryArgs;
use bosun_image::{
    BlobKind, Credentials, Image, ImageSource, OpenOptions, Platform, ProgressHook, PullProgress,
    RegistryOptions,
};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::{IsTerminal, Read};
use std::path::PathBuf;

/// The environment variable a registry password may come from.
const PASSWORD_VARIABLE: &str = "BOSUN_REGISTRY_PASSWORD";

/// Opens `reference` (see `bosun image --help` for the forms it takes).
/// `offline` refuses registry references: a pull is the one thing an image
/// scan would use the network for.
pub fn open(reference: &str, registry: &RegistryArgs, quiet: bool, offline: bool) -> Result<Image, String> {
    let (source, name) = split_layout_reference(ImageSource::parse(reference)?);
    if offline && matches!(source, ImageSource::Registry(_)) {
        return Err(format!(
            "{reference}: --offline forbids pulling from a registry; save the image first \
             (`skopeo copy docker://{reference} oci:DIR` or `docker save`) and scan that"
        ));
    }
    let platform = Platform::parse(&registry.platform).map_err(|e| format!("--platform: {e}"))?;
    let mut options = OpenOptions { platform, reference: name, ..OpenOptions::default() };
    let bar = ProgressBar::hidden();
    if let ImageSource::Registry(_) = &source {
        options.registry = registry_options(registry)?;
        if !quiet && std::io::stderr().is_terminal() {
            bar.set_draw_target(ProgressDrawTarget::stderr());
            options.registry.progress = Some(progress_hook(bar.clone()));
        }
    }
    let opened = Image::open(&source, &options);
    bar.finish_and_clear();
    opened
}

fn registry_options(args: &RegistryArgs) -> Result<RegistryOptions, String> {
    let credentials = match &args.username {
        Some(username) => Some(Credentials { username: username.clone(), password: password(args)? }),
        None => None,
    };
    let cache_dir = bosun_vuln::db::default_path()
        .and_then(|db| db.parent().map(|dir| dir.join("images")))
        .ok_or("no cache directory for image layers: set BOSUN_CACHE_DIR")?;
    Ok(RegistryOptions {
        credentials,
        insecure_registries: args.insecure_registry.clone(),
        ca_files: args.registry_ca.clone(),
        cache_dir: Some(cache_dir),
        ..RegistryOptions::default()
    })
}

/// The password: `--password`, else stdin with `--password-stdin`, else the environment.
fn password(args: &RegistryArgs) -> Result<String, String> {
    if let Some(password) = &args.password {
        return Ok(password.clone());
    }
    if args.password_stdin {
        let mut text = String::new();
        std::io::stdin()
            .take(64 << 10)
            .read_to_string(&mut text)
            .map_err(|e| format!("--password-stdin: {e}"))?;
        return Ok(text.trim_end_matches(['\n', '\r']).to_string());
    }
    std::env::var(PASSWORD_VARIABLE)
        .map_err(|_| format!("--username needs --password, --password-stdin or {PASSWORD_VARIABLE}"))
}

/// One bar for the blob being pulled (blobs are pulled one at a time).
fn progress_hook(bar: ProgressBar) -> ProgressHook {
    let style = ProgressStyle::with_template("{msg:32} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec}")
        .expect("a valid template")
        .progress_chars("=> ");
    bar.set_style(style);
    ProgressHook::new(move |progress: &PullProgress<'_>| {
        let what = match progress.kind {
            BlobKind::Manifest => "manifest",
            BlobKind::Config => "config",
            BlobKind::Layer => "layer",
        };
        let hex = progress.digest.hex();
        let cached = if progress.cached { " (cached)" } else { "" };
        bar.set_message(format!("{what} {}{cached}", &hex[..hex.len().min(12)]));
        bar.set_length(progress.total.unwrap_or(progress.done));
        bar.set_position(progress.done);
    })
}

/// `oci:DIR:NAME` (as skopeo writes it) picks the image annotated NAME in a
/// layout holding several; a directory whose own name has a colon still wins.
fn split_layout_reference(source: ImageSource) -> (ImageSource, Option<String>) {
    if let ImageSource::OciLayout(path) = &source {
        let text = path.to_string_lossy();
        if !path.exists() {
            if let Some((dir, name)) = text.rsplit_once(':') {
                if std::path::Path::new(dir).is_dir() && !name.is_empty() && !name.contains('/') {
                    return (ImageSource::OciLayout(PathBuf::from(dir)), Some(name.to_string()));
                }
            }
        }
    }
    (source, None)
}

/// Whether a command-line argument of `bosun sbom` names an image rather than
/// a path: a transport prefix, or a registry reference that says so (a
/// registry host, a tag or a digest) and is not an existing path. A mistyped
/// directory name stays a path, so it fails as one.
pub fn looks_like_image(argument: &str) -> bool {
    const TRANSPORTS: [&str; 4] = ["oci:", "docker-archive:", "oci-archive:", "docker://"];
    if TRANSPORTS.iter().any(|t| argument.starts_with(t)) {
        return true;
    }
    if std::path::Path::new(argument).exists() {
        return false;
    }
    let Ok(ImageSource::Registry(_)) = ImageSource::parse(argument) else { return false };
    let first = argument.split('/').next().unwrap_or_default();
    let names_host =
        argument.contains('/') && (first.contains('.') || first.contains(':') || first == "localhost");
    let last = argument.rsplit('/').next().unwrap_or_default();
    names_host || last.contains(':') || last.contains('@')
}

#[cfg(test)]
mod tests {
    use super::looks_like_image;

    #[test]
    fn images_and_paths_are_told_apart() {
        for image in [
            "oci:x",
            "docker-archive:a.tar",
            "alpine:3.20",
            "ghcr.io/org/app",
            "localhost:5000/a",
            "a@sha256:0000000000000000000000000000000000000000000000000000000000000000",
        ] {
            assert!(looks_like_image(image), "{image}");
        }
        for path in [".", "no-such-dir", "some/missing/dir"] {
            assert!(!looks_like_image(path), "{path}");
        }
    }
}
