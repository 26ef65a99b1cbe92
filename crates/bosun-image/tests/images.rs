//! Real images built in the test: tar layers (gzip, zstd, plain) with correct
//! sha256 digests and OCI/Docker JSON, laid out as OCI layouts, OCI archives
//! and `docker save` tarballs (old and Docker 25+ layouts).

use bosun_image::digest::Digest;
use bosun_image::layers::Budget;
use bosun_image::{
    squash, stream_layers, EntryInfo, EntryKind, Image, ImageSource, LayerVisitor, Limits, OpenOptions,
    Platform, Refusal,
};
use flate2::write::GzEncoder;
use serde_json::json;
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

const OCI_MANIFEST: &str = "application/vnd.oci.image.manifest.v1+json";
const OCI_INDEX: &str = "application/vnd.oci.image.index.v1+json";
const GZIP_LAYER: &str = "application/vnd.oci.image.layer.v1.tar+gzip";

/// One tar entry, written with raw header bytes so that hostile names survive
/// (the tar crate's own setters refuse them, as they should).
enum E<'a> {
    File(&'a str, &'a [u8]),
    Dir(&'a str),
    Symlink(&'a str, &'a str),
    Hardlink(&'a str, &'a str),
}

fn header(path: &str, kind: tar::EntryType, size: u64, link: &str) -> tar::Header {
    let mut h = tar::Header::new_ustar();
    let old = h.as_old_mut();
    old.name[..path.len()].copy_from_slice(path.as_bytes());
    old.linkname[..link.len()].copy_from_slice(link.as_bytes());
    h.set_entry_type(kind);
    h.set_size(size);
    h.set_mode(if kind == tar::EntryType::Directory { 0o755 } else { 0o644 });
    h.set_cksum();
    h
}

fn tar_of(entries: &[E]) -> Vec<u8> {
    let mut b = tar::Builder::new(Vec::new());
    for e in entries {
        let (h, data): (_, &[u8]) = match e {
            E::File(p, d) => (header(p, tar::EntryType::Regular, d.len() as u64, ""), d),
            E::Dir(p) => (header(p, tar::EntryType::Directory, 0, ""), b""),
            E::Symlink(p, t) => (header(p, tar::EntryType::Symlink, 0, t), b""),
            E::Hardlink(p, t) => (header(p, tar::EntryType::Link, 0, t), b""),
        };
        b.append(&h, data).unwrap();
    }
    b.into_inner().unwrap()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap()
}

fn hex(d: &Digest) -> String {
    d.hex().to_string()
}

/// The files of a layout or archive, by relative path.
#[derive(Default)]
struct Files(BTreeMap<String, Vec<u8>>);

impl Files {
    fn blob(&mut self, bytes: &[u8]) -> serde_json::Value {
        let d = Digest::of(bytes);
        self.0.insert(format!("blobs/sha256/{}", hex(&d)), bytes.to_vec());
        json!({"digest": d.as_str(), "size": bytes.len()})
    }

    fn typed_blob(&mut self, media_type: &str, bytes: &[u8]) -> serde_json::Value {
        let mut d = self.blob(bytes);
        d["mediaType"] = json!(media_type);
        d
    }

    fn write_dir(&self, dir: &Path) {
        for (name, bytes) in &self.0 {
            let path = dir.join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, bytes).unwrap();
        }
    }

    fn write_tar(&self, file: &Path, extra: &[(&str, &str)]) {
        let mut b = tar::Builder::new(std::fs::File::create(file).unwrap());
        for (name, bytes) in &self.0 {
            let mut h = tar::Header::new_gnu();
            h.set_size(bytes.len() as u64);
            h.set_mode(0o644);
            b.append_data(&mut h, name, &bytes[..]).unwrap();
        }
        for (name, target) in extra {
            let mut h = tar::Header::new_gnu();
            h.set_entry_type(tar::EntryType::Symlink);
            h.set_size(0);
            b.append_link(&mut h, name, target).unwrap();
        }
        b.finish().unwrap();
    }
}

fn config(diff_ids: &[Digest]) -> Vec<u8> {
    let history: Vec<_> = diff_ids
        .iter()
        .enumerate()
        .flat_map(|(i, _)| {
            [
                json!({"created_by": format!("ENV STEP={i}"), "empty_layer": true}),
                json!({"created_by": format!("RUN step {i}")}),
            ]
        })
        .collect();
    serde_json::to_vec(&json!({
        "architecture": "amd64",
        "os": "linux",
        "config": {
            "User": "0",
            "Env": ["PATH=/usr/bin", "AWS_SECRET_ACCESS_KEY=not-a-real-key"],
            "ExposedPorts": {"22/tcp": {}, "8080/tcp": {}},
            "Healthcheck": {"Test": ["CMD", "true"]}
        },
        "rootfs": {"type": "layers", "diff_ids": diff_ids.iter().map(Digest::as_str).collect::<Vec<_>>()},
        "history": history
    }))
    .unwrap()
}

/// An image manifest with gzip layers; returns its descriptor.
fn image_manifest(files: &mut Files, tars: &[Vec<u8>]) -> serde_json::Value {
    let diff_ids: Vec<Digest> = tars.iter().map(|t| Digest::of(t)).collect();
    let layers: Vec<_> = tars.iter().map(|t| files.typed_blob(GZIP_LAYER, &gzip(t))).collect();
    let cfg = files.typed_blob("application/vnd.oci.image.config.v1+json", &config(&diff_ids));
    let manifest = json!({"schemaVersion": 2, "mediaType": OCI_MANIFEST, "config": cfg, "layers": layers});
    files.typed_blob(OCI_MANIFEST, &serde_json::to_vec(&manifest).unwrap())
}

fn layout(files: &mut Files, manifests: Vec<serde_json::Value>) {
    files.0.insert("oci-layout".into(), br#"{"imageLayoutVersion":"1.0.0"}"#.to_vec());
    let index = json!({"schemaVersion": 2, "mediaType": OCI_INDEX, "manifests": manifests});
    files.0.insert("index.json".into(), serde_json::to_vec(&index).unwrap());
}

fn layout_dir(files: &Files) -> (tempfile::TempDir, ImageSource) {
    let dir = tempfile::tempdir().unwrap();
    files.write_dir(dir.path());
    let source = ImageSource::OciLayout(dir.path().to_path_buf());
    (dir, source)
}

/// Collects every entry and the contents of regular files.
#[derive(Debug, Default)]
struct Collect {
    entries: Vec<(usize, String, EntryKind)>,
    contents: BTreeMap<String, String>,
    refused: Vec<Refusal>,
}

impl LayerVisitor for Collect {
    fn entry(&mut self, info: &EntryInfo<'_>, contents: Option<&mut dyn Read>) -> Result<(), String> {
        self.entries.push((info.layer, info.path.clone(), info.kind.clone()));
        if let Some(r) = contents {
            let mut text = String::new();
            r.read_to_string(&mut text).map_err(|e| e.to_string())?;
            self.contents.insert(info.path.clone(), text);
        }
        Ok(())
    }

    fn refused(&mut self, refusal: Refusal) {
        self.refused.push(refusal);
    }
}

fn open(source: &ImageSource) -> Result<Image, String> {
    Image::open(source, &OpenOptions::default())
}

fn collect(image: &Image, limits: &Limits) -> Result<Collect, String> {
    let mut c = Collect::default();
    stream_layers(image, limits, &mut c)?;
    Ok(c)
}

fn three_layers() -> Vec<Vec<u8>> {
    vec![
        tar_of(&[
            E::Dir("etc/"),
            E::File("etc/passwd", b"root:x:0:0"),
            E::File("etc/secret.key", b"-----BEGIN KEY-----"),
            E::File("opt/app/a", b"a"),
            E::File("opt/app/b", b"b"),
            E::File("var/keep", b"k"),
        ]),
        tar_of(&[
            E::File("etc/.wh.secret.key", b""),
            E::File("opt/app/.wh..wh..opq", b""),
            E::File("opt/app/c", b"c"),
            E::File("var/tmp.txt", b"t"),
        ]),
        tar_of(&[E::File(".wh.var", b""), E::File("etc/passwd", b"root:x:0:0:new")]),
    ]
}

fn check_three_layer_tree(image: &Image) {
    let tree = squash(image, &Limits::default()).unwrap();
    let at = |p: &str| tree.get(p).map(|n| n.layer);
    assert_eq!(at("etc/passwd"), Some(2));
    assert_eq!(at("etc/secret.key"), None);
    assert_eq!((at("opt/app/a"), at("opt/app/b"), at("opt/app/c")), (None, None, Some(1)));
    assert!(tree.iter().all(|(p, _)| !p.starts_with("var")), "var was whited out");
    let mut deleted: Vec<_> =
        tree.deleted().iter().map(|d| (d.path.as_str(), d.layer, d.deleted_by)).collect();
    deleted.sort();
    assert_eq!(
        deleted,
        [
            ("etc/secret.key", 0, 1),
            ("opt/app/a", 0, 1),
            ("opt/app/b", 0, 1),
            ("var/keep", 0, 2),
            ("var/tmp.txt", 1, 2)
        ]
    );
    let secret = tree.deleted().iter().find(|d| d.path == "etc/secret.key").unwrap();
    assert_eq!(&secret.layer_digest, &image.layers[0].digest);
    assert_eq!(tree.layer_digest(2), Some(&image.layers[2].digest));
}

#[test]
fn oci_layout_config_layers_and_whiteouts() {
    let mut files = Files::default();
    let m = image_manifest(&mut files, &three_layers());
    layout(&mut files, vec![m.clone()]);
    let (_dir, source) = layout_dir(&files);
    let image = open(&source).unwrap();
    assert_eq!(image.manifest_digest.as_ref().map(Digest::as_str), m["digest"].as_str());
    let run = &image.config.config;
    assert_eq!(run.user.as_deref(), Some("0"));
    assert!(run.env.as_ref().unwrap().iter().any(|e| e.starts_with("AWS_SECRET_ACCESS_KEY=")));
    assert_eq!(run.exposed_ports.as_ref().unwrap().keys().collect::<Vec<_>>(), ["22/tcp", "8080/tcp"]);
    assert_eq!(run.healthcheck.as_ref().and_then(|h| h.test.clone()).unwrap(), ["CMD", "true"]);
    assert_eq!(image.config.history.len(), 6);
    assert_eq!(image.config.history_for_layer(2).unwrap().created_by.as_deref(), Some("RUN step 2"));
    assert_eq!(image.layers.len(), 3);
    assert!(image.layers.iter().all(|l| l.media_type == GZIP_LAYER));

    let seen = collect(&image, &Limits::default()).unwrap();
    assert_eq!(seen.contents.get("etc/secret.key").map(String::as_str), Some("-----BEGIN KEY-----"));
    assert!(seen.entries.contains(&(1, "etc/secret.key".into(), EntryKind::Whiteout)));
    assert!(seen.entries.contains(&(1, "opt/app".into(), EntryKind::OpaqueDir)));
    assert!(seen.refused.is_empty());
    check_three_layer_tree(&image);
}

#[test]
fn multi_arch_index_is_resolved_by_platform() {
    let mut files = Files::default();
    let mut amd = image_manifest(&mut files, &[tar_of(&[E::File("arch", b"amd64")])]);
    amd["platform"] = json!({"os": "linux", "architecture": "amd64"});
    let mut arm = image_manifest(&mut files, &[tar_of(&[E::File("arch", b"arm64")])]);
    arm["platform"] = json!({"os": "linux", "architecture": "arm64", "variant": "v8"});
    let nested = json!({"schemaVersion": 2, "mediaType": OCI_INDEX, "manifests": [arm, amd]});
    let nested = files.typed_blob(OCI_INDEX, &serde_json::to_vec(&nested).unwrap());
    layout(&mut files, vec![nested]);
    let (_dir, source) = layout_dir(&files);

    let arch = |platform: &str| -> Result<String, String> {
        let options = OpenOptions { platform: Platform::parse(platform)?, ..OpenOptions::default() };
        let image = Image::open(&source, &options)?;
        Ok(collect(&image, &Limits::default())?.contents["arch"].clone())
    };
    assert_eq!(arch("linux/amd64").unwrap(), "amd64");
    assert_eq!(arch("linux/arm64").unwrap(), "arm64");
    assert_eq!(arch("linux/arm64/v8").unwrap(), "arm64");
    let err = arch("linux/s390x").unwrap_err();
    assert!(err.contains("no image for linux/s390x") && err.contains("linux/arm64/v8, linux/amd64"), "{err}");
    assert!(arch("linux/arm64/v7").is_err());
}

#[test]
fn a_layout_with_several_images_is_chosen_by_reference() {
    let mut files = Files::default();
    let mut one = image_manifest(&mut files, &[tar_of(&[E::File("which", b"one")])]);
    one["annotations"] = json!({"org.opencontainers.image.ref.name": "one"});
    let mut two = image_manifest(&mut files, &[tar_of(&[E::File("which", b"two")])]);
    two["annotations"] = json!({"org.opencontainers.image.ref.name": "two"});
    layout(&mut files, vec![one, two]);
    let (_dir, source) = layout_dir(&files);
    assert!(open(&source).unwrap_err().contains("lists 2 images without platforms: choose one by reference"));
    let options = OpenOptions { reference: Some("two".into()), ..OpenOptions::default() };
    let image = Image::open(&source, &options).unwrap();
    assert_eq!(collect(&image, &Limits::default()).unwrap().contents["which"], "two");
    let options = OpenOptions { reference: Some("three".into()), ..OpenOptions::default() };
    assert!(Image::open(&source, &options).unwrap_err().contains("no image named \"three\""));
}

#[test]
fn a_tampered_layer_fails_when_streamed_and_a_tampered_config_when_opened() {
    let mut files = Files::default();
    let m = image_manifest(&mut files, &[tar_of(&[E::File("a", b"1")]), tar_of(&[E::File("b", b"2")])]);
    layout(&mut files, vec![m]);
    let (dir, source) = layout_dir(&files);
    let image = open(&source).unwrap();
    let bad = &image.layers[1].digest;
    std::fs::write(dir.path().join("blobs/sha256").join(bad.hex()), gzip(&tar_of(&[E::File("b", b"3")])))
        .unwrap();
    let err = collect(&image, &Limits::default()).unwrap_err();
    assert!(err.contains(&format!("layer 1 ({bad})")) && err.contains("does not match its digest"), "{err}");

    let cfg = image.config_digest.clone();
    std::fs::write(dir.path().join("blobs/sha256").join(cfg.hex()), b"{\"os\":\"linux\"}").unwrap();
    let err = open(&source).unwrap_err();
    assert!(err.contains(&format!("blob {cfg} does not match its digest")), "{err}");
}

#[test]
fn hostile_entries_are_refused_with_reasons() {
    let layer = tar_of(&[
        E::File("../../etc/passwd", b"evil"),
        E::File("/etc/abs", b"absolute"),
        E::File("/../../escape", b"evil"),
        E::Symlink("link", "/../../x"),
        E::Symlink("usr/lib/ok", "../../bin/sh"),
        E::Hardlink("hl", "../../outside"),
        E::Hardlink("hl-ok", "/etc/abs"),
        E::File("etc/.wh...", b""),
    ]);
    let mut files = Files::default();
    let m = image_manifest(&mut files, &[layer]);
    layout(&mut files, vec![m]);
    let (_dir, source) = layout_dir(&files);
    let image = open(&source).unwrap();
    let seen = collect(&image, &Limits::default()).unwrap();
    let reasons: BTreeMap<&str, &str> =
        seen.refused.iter().map(|r| (r.path.as_str(), r.reason.as_str())).collect();
    assert_eq!(reasons["../../etc/passwd"], "path leaves the image root");
    assert_eq!(reasons["/../../escape"], "path leaves the image root");
    assert!(reasons["link"].contains("symlink target \"/../../x\" leaves the image root"));
    assert!(reasons["hl"].contains("hard link target \"../../outside\""));
    assert!(reasons["etc/.wh..."].contains("names no file"));
    assert_eq!(seen.refused.len(), 5);
    assert!(seen.refused.iter().all(|r| r.layer_digest == image.layers[0].digest));
    let paths: Vec<&str> = seen.entries.iter().map(|(_, p, _)| p.as_str()).collect();
    assert_eq!(paths, ["etc/abs", "usr/lib/ok", "hl-ok"]);
    assert_eq!(seen.entries[1].2, EntryKind::Symlink { target: "../../bin/sh".into() });
    assert_eq!(seen.entries[2].2, EntryKind::Hardlink { target: "etc/abs".into() });
    assert_eq!(seen.contents["etc/abs"], "absolute");
}

/// A layer of `size` zero bytes in one file: tiny gzip, huge tar.
fn zero_layer(size: u64) -> Vec<u8> {
    let gz = GzEncoder::new(Vec::new(), flate2::Compression::best());
    let mut b = tar::Builder::new(gz);
    let mut h = tar::Header::new_gnu();
    h.set_size(size);
    h.set_mode(0o644);
    b.append_data(&mut h, "zeros", std::io::repeat(0).take(size)).unwrap();
    b.into_inner().unwrap().finish().unwrap()
}

fn raw_layer_image(files: &mut Files, blobs: &[Vec<u8>]) -> serde_json::Value {
    let layers: Vec<_> = blobs.iter().map(|b| files.typed_blob(GZIP_LAYER, b)).collect();
    let cfg = files.typed_blob("application/vnd.oci.image.config.v1+json", &config(&[]));
    let manifest = json!({"schemaVersion": 2, "config": cfg, "layers": layers});
    files.typed_blob(OCI_MANIFEST, &serde_json::to_vec(&manifest).unwrap())
}

#[test]
fn decompression_bombs_and_counts_are_bounded() {
    let bomb = zero_layer(64 << 20);
    assert!(bomb.len() < 200 << 10, "the bomb compresses to {} bytes", bomb.len());
    let small = zero_layer(600 << 10);
    let mut files = Files::default();
    let m = raw_layer_image(&mut files, &[small.clone(), small, bomb]);
    layout(&mut files, vec![m]);
    let (_dir, source) = layout_dir(&files);
    let image = open(&source).unwrap();

    let limits = Limits { max_layer_unpacked: 4 << 20, ..Limits::default() };
    let err = collect(&image, &limits).unwrap_err();
    assert!(err.starts_with("layer 2 (") && err.contains("per-layer limit of 4194304 bytes"), "{err}");
    assert!(err.contains("decompression bomb"), "{err}");

    let limits = Limits { max_image_unpacked: 1 << 20, ..Limits::default() };
    let err = collect(&image, &limits).unwrap_err();
    assert!(err.starts_with("layer 1 (") && err.contains("image limit of 1048576 bytes"), "{err}");

    let limits = Limits { max_entry_bytes: 1 << 20, ..Limits::default() };
    let err = collect(&image, &limits).unwrap_err();
    assert!(err.starts_with("layer 2 (") && err.contains("more than the per-entry limit"), "{err}");

    let limits = Limits { max_entries: 2, ..Limits::default() };
    assert!(collect(&image, &limits).unwrap_err().contains("more than 2 entries"));

    let limits = Limits { max_layer_bytes: 1000, ..Limits::default() };
    let err = Image::open(&source, &OpenOptions { limits, ..OpenOptions::default() }).unwrap_err();
    assert!(err.contains("more than the limit of 1000"), "{err}");
}

/// A GNU long-name record is read whole into memory by the tar reader: a huge
/// one is a memory bomb even when the layer's total stays under its limit.
#[test]
fn long_names_are_read_but_a_huge_name_record_is_refused() {
    let long_path = format!("{}/file", "d".repeat(300));
    let mut ok = tar::Builder::new(Vec::new());
    let mut h = tar::Header::new_gnu();
    h.set_size(4);
    h.set_mode(0o644);
    ok.append_data(&mut h, &long_path, &b"long"[..]).unwrap();
    let ok = gzip(&ok.into_inner().unwrap());

    let mut bomb = tar::Builder::new(Vec::new());
    let mut h = tar::Header::new_gnu();
    h.as_old_mut().name[..13].copy_from_slice(b"././@LongLink");
    h.set_entry_type(tar::EntryType::GNULongName);
    h.set_size(3 << 20);
    h.set_cksum();
    bomb.append(&h, std::io::repeat(b'a').take(3 << 20)).unwrap();
    bomb.append(&header("x", tar::EntryType::Regular, 1, ""), &b"x"[..]).unwrap();
    let bomb = gzip(&bomb.into_inner().unwrap());

    let mut files = Files::default();
    let m = raw_layer_image(&mut files, &[ok, bomb]);
    layout(&mut files, vec![m]);
    let (_dir, source) = layout_dir(&files);
    let image = open(&source).unwrap();
    let mut seen = Collect::default();
    let budget = Budget::new(&Limits::default());
    bosun_image::layers::stream_layer(&image.layers[0], 0, &budget, &mut seen).unwrap();
    assert_eq!(seen.contents.get(&long_path).map(String::as_str), Some("long"));
    let err = bosun_image::layers::stream_layer(&image.layers[1], 1, &budget, &mut seen).unwrap_err();
    assert!(err.contains("long name or pax record exceeds 1048576 bytes"), "{err}");
}

#[test]
fn zstd_and_plain_tar_layers_are_read() {
    let plain = tar_of(&[E::File("plain", b"p")]);
    let zst = ruzstd::encoding::compress_to_vec(
        &tar_of(&[E::File("zst", b"z")])[..],
        ruzstd::encoding::CompressionLevel::Fastest,
    );
    let mut files = Files::default();
    let layers = vec![
        files.typed_blob("application/vnd.oci.image.layer.v1.tar", &plain),
        files.typed_blob("application/vnd.oci.image.layer.v1.tar+zstd", &zst),
    ];
    let cfg = files.typed_blob("application/vnd.oci.image.config.v1+json", &config(&[]));
    let manifest = json!({"schemaVersion": 2, "config": cfg, "layers": layers});
    let m = files.typed_blob(OCI_MANIFEST, &serde_json::to_vec(&manifest).unwrap());
    layout(&mut files, vec![m]);
    let (_dir, source) = layout_dir(&files);
    let seen = collect(&open(&source).unwrap(), &Limits::default()).unwrap();
    assert_eq!(seen.contents.keys().collect::<Vec<_>>(), ["plain", "zst"]);
}

#[test]
fn oci_archive_reads_the_same_image() {
    let mut files = Files::default();
    let m = image_manifest(&mut files, &three_layers());
    layout(&mut files, vec![m]);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("image.tar");
    files.write_tar(&file, &[]);
    let image = Image::open(
        &ImageSource::parse(&format!("oci-archive:{}", file.display())).unwrap(),
        &OpenOptions::default(),
    )
    .unwrap();
    check_three_layer_tree(&image);
    let err = open(&ImageSource::DockerArchive(file)).unwrap_err();
    assert!(err.contains("no manifest.json"), "{err}");
}

fn docker_archive(files: &Files, extra: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("saved.tar");
    files.write_tar(&file, extra);
    (dir, file)
}

#[test]
fn docker_save_old_layout_with_a_shared_layer() {
    let mut tars = three_layers();
    tars.push(tars[0].clone());
    let diff_ids: Vec<Digest> = tars.iter().map(|t| Digest::of(t)).collect();
    let cfg = config(&diff_ids);
    let cfg_name = format!("{}.json", Digest::of(&cfg).hex());
    let mut files = Files::default();
    let mut paths = Vec::new();
    for (i, t) in tars.iter().take(3).enumerate() {
        let path = format!("{:064x}/layer.tar", i + 1);
        files.0.insert(path.clone(), t.clone());
        paths.push(path);
    }
    paths.push(format!("{:064x}/layer.tar", 9));
    files.0.insert(cfg_name.clone(), cfg);
    let manifest = json!([{"Config": cfg_name, "RepoTags": ["example:1"], "Layers": paths}]);
    files.0.insert("manifest.json".into(), serde_json::to_vec(&manifest).unwrap());
    let link_target = format!("../{:064x}/layer.tar", 1);
    let (_dir, file) = docker_archive(&files, &[(&paths[3], &link_target)]);

    let image = open(&ImageSource::DockerArchive(file.clone())).unwrap();
    assert!(image.manifest_digest.is_none());
    assert_eq!(image.layers.iter().map(|l| l.digest.clone()).collect::<Vec<_>>(), diff_ids);
    assert_eq!(image.config.config.user.as_deref(), Some("0"));
    let tree = squash(&image, &Limits::default()).unwrap();
    assert_eq!(tree.get("var/keep").map(|n| n.layer), Some(3), "the shared layer came back last");
    assert_eq!(tree.get("etc/passwd").map(|n| n.layer), Some(3));

    let budget = Budget::new(&Limits::default());
    let mut seen = Collect::default();
    bosun_image::layers::stream_layer(&image.layers[3], 3, &budget, &mut seen).unwrap();
    assert_eq!(seen.contents["etc/secret.key"], "-----BEGIN KEY-----");
}

#[test]
fn docker_save_new_layout_and_a_tampered_layer() {
    let tars = three_layers();
    let mut files = Files::default();
    let paths: Vec<String> = tars
        .iter()
        .map(|t| files.blob(t)["digest"].as_str().unwrap().replace("sha256:", "blobs/sha256/"))
        .collect();
    let diff_ids: Vec<Digest> = tars.iter().map(|t| Digest::of(t)).collect();
    let cfg = files.blob(&config(&diff_ids))["digest"].as_str().unwrap().replace("sha256:", "blobs/sha256/");
    let manifest = json!([{"Config": cfg, "RepoTags": ["example:2"], "Layers": paths}]);
    files.0.insert("manifest.json".into(), serde_json::to_vec(&manifest).unwrap());
    let (_dir, file) = docker_archive(&files, &[]);
    check_three_layer_tree(&open(&ImageSource::DockerArchive(file)).unwrap());

    files.0.insert(paths[1].clone(), tar_of(&[E::File("var/tmp.txt", b"T")]));
    let (_dir, file) = docker_archive(&files, &[]);
    let image = open(&ImageSource::DockerArchive(file)).unwrap();
    let err = squash(&image, &Limits::default()).unwrap_err();
    assert!(
        err.starts_with(&format!("layer 1 ({})", diff_ids[1])) && err.contains("does not match its digest"),
        "{err}"
    );
}

#[test]
fn broken_sources_give_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let err = open(&ImageSource::OciLayout(dir.path().to_path_buf())).unwrap_err();
    assert!(err.contains("no oci-layout file"), "{err}");
    let mut files = Files::default();
    files.0.insert("oci-layout".into(), br#"{"imageLayoutVersion":"1.0.0"}"#.to_vec());
    files.0.insert(
        "index.json".into(),
        br#"{"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:../../../etc/passwd","size":1}]}"#.to_vec(),
    );
    let (_d, source) = layout_dir(&files);
    assert!(open(&source).unwrap_err().contains("malformed digest"));
    let mut saved = Files::default();
    let cfg = config(&[Digest::of(b"layer")]);
    let cfg_name = format!("{}.json", Digest::of(&cfg).hex());
    saved.0.insert(cfg_name.clone(), cfg);
    let manifest = json!([{"Config": cfg_name, "Layers": ["../../etc/passwd"]}]);
    saved.0.insert("manifest.json".into(), serde_json::to_vec(&manifest).unwrap());
    let (_d2, file) = docker_archive(&saved, &[]);
    let err = open(&ImageSource::DockerArchive(file)).unwrap_err();
    assert!(err.contains("refusing path \"../../etc/passwd\" outside the image"), "{err}");
    let manifest = json!([{"Config": "config.json", "Layers": []}]);
    saved.0.insert("manifest.json".into(), serde_json::to_vec(&manifest).unwrap());
    let (_d3, file) = docker_archive(&saved, &[]);
    assert!(open(&ImageSource::DockerArchive(file)).unwrap_err().contains("its name carries no digest"));

    let gz = dir.path().join("x.tar.gz");
    std::fs::write(&gz, gzip(b"whatever")).unwrap();
    assert!(open(&ImageSource::OciArchive(gz))
        .unwrap_err()
        .contains("compressed archives are not supported"));
}

/// Corrupted layers (flipped bytes, truncation) with correct digests reach the
/// decoders and the tar reader: each must end in `Ok` or `Err`, never a panic.
#[test]
fn corrupted_layers_never_panic() {
    let good = tar_of(&[E::Dir("etc/"), E::File("etc/passwd", b"root:x:0:0"), E::Symlink("sh", "/bin/dash")]);
    let zst = ruzstd::encoding::compress_to_vec(&good[..], ruzstd::encoding::CompressionLevel::Fastest);
    let mut blobs = vec![gzip(&good)[..20].to_vec(), zst[..zst.len() / 2].to_vec()];
    let mut state = 0x2545_f491_u64;
    for base in [good.clone(), gzip(&good), zst] {
        for _ in 0..40 {
            let mut bytes = base.clone();
            for _ in 0..4 {
                state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                let at = (state >> 33) as usize % bytes.len();
                bytes[at] ^= (state >> 8) as u8 | 1;
            }
            blobs.push(bytes);
        }
    }
    let mut files = Files::default();
    let m = raw_layer_image(&mut files, &blobs);
    layout(&mut files, vec![m]);
    let (_dir, source) = layout_dir(&files);
    let image = open(&source).unwrap();
    let mut failures = 0;
    let budget = Budget::new(&Limits::default());
    for (i, layer) in image.layers.iter().enumerate() {
        let mut seen = Collect::default();
        if bosun_image::layers::stream_layer(layer, i, &budget, &mut seen).is_err() {
            failures += 1;
        } else {
            assert!(seen.entries.iter().all(|(_, p, _)| !p.split('/').any(|c| c == ".." || c.is_empty())));
        }
        if i < 2 {
            assert_eq!(failures, i + 1, "a truncated layer must fail");
        }
    }
    assert!(failures > 2, "some corruptions must be noticed");
}
