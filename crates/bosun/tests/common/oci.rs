//! Writes real container images for the tests: tar layers compressed with
//! gzip, the OCI config and manifest with correct sha256 digests, laid out as
//! an OCI image layout or a `docker save` archive — what registries and
//! `docker save` produce, without needing a Docker daemon.
#![allow(dead_code)]

use flate2::write::GzEncoder;
use serde_json::{json, Value};
use sha2::{Digest as _, Sha256};
use std::io::Write;
use std::path::Path;

/// One tar entry.
pub enum Entry<'a> {
    File(&'a str, &'a [u8]),
    /// A file with permission bits (an executable).
    Mode(&'a str, &'a [u8], u32),
    Dir(&'a str),
    /// Raw name bytes, so hostile names (`../x`) survive the tar writer's checks.
    Hostile(&'a str, &'a [u8]),
}

/// A layer and the history step that made it.
pub struct Layer<'a> {
    pub created_by: &'a str,
    pub entries: Vec<Entry<'a>>,
}

pub struct Built {
    pub layers: Vec<(String, Vec<u8>)>,
    pub config: Vec<u8>,
    pub manifest: Vec<u8>,
}

pub fn sha256(bytes: &[u8]) -> String {
    format!("sha256:{:x}", Sha256::digest(bytes))
}

fn tar_of(entries: &[Entry]) -> Vec<u8> {
    let mut builder = tar::Builder::new(Vec::new());
    for entry in entries {
        let (path, data, mode, kind) = match entry {
            Entry::File(p, d) | Entry::Hostile(p, d) => (*p, *d, 0o644, tar::EntryType::Regular),
            Entry::Mode(p, d, m) => (*p, *d, *m, tar::EntryType::Regular),
            Entry::Dir(p) => (*p, &b""[..], 0o755, tar::EntryType::Directory),
        };
        let mut header = tar::Header::new_gnu();
        let name = &mut header.as_old_mut().name;
        name[..path.len()].copy_from_slice(path.as_bytes());
        header.set_entry_type(kind);
        header.set_size(data.len() as u64);
        header.set_mode(mode);
        header.set_mtime(1_700_000_000);
        header.set_cksum();
        builder.append(&header, data).unwrap();
    }
    builder.into_inner().unwrap()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

/// Builds the blobs of an image from its layers and run config (`config`
/// field of the image config: User, Env, ExposedPorts...).
pub fn build(layers: &[Layer], run_config: Value, empty_steps: &[&str]) -> Built {
    let mut blobs = Vec::new();
    let mut diff_ids = Vec::new();
    let mut history: Vec<Value> = Vec::new();
    for layer in layers {
        let tar = tar_of(&layer.entries);
        diff_ids.push(sha256(&tar));
        let blob = gzip(&tar);
        blobs.push((sha256(&blob), blob));
        history.push(json!({"created_by": layer.created_by}));
    }
    for step in empty_steps {
        history.push(json!({"created_by": step, "empty_layer": true}));
    }
    let config = serde_json::to_vec(&json!({
        "architecture": "amd64",
        "os": "linux",
        "config": run_config,
        "rootfs": {"type": "layers", "diff_ids": diff_ids},
        "history": history,
    }))
    .unwrap();
    let manifest = serde_json::to_vec(&json!({
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": sha256(&config), "size": config.len()},
        "layers": blobs.iter().map(|(digest, blob)| json!({
            "mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": digest, "size": blob.len()
        })).collect::<Vec<_>>(),
    }))
    .unwrap();
    Built { layers: blobs, config, manifest }
}

impl Built {
    /// Writes an OCI image layout into `dir`.
    pub fn write_layout(&self, dir: &Path) {
        let blobs = dir.join("blobs/sha256");
        std::fs::create_dir_all(&blobs).unwrap();
        let write_blob = |bytes: &[u8]| {
            let digest = sha256(bytes);
            std::fs::write(blobs.join(digest.trim_start_matches("sha256:")), bytes).unwrap();
            digest
        };
        for (_, blob) in &self.layers {
            write_blob(blob);
        }
        write_blob(&self.config);
        let manifest_digest = write_blob(&self.manifest);
        std::fs::write(dir.join("oci-layout"), r#"{"imageLayoutVersion":"1.0.0"}"#).unwrap();
        let index = json!({
            "schemaVersion": 2,
            "manifests": [{
                "mediaType": "application/vnd.oci.image.manifest.v1+json",
                "digest": manifest_digest, "size": self.manifest.len(),
                "annotations": {"org.opencontainers.image.ref.name": "latest"}
            }]
        });
        std::fs::write(dir.join("index.json"), serde_json::to_vec(&index).unwrap()).unwrap();
    }

    /// Writes a `docker save` archive (Docker 25+ layout: blobs plus manifest.json).
    pub fn write_docker_archive(&self, file: &Path) {
        let mut builder = tar::Builder::new(Vec::new());
        let mut add = |name: &str, bytes: &[u8]| {
            let mut header = tar::Header::new_gnu();
            header.set_size(bytes.len() as u64);
            header.set_mode(0o644);
            header.set_cksum();
            builder.append_data(&mut header, name, bytes).unwrap();
        };
        let blob_name = |digest: &str| format!("blobs/sha256/{}", digest.trim_start_matches("sha256:"));
        for (digest, blob) in &self.layers {
            add(&blob_name(digest), blob);
        }
        let config_digest = sha256(&self.config);
        add(&blob_name(&config_digest), &self.config);
        let manifest = json!([{
            "Config": blob_name(&config_digest),
            "RepoTags": ["example/app:1"],
            "Layers": self.layers.iter().map(|(d, _)| blob_name(d)).collect::<Vec<_>>(),
        }]);
        add("manifest.json", &serde_json::to_vec(&manifest).unwrap());
        std::fs::write(file, builder.into_inner().unwrap()).unwrap();
    }
}

/// A `docker-registry serve` on loopback (plain HTTP, no auth) with storage in
/// `dir`, killed on drop; `None` (after a note) when the Debian packages
/// `docker-registry` and `skopeo` are missing — a failure in CI, which installs them.
pub struct Registry {
    child: std::process::Child,
    /// `127.0.0.1:PORT`
    pub host: String,
}

impl Registry {
    pub fn start(dir: &Path) -> Option<Registry> {
        let missing: Vec<&str> =
            ["docker-registry", "skopeo"].into_iter().filter(|tool| !on_path(tool)).collect();
        if !missing.is_empty() {
            let message = format!("registry test needs the Debian packages {}", missing.join(" "));
            assert!(std::env::var_os("CI").is_none(), "{message}");
            eprintln!("skipped: {message}");
            return None;
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let host = format!("127.0.0.1:{port}");
        let config = format!(
            "version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: {}\nhttp:\n  addr: {host}\n",
            dir.join("storage").display()
        );
        std::fs::write(dir.join("registry.yml"), config).unwrap();
        let child = std::process::Command::new("docker-registry")
            .arg("serve")
            .arg(dir.join("registry.yml"))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("docker-registry starts");
        let registry = Registry { child, host };
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(std::time::Instant::now() < deadline, "docker-registry did not listen on {port}");
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        Some(registry)
    }

    /// `skopeo copy oci:LAYOUT:latest docker://HOST/REPO`.
    pub fn push(&self, layout: &Path, repository: &str) {
        let output = std::process::Command::new("skopeo")
            .args(["--insecure-policy", "copy", "--quiet", "--dest-tls-verify=false"])
            .arg(format!("oci:{}:latest", layout.display()))
            .arg(format!("docker://{}/{repository}", self.host))
            .env("REGISTRY_AUTH_FILE", layout.join("no-auth.json"))
            .output()
            .expect("skopeo runs");
        assert!(output.status.success(), "skopeo copy: {}", String::from_utf8_lossy(&output.stderr));
    }
}

impl Drop for Registry {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn on_path(binary: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join(binary).is_file()))
}
