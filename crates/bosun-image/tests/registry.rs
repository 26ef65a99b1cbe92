//! Pulls from a real registry: Debian's `docker-registry` on loopback, started
//! here with filesystem storage, images pushed into it with `skopeo` from OCI
//! layouts built by the test. Plain HTTP, TLS with a private CA, htpasswd and
//! token auth, a multi-arch index, a corrupted blob, a hostile layer and the
//! cache. Hostile registries (huge manifests, endless blobs, redirect loops,
//! nested indexes...) are played by a tiny HTTP server and need no tools.

mod support;

use bosun_image::digest::Digest;
use bosun_image::{
    stream_layers, BlobKind, Credentials, EntryInfo, Image, ImageSource, LayerVisitor, Limits, OpenOptions,
    Platform, ProgressHook, Refusal, RegistryOptions,
};
use serde_json::json;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use support::{push, tar_of, tools_present, Built, HttpServer, Layout, Registry, Reply, TokenService, E};

fn options(cache: &Path) -> OpenOptions {
    OpenOptions {
        registry: RegistryOptions {
            cache_dir: Some(cache.to_path_buf()),
            // Never the developer's own Docker logins.
            docker_config: Some(cache.join("no-docker-config.json")),
            ..RegistryOptions::default()
        },
        ..OpenOptions::default()
    }
}

fn insecure(cache: &Path, host: &str) -> OpenOptions {
    let mut o = options(cache);
    o.registry.insecure_registries = vec![host.to_string()];
    o
}

fn pull(reference: &str, options: &OpenOptions) -> Result<Image, String> {
    Image::open(&ImageSource::parse(reference).unwrap(), options)
}

fn two_layers() -> Vec<Vec<u8>> {
    vec![
        tar_of(&[E::Dir("etc/"), E::File("etc/os-release", b"ID=test\n")]),
        tar_of(&[E::File("app/config.txt", b"token=abc")]),
    ]
}

/// An OCI layout in `dir/layout` with one image tagged `v1`.
fn layout_with(dir: &Path, tars: &[Vec<u8>]) -> (PathBuf, Built) {
    let mut layout = Layout::default();
    let built = layout.image("amd64", tars);
    layout.tag("v1", &built.descriptor);
    let path = dir.join("layout");
    layout.write(&path);
    (path, built)
}

#[derive(Default)]
struct Collect {
    contents: BTreeMap<String, String>,
    refused: Vec<Refusal>,
}

impl LayerVisitor for Collect {
    fn entry(&mut self, info: &EntryInfo<'_>, contents: Option<&mut dyn Read>) -> Result<(), String> {
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

fn collect(image: &Image) -> Result<Collect, String> {
    let mut c = Collect::default();
    stream_layers(image, &Limits::default(), &mut c)?;
    Ok(c)
}

type Events = Arc<Mutex<Vec<(BlobKind, String, u64, Option<u64>, bool)>>>;

fn recording(options: &mut OpenOptions) -> Events {
    let events: Events = Arc::default();
    let sink = events.clone();
    options.registry.progress = Some(ProgressHook::new(move |p| {
        sink.lock().unwrap().push((p.kind, p.digest.to_string(), p.done, p.total, p.cached))
    }));
    events
}

fn cached_files(cache: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(cache.join("blobs/sha256"))
        .map(|dir| dir.map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn plain_http_needs_an_insecure_host_and_a_second_pull_by_digest_needs_no_registry() {
    if !tools_present() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let (layout, built) = layout_with(dir.path(), &two_layers());
    let registry = Registry::start(&dir.path().join("registry"), None, None);
    let host = registry.host.clone();
    push(&layout, "v1", &format!("{host}/team/app:v1"), None);

    let refused = pull(&format!("{host}/team/app:v1"), &options(&cache)).unwrap_err();
    assert!(refused.starts_with(&format!("{host}/team/app:v1: https://{host}: TLS failed")), "{refused}");
    assert!(refused.contains("insecure registr"), "{refused}");

    let mut opts = insecure(&cache, &host);
    let events = recording(&mut opts);
    let image = pull(&format!("{host}/team/app:v1"), &opts).unwrap();
    assert_eq!(image.manifest_digest.as_ref(), Some(&built.manifest));
    assert_eq!(image.config_digest, built.config);
    assert_eq!(image.config.config.user.as_deref(), Some("app"));
    assert_eq!(image.layers.iter().map(|l| l.digest.clone()).collect::<Vec<_>>(), built.layers);
    let seen = collect(&image).unwrap();
    assert_eq!(seen.contents.get("etc/os-release").map(String::as_str), Some("ID=test\n"));
    assert_eq!(seen.contents.get("app/config.txt").map(String::as_str), Some("token=abc"));
    let mut expected: Vec<String> = [&built.manifest, &built.config]
        .into_iter()
        .chain(&built.layers)
        .map(|d| d.hex().to_string())
        .collect();
    expected.sort();
    assert_eq!(cached_files(&cache), expected, "manifest, config and layers are cached by digest");
    {
        let events = events.lock().unwrap();
        for layer in &image.layers {
            let last = events.iter().rev().find(|e| e.1 == layer.digest.as_str()).unwrap();
            assert_eq!(
                (last.0, last.2, last.3, last.4),
                (BlobKind::Layer, layer.size.unwrap(), layer.size, false)
            );
        }
    }

    drop(registry);
    let mut opts = insecure(&cache, &host);
    let events = recording(&mut opts);
    let offline = pull(&format!("{host}/team/app@{}", built.manifest), &opts).unwrap();
    assert_eq!(offline.layers.len(), 2);
    assert_eq!(
        collect(&offline).unwrap().contents.get("app/config.txt").map(String::as_str),
        Some("token=abc")
    );
    let events = events.lock().unwrap();
    assert_eq!(events.len(), 4, "{events:?}");
    assert!(events.iter().all(|e| e.4), "everything came from the cache: {events:?}");
    let by_tag = pull(&format!("{host}/team/app:v1"), &opts).unwrap_err();
    assert!(by_tag.contains("connection failed"), "a tag is always asked for: {by_tag}");
}

#[test]
fn tls_with_a_private_ca() {
    if !tools_present() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (layout, built) = layout_with(dir.path(), &two_layers());
    let tls = support::make_tls(dir.path());
    let registry = Registry::start(&dir.path().join("registry"), Some(&tls), None);
    let reference = format!("{}/app:v1", registry.host);
    push(&layout, "v1", &reference, None);

    let unknown = pull(&reference, &options(&dir.path().join("c1"))).unwrap_err();
    assert!(unknown.contains("TLS failed") && unknown.contains("UnknownIssuer"), "{unknown}");

    let mut trusted = options(&dir.path().join("c2"));
    trusted.registry.ca_files = vec![tls.ca_pem.clone()];
    assert_eq!(pull(&reference, &trusted).unwrap().manifest_digest, Some(built.manifest.clone()));

    let unverified = pull(&reference, &insecure(&dir.path().join("c3"), &registry.host)).unwrap();
    assert_eq!(unverified.manifest_digest, Some(built.manifest));

    let mut not_pem = options(&dir.path().join("c4"));
    not_pem.registry.ca_files = vec![tls.key.clone()];
    assert!(pull(&reference, &not_pem).unwrap_err().contains("no PEM certificate"));
}

#[test]
fn basic_auth_from_options_and_from_the_docker_config() {
    if !tools_present() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (layout, built) = layout_with(dir.path(), &two_layers());
    let htpasswd = support::htpasswd(dir.path(), "alice", "correct-horse");
    let auth = format!("  htpasswd:\n    realm: bosun-test\n    path: {}\n", htpasswd.display());
    let registry = Registry::start(&dir.path().join("registry"), None, Some(auth));
    let host = registry.host.clone();
    let reference = format!("{host}/private/app:v1");
    push(&layout, "v1", &reference, Some("alice:correct-horse"));

    let anonymous = pull(&reference, &insecure(&dir.path().join("c1"), &host)).unwrap_err();
    assert!(
        anonymous.contains("access to private/app denied without credentials")
            && anonymous.contains("requires a login"),
        "{anonymous}"
    );

    let mut wrong = insecure(&dir.path().join("c2"), &host);
    wrong.registry.credentials =
        Some(Credentials { username: "alice".into(), password: "wrong-pony".into() });
    let refused = pull(&reference, &wrong).unwrap_err();
    assert!(refused.contains("refused the password of user \"alice\""), "{refused}");
    assert!(!refused.contains("wrong-pony"));

    let mut right = insecure(&dir.path().join("c3"), &host);
    right.registry.credentials =
        Some(Credentials { username: "alice".into(), password: "correct-horse".into() });
    assert_eq!(pull(&reference, &right).unwrap().manifest_digest, Some(built.manifest.clone()));

    let config = dir.path().join("docker-config.json");
    let encoded = base64_encode("alice:correct-horse");
    std::fs::write(&config, json!({"auths": {host.clone(): {"auth": encoded}}}).to_string()).unwrap();
    let mut stored = insecure(&dir.path().join("c4"), &host);
    stored.registry.docker_config = Some(config.clone());
    assert_eq!(pull(&reference, &stored).unwrap().manifest_digest, Some(built.manifest));

    std::fs::write(&config, json!({"credHelpers": {host.clone(): "secretservice"}}).to_string()).unwrap();
    let helper = pull(&reference, &stored).unwrap_err();
    assert!(helper.contains("docker-credential-secretservice, which bosun does not run"), "{helper}");
}

fn base64_encode(text: &str) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(text)
}

#[test]
fn bearer_tokens_from_a_token_service() {
    if !tools_present() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (layout, built) = layout_with(dir.path(), &two_layers());
    let tokens = TokenService::start(dir.path(), "bob", "s3cret-pass");
    let registry = Registry::start(&dir.path().join("registry"), None, Some(tokens.auth_yaml()));
    let host = registry.host.clone();
    let reference = format!("{host}/team/tool:v1");
    push(&layout, "v1", &reference, Some("bob:s3cret-pass"));
    let pushed = tokens.server.requests().len();

    // The token service is plain HTTP on loopback, so it is listed as insecure too.
    let with = |cache: &str, credentials: Option<(&str, &str)>| {
        let mut o = insecure(&dir.path().join(cache), &host);
        o.registry.insecure_registries.push(tokens.server.host.clone());
        o.registry.credentials =
            credentials.map(|(u, p)| Credentials { username: u.into(), password: p.into() });
        o
    };
    let image = pull(&reference, &with("c1", Some(("bob", "s3cret-pass")))).unwrap();
    assert_eq!(image.manifest_digest, Some(built.manifest.clone()));
    assert_eq!(
        collect(&image).unwrap().contents.get("etc/os-release").map(String::as_str),
        Some("ID=test\n")
    );
    let asked = &tokens.server.requests()[pushed..];
    assert_eq!(asked.len(), 1, "one token for the whole pull: {asked:?}");
    assert_eq!(asked[0].query("scope"), ["repository:team/tool:pull"]);
    assert_eq!(asked[0].query("service"), std::slice::from_ref(&tokens.service));

    let wrong = pull(&reference, &with("c2", Some(("bob", "guess")))).unwrap_err();
    assert!(
        wrong.contains("access to team/tool denied as user \"bob\"") && wrong.contains("HTTP 401"),
        "{wrong}"
    );
    assert!(!wrong.contains("guess"));
    let anonymous = pull(&reference, &with("c3", None)).unwrap_err();
    assert!(anonymous.contains("denied without credentials"), "{anonymous}");

    let mut plain_realm = insecure(&dir.path().join("c4"), &host);
    plain_realm.registry.credentials =
        Some(Credentials { username: "bob".into(), password: "s3cret-pass".into() });
    let refused = pull(&reference, &plain_realm).unwrap_err();
    assert!(refused.contains("token service: refusing plain HTTP"), "{refused}");
}

#[test]
fn multi_arch_index_resolved_by_platform() {
    if !tools_present() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut layout = Layout::default();
    let amd = layout.image("amd64", &[tar_of(&[E::File("arch", b"amd64")])]);
    let arm = layout.image("arm64", &[tar_of(&[E::File("arch", b"arm64")])]);
    let index = layout.index(vec![amd.descriptor.clone(), arm.descriptor.clone()]);
    layout.tag("multi", &index);
    layout.write(&dir.path().join("layout"));
    let registry = Registry::start(&dir.path().join("registry"), None, None);
    let reference = format!("{}/multi/arch:multi", registry.host);
    push(&dir.path().join("layout"), "multi", &reference, None);

    let mut opts = insecure(&dir.path().join("cache"), &registry.host);
    let default = pull(&reference, &opts).unwrap();
    assert_eq!(
        (default.config.architecture.as_str(), default.manifest_digest.clone()),
        ("amd64", Some(amd.manifest))
    );
    opts.platform = Platform::parse("linux/arm64").unwrap();
    let image = pull(&reference, &opts).unwrap();
    assert_eq!(
        (image.config.architecture.as_str(), image.manifest_digest.clone()),
        ("arm64", Some(arm.manifest))
    );
    assert_eq!(collect(&image).unwrap().contents.get("arch").map(String::as_str), Some("arm64"));
    opts.platform = Platform::parse("linux/s390x").unwrap();
    let missing = pull(&reference, &opts).unwrap_err();
    assert!(missing.contains("has no image for linux/s390x (it has linux/amd64, linux/arm64)"), "{missing}");
}

#[test]
fn a_blob_not_matching_its_digest_is_refused_and_not_cached() {
    if !tools_present() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (layout, built) = layout_with(dir.path(), &two_layers());
    let registry = Registry::start(&dir.path().join("registry"), None, None);
    let reference = format!("{}/app:v1", registry.host);
    push(&layout, "v1", &reference, None);
    let victim = &built.layers[1];
    let stored = registry.blob_path(victim);
    let mut bytes = std::fs::read(&stored).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 0xff;
    std::fs::write(&stored, bytes).unwrap();

    let cache = dir.path().join("cache");
    let err = pull(&reference, &insecure(&cache, &registry.host)).unwrap_err();
    assert!(err.contains(&format!("blob {victim} does not match its digest")), "{err}");
    let cached = cached_files(&cache);
    assert!(!cached.iter().any(|name| name.contains(victim.hex())), "nothing cached for it: {cached:?}");
    assert!(cached.contains(&built.layers[0].hex().to_string()), "the good layer stays: {cached:?}");
}

#[test]
fn a_hostile_layer_is_pulled_and_then_refused_by_the_streamer() {
    if !tools_present() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let hostile = tar_of(&[E::File("../etc/passwd", b"root::0:0"), E::File("ok.txt", b"fine")]);
    let (layout, _) = layout_with(dir.path(), &[hostile]);
    let registry = Registry::start(&dir.path().join("registry"), None, None);
    let reference = format!("{}/hostile:v1", registry.host);
    push(&layout, "v1", &reference, None);
    let image = pull(&reference, &insecure(&dir.path().join("cache"), &registry.host)).unwrap();
    let seen = collect(&image).unwrap();
    assert_eq!(seen.contents.keys().collect::<Vec<_>>(), ["ok.txt"]);
    assert_eq!(seen.refused.len(), 1);
    assert_eq!(seen.refused[0].path, "../etc/passwd");
}

// ---------------------------------------------------------------- hostile registries

/// A fake registry serving repository `x`: `routes` by path, 404 otherwise.
fn fake(routes: Vec<(String, Reply)>) -> HttpServer {
    HttpServer::start(move |request| match routes.iter().find(|(p, _)| p == request.path()) {
        Some((_, reply)) => reply.clone(),
        None => Reply::new(404, r#"{"errors":[{"code":"NAME_UNKNOWN","message":"no such thing"}]}"#),
    })
}

/// A valid one-layer image: (manifest bytes, routes for its config and layer).
fn fake_image(layer_size: Option<usize>) -> (Vec<u8>, Vec<(String, Reply)>, Digest) {
    let layer = support::gzip(&tar_of(&[E::File("hello", b"world")]));
    let config = br#"{"architecture":"amd64","os":"linux"}"#.to_vec();
    let (ld, cd) = (Digest::of(&layer), Digest::of(&config));
    let manifest = json!({
        "schemaVersion": 2, "mediaType": support::OCI_MANIFEST,
        "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": cd.as_str(), "size": config.len()},
        "layers": [{"mediaType": support::GZIP_LAYER, "digest": ld.as_str(), "size": layer_size.unwrap_or(layer.len())}]
    });
    let routes = vec![
        (format!("/v2/x/blobs/{cd}"), Reply::new(200, config)),
        (format!("/v2/x/blobs/{ld}"), Reply::new(200, layer)),
    ];
    (serde_json::to_vec(&manifest).unwrap(), routes, ld)
}

fn manifest_reply(bytes: &[u8], content_type: &str) -> Reply {
    Reply::new(200, bytes.to_vec()).header("Content-Type", content_type)
}

fn fake_pull(
    server: &HttpServer,
    reference: &str,
    tweak: impl FnOnce(&mut OpenOptions),
) -> Result<Image, String> {
    let cache = tempfile::tempdir().unwrap();
    let mut opts = insecure(cache.path(), &server.host);
    tweak(&mut opts);
    let image = pull(&format!("{}/x{reference}", server.host), &opts)?;
    collect(&image)?;
    Ok(image)
}

#[test]
fn a_tolerant_pull_from_a_sloppy_but_honest_registry() {
    // Basic auth, a wrong content type, no Docker-Content-Digest, the config
    // behind a relative redirect and the layer behind a redirect to another host.
    let (manifest, routes, layer) = fake_image(None);
    let storage = fake(vec![(format!("/storage/{}", layer.hex()), routes[1].1.clone())]);
    let storage_host = storage.host.clone();
    let config_path = routes[0].0.clone();
    let served = [
        ("/v2/x/manifests/t".to_string(), manifest_reply(&manifest, "application/octet-stream")),
        (config_path.clone(), Reply::new(307, "").header("Location", "/relocated/config")),
        ("/relocated/config".to_string(), routes[0].1.clone()),
        (
            routes[1].0.clone(),
            Reply::new(307, "").header("Location", &format!("http://{storage_host}/storage/{}", layer.hex())),
        ),
    ];
    let expected = format!("Basic {}", base64_encode("carol:pw"));
    let registry = HttpServer::start(move |request| {
        if request.header("authorization") != Some(expected.as_str()) {
            return Reply::new(401, "").header("WWW-Authenticate", r#"Basic realm="fake""#);
        }
        match served.iter().find(|(p, _)| p == request.path()) {
            Some((_, reply)) => reply.clone(),
            None => Reply::new(404, ""),
        }
    });
    let image = fake_pull(&registry, ":t", |o| {
        o.registry.insecure_registries.push(storage_host.clone());
        o.registry.credentials = Some(Credentials { username: "carol".into(), password: "pw".into() });
    })
    .unwrap();
    assert_eq!(image.manifest_digest, Some(Digest::of(&manifest)));
    let to_registry = registry.requests();
    assert!(to_registry
        .iter()
        .any(|r| r.path() == "/relocated/config" && r.header("authorization").is_some()));
    let to_storage = storage.requests();
    assert_eq!(to_storage.len(), 1);
    assert!(to_storage[0].header("authorization").is_none(), "credentials stay with the registry");
}

#[test]
fn hostile_registries_are_bounded() {
    let (manifest, routes, layer) = fake_image(None);
    let with = |extra: Vec<(String, Reply)>| {
        let mut all = routes.iter().map(|(p, r)| (p.clone(), r.clone())).collect::<Vec<_>>();
        all.retain(|(p, _)| !extra.iter().any(|(e, _)| e == p));
        all.extend(extra);
        fake(all)
    };
    let m = |reply: Reply| vec![("/v2/x/manifests/t".to_string(), reply)];

    let huge = with(m(manifest_reply(&vec![b' '; 5000], support::OCI_MANIFEST)));
    let err = fake_pull(&huge, ":t", |o| o.limits.max_json_bytes = 1000).unwrap_err();
    assert!(err.contains("manifest t is 5000 bytes, more than the limit of 1000"), "{err}");

    let endless_manifest = Reply { status: 200, headers: vec![], body: support::Body::Endless };
    let err = fake_pull(&with(m(endless_manifest)), ":t", |_| {}).unwrap_err();
    assert!(err.contains("manifest t is larger than the limit of 16777216 bytes"), "{err}");

    let (_, small_routes, small_layer) = fake_image(Some(1000));
    let (small_manifest, _, _) = fake_image(Some(1000));
    let mut endless_routes: Vec<_> =
        small_routes.into_iter().filter(|(p, _)| !p.ends_with(small_layer.as_str())).collect();
    endless_routes.push((
        format!("/v2/x/blobs/{small_layer}"),
        Reply { status: 200, headers: vec![], body: support::Body::Endless },
    ));
    endless_routes.push(("/v2/x/manifests/t".into(), manifest_reply(&small_manifest, support::OCI_MANIFEST)));
    let endless = fake(endless_routes);
    let err = fake_pull(&endless, ":t", |_| {}).unwrap_err();
    assert!(err.contains(&format!("blob {small_layer} is larger than its declared 1000 bytes")), "{err}");

    let layer_path = format!("/v2/x/blobs/{layer}");
    let mut looping = m(manifest_reply(&manifest, support::OCI_MANIFEST));
    looping.push((layer_path.clone(), Reply::new(302, "").header("Location", &layer_path)));
    let err = fake_pull(&with(looping), ":t", |_| {}).unwrap_err();
    assert!(err.contains("more than 5 redirects"), "{err}");

    let mut downgrade = m(manifest_reply(&manifest, support::OCI_MANIFEST));
    downgrade.push((layer_path.clone(), Reply::new(307, "").header("Location", "http://blobs.example/x")));
    let err = fake_pull(&with(downgrade), ":t", |_| {}).unwrap_err();
    assert!(err.contains("refusing plain HTTP to blobs.example"), "{err}");

    let html = with(m(manifest_reply(&manifest, "text/html")));
    assert!(fake_pull(&html, ":t", |_| {}).unwrap_err().contains("sent text/html, not a manifest"));

    let lying = with(m(manifest_reply(&manifest, support::OCI_MANIFEST)
        .header("Docker-Content-Digest", Digest::of(b"other").as_str())));
    let err = fake_pull(&lying, ":t", |_| {}).unwrap_err();
    assert!(err.contains("not to the sha256:") && err.contains("the registry stated"), "{err}");

    let schema1 = br#"{"schemaVersion":1,"name":"x","tag":"t","fsLayers":[]}"#;
    let err = fake_pull(&with(m(manifest_reply(schema1, "application/json"))), ":t", |_| {}).unwrap_err();
    assert!(err.contains("schema 1"), "{err}");

    // Asked by digest, served something else.
    let wanted = Digest::of(b"{}");
    let swapped =
        with(vec![(format!("/v2/x/manifests/{wanted}"), manifest_reply(&manifest, support::OCI_MANIFEST))]);
    let err = fake_pull(&swapped, &format!("@{wanted}"), |_| {}).unwrap_err();
    assert!(err.contains(&format!("manifest {wanted} does not match its digest")), "{err}");

    // Indexes of indexes of indexes...
    let mut nested = Vec::new();
    let mut child = json!({"mediaType": support::OCI_MANIFEST, "digest": Digest::of(&manifest).as_str(), "size": manifest.len()});
    nested.push((
        format!("/v2/x/manifests/{}", Digest::of(&manifest)),
        manifest_reply(&manifest, support::OCI_MANIFEST),
    ));
    let mut top = Vec::new();
    for _ in 0..6 {
        let index = serde_json::to_vec(
            &json!({"schemaVersion": 2, "mediaType": support::OCI_INDEX, "manifests": [child]}),
        )
        .unwrap();
        let digest = Digest::of(&index);
        nested.push((format!("/v2/x/manifests/{digest}"), manifest_reply(&index, support::OCI_INDEX)));
        child = json!({"mediaType": support::OCI_INDEX, "digest": digest.as_str(), "size": index.len()});
        top = index;
    }
    nested.push(("/v2/x/manifests/t".into(), manifest_reply(&top, support::OCI_INDEX)));
    let err = fake_pull(&with(nested), ":t", |_| {}).unwrap_err();
    assert!(err.contains("image indexes nest deeper than 4 levels"), "{err}");

    let missing = with(vec![]);
    let err = fake_pull(&missing, ":t", |_| {}).unwrap_err();
    assert!(err.contains("manifest t not found: HTTP 404 (NAME_UNKNOWN: no such thing)"), "{err}");
}

#[test]
fn registry_pulls_need_a_cache_directory() {
    let err = pull("localhost:5000/x:1", &OpenOptions::default()).unwrap_err();
    assert_eq!(err, "localhost:5000/x:1: pulling from a registry needs a cache directory");
}
