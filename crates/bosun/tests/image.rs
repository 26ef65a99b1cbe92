//! `bosun image` on real images written by the tests: an OCI layout and a
//! `docker save` archive of the same image, whose layers hold a Debian package
//! database, installed Python and npm packages, a Go binary, a lockfile, a
//! secret deleted by a later layer, and a config that runs as root.

mod common;

use common::oci::{self, Entry, Layer};
use common::{bosun, json, rule_ids};
use serde_json::{json, Value};
use std::path::Path;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../bosun-vuln/tests/fixtures");

fn fixture(relative: &str) -> Vec<u8> {
    std::fs::read(Path::new(FIXTURES).join(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"))
}

const OS_RELEASE: &[u8] = b"PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"12\"\nVERSION=\"12 (bookworm)\"\nVERSION_CODENAME=bookworm\nID=debian\n";
const DOTENV: &[u8] = b"AWS_ACCESS_KEY_ID=AKIAQYLPMN5HHHFPZAM2\nAWS_SECRET_ACCESS_KEY=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\n";

struct Files {
    dpkg: Vec<u8>,
    metadata: Vec<u8>,
    npm: Vec<u8>,
    go: Vec<u8>,
    jar: Vec<u8>,
    crcmod: Vec<u8>,
}

fn files() -> Files {
    Files {
        dpkg: fixture("lockfiles/Debian/distroless-bookworm/var/lib/dpkg/status.d/libssl3"),
        metadata: fixture("installed/python/site-packages/blinker-1.5.dist-info/METADATA"),
        npm: fixture("installed/npm/node_modules/eastasianwidth/package.json"),
        go: fixture("installed/go-hello.elf"),
        jar: fixture("installed/java/javax.inject-1.jar"),
        crcmod: fixture("installed/python/crcmod-1.7.egg-info/PKG-INFO"),
    }
}

/// Three layers: a base, an app layer that adds a secret and a jar, and a
/// layer that deletes both (their bytes stay in layer 1).
fn app_image(f: &Files) -> oci::Built {
    let base = Layer {
        created_by: "/bin/sh -c #(nop) ADD file:4f1b0c in / ",
        entries: vec![
            Entry::Dir("etc/"),
            Entry::File("etc/os-release", OS_RELEASE),
            Entry::File("var/lib/dpkg/status.d/libssl3", &f.dpkg),
            Entry::File("usr/lib/python3/dist-packages/blinker-1.5.dist-info/METADATA", &f.metadata),
            // Distribution content: an example key in a package's documentation.
            Entry::File("var/lib/dpkg/info/restic.list", b"/.\n/usr\n/usr/share/doc/restic/examples.txt\n"),
            Entry::File(
                "usr/share/doc/restic/examples.txt",
                b"export AWS_ACCESS_KEY_ID=AKIAJ7ZQ3V5XKLMN2PQR\n",
            ),
            // A Python distribution Debian installed: its advisories are Debian's.
            Entry::File(
                "var/lib/dpkg/info/python3-crcmod.list",
                b"/usr/lib/python3/dist-packages/crcmod-1.7.egg-info/PKG-INFO\n",
            ),
            Entry::File("usr/lib/python3/dist-packages/crcmod-1.7.egg-info/PKG-INFO", &f.crcmod),
            // The same kind of file, not from a package: reported.
            Entry::File("usr/share/doc/app/notes.txt", b"export AWS_ACCESS_KEY_ID=AKIAJ7ZQ3V5XKLMN2PQR\n"),
        ],
    };
    let app = Layer {
        created_by: "|1 API_TOKEN=ghp_R8s2kLmN4pQ7vX1zA9cB3dE5fG6hJ0iK2lM4 /bin/sh -c curl -fsSL https://get.example.com/install.sh | sh",
        entries: vec![
            Entry::File("app/.env", DOTENV),
            Entry::File("app/requirements.txt", b"jinja2==2.10\n"),
            Entry::File("app/node_modules/eastasianwidth/package.json", &f.npm),
            Entry::Mode("usr/local/bin/hello", &f.go, 0o755),
            Entry::File("app/lib/javax.inject-1.jar", &f.jar),
        ],
    };
    let cleanup = Layer {
        created_by: "/bin/sh -c rm /app/.env /app/lib/javax.inject-1.jar",
        entries: vec![Entry::File("app/.wh..env", b""), Entry::File("app/lib/.wh.javax.inject-1.jar", b"")],
    };
    let run_config = json!({
        "Env": ["PATH=/usr/local/bin:/usr/bin", "DB_PASSWORD=Wq8#zT!m2Rv9"],
        "ExposedPorts": {"22/tcp": {}, "8080/tcp": {}},
        "Cmd": ["/usr/local/bin/hello"]
    });
    oci::build(&[base, app, cleanup], run_config, &["/bin/sh -c #(nop)  CMD [\"/usr/local/bin/hello\"]"])
}

fn scan(dir: &Path, reference: &str, extra: &[&str]) -> (Value, std::process::Output) {
    let mut args = vec!["image", reference, "--format", "json", "--no-config"];
    args.extend_from_slice(extra);
    let out = bosun(dir, &args);
    (json(&out), out)
}

fn packages(report: &Value) -> Vec<(String, String, String)> {
    report["packages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let s = |k: &str| p[k].as_str().unwrap().to_string();
            (s("ecosystem"), s("name"), s("version"))
        })
        .collect()
}

#[test]
fn an_oci_layout_is_scanned_for_packages_secrets_and_config() {
    let dir = tempfile::tempdir().unwrap();
    let built = app_image(&files());
    built.write_layout(&dir.path().join("layout"));
    let (report, out) = scan(dir.path(), "oci:layout", &[]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let layer = |i: usize| Value::String(built.layers[i].0.clone());

    assert_eq!(report["os"]["name"], "debian");
    assert_eq!(report["os"]["version"], "12");
    assert_eq!(report["artifact"]["layers"].as_array().unwrap().len(), 3);
    assert_eq!(report["artifact"]["config_digest"], oci::sha256(&built.config).as_str());

    // The inventory of the final tree: the jar was deleted, so it is not installed.
    let found = packages(&report);
    for expected in [
        ("Debian:12", "libssl3", "3.0.14-1~deb12u2"),
        ("PyPI", "blinker", "1.5"),
        ("PyPI", "jinja2", "2.10"),
        ("npm", "eastasianwidth", ""),
        ("Go", "stdlib", "1.19.8"),
    ] {
        assert!(
            found.iter().any(|(e, n, v)| e == expected.0
                && n == expected.1
                && (expected.2.is_empty() || v == expected.2)),
            "{expected:?} missing from {found:?}"
        );
    }
    assert!(!found.iter().any(|(e, _, _)| e == "Maven"), "a deleted jar is not installed: {found:?}");
    assert!(!found.iter().any(|(_, n, _)| n == "crcmod"), "an OS package's files are its own: {found:?}");
    assert!(
        report["skipped"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["reason"].as_str().unwrap().contains("covered by those OS packages")),
        "{}",
        report["skipped"]
    );
    let dpkg = report["packages"].as_array().unwrap().iter().find(|p| p["name"] == "libssl3").unwrap();
    assert_eq!(dpkg["layer_digest"], layer(0));
    assert_eq!(dpkg["path"], "var/lib/dpkg/status.d/libssl3");
    assert!(dpkg["purl"].as_str().unwrap().starts_with("pkg:deb/debian/libssl3@"));

    // The secret is reported where its bytes are: layer 1, though layer 2 deleted the file.
    let secrets: Vec<&Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["location"]["path"] == "app/.env")
        .collect();
    assert_eq!(secrets.len(), 2, "{secrets:?}");
    for secret in &secrets {
        assert_eq!(secret["location"]["layer_digest"], layer(1));
        let message = secret["message"].as_str().unwrap();
        assert!(message.contains("deleted by layer 2"), "{message}");
        assert!(message.contains("curl -fsSL"), "names the step that wrote it: {message}");
    }

    // Files OS packages installed are the distribution's, not the image's secrets.
    let paths: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["location"]["path"].as_str().unwrap())
        .collect();
    assert!(!paths.contains(&"usr/share/doc/restic/examples.txt"), "{paths:?}");
    assert!(paths.contains(&"usr/share/doc/app/notes.txt"), "{paths:?}");
    assert!(
        report["skipped"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["reason"].as_str().unwrap().contains("installed by OS packages")),
        "{}",
        report["skipped"]
    );

    // The config and history, through the Dockerfile rules.
    let ids = rule_ids(&report);
    for id in ["DF001", "DF009", "DF011", "DF018", "DF046"] {
        assert!(ids.contains(&id.to_string()), "{id} missing from {ids:?}");
    }
    let piped = report["findings"].as_array().unwrap().iter().find(|f| f["rule_id"] == "DF046").unwrap();
    assert_eq!(piped["location"]["path"], "image-config");
    assert_eq!(piped["location"]["layer_digest"], layer(1), "the RUN step made layer 1");
    assert_eq!(piped["location"]["resource"], "history[1]");
    // The build argument kept in the history is a secret too.
    assert!(
        report["findings"].as_array().unwrap().iter().any(|f| f["location"]["path"] == "image-config"
            && f["message"].as_str().unwrap().contains("API_TOKEN")),
        "{ids:?}"
    );
    // Without a database the packages are listed and the check is said to be skipped.
    assert!(String::from_utf8_lossy(&out.stderr).contains("dependency checks skipped"));
}

#[test]
fn a_docker_save_archive_gives_the_same_report() {
    let dir = tempfile::tempdir().unwrap();
    let built = app_image(&files());
    built.write_layout(&dir.path().join("layout"));
    built.write_docker_archive(&dir.path().join("app.tar"));
    let (from_layout, _) = scan(dir.path(), "oci:layout", &[]);
    let (from_archive, out) = scan(dir.path(), "docker-archive:app.tar", &[]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(from_layout["findings"], from_archive["findings"]);
    assert_eq!(from_layout["packages"], from_archive["packages"]);
    assert_eq!(from_archive["artifact"]["manifest_digest"], Value::Null);
}

#[test]
fn scanners_filters_and_exit_codes_work_as_in_scan() {
    let dir = tempfile::tempdir().unwrap();
    app_image(&files()).write_layout(&dir.path().join("layout"));

    let (report, _) = scan(dir.path(), "oci:layout", &["--scanners", "secret"]);
    assert!(rule_ids(&report).iter().all(|id| id.starts_with("SEC")), "{:?}", rule_ids(&report));
    assert_eq!(report["packages"], json!([]), "no package scanner, no inventory");
    assert_eq!(report["os"]["name"], "debian", "the OS is named whatever runs");

    let (_, out) = scan(dir.path(), "oci:layout", &["--fail-on", "CRITICAL"]);
    assert_eq!(out.status.code(), Some(1), "the AWS secret key is CRITICAL");
    let (report, out) = scan(dir.path(), "oci:layout", &["--fail-on", "CRITICAL", "--ignore", "SEC002"]);
    assert_eq!(out.status.code(), Some(0), "{:?}", rule_ids(&report));

    let (report, _) = scan(dir.path(), "oci:layout", &["--exclude", "app/**"]);
    assert!(!report["findings"].as_array().unwrap().iter().any(|f| f["location"]["path"] == "app/.env"));

    let out = bosun(dir.path(), &["image", "oci:layout", "--format", "sarif", "--no-config"]);
    let sarif: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(sarif["runs"][0]["results"].as_array().unwrap().len() >= 5);
}

#[test]
fn vulnerabilities_of_image_packages_are_found_with_their_layer() {
    let dir = tempfile::tempdir().unwrap();
    let built = app_image(&files());
    built.write_layout(&dir.path().join("layout"));
    let osv = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/vulns/osv");
    let db = dir.path().join("osv.db").display().to_string();
    let out = bosun(dir.path(), &["db", "import", osv, "--db", &db, "--quiet"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let (report, out) = scan(dir.path(), "oci:layout", &["--scanners", "vuln", "--db", &db]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let ids = rule_ids(&report);
    assert!(ids.contains(&"PYSEC-2021-66".to_string()), "{ids:?}");
    let finding =
        report["findings"].as_array().unwrap().iter().find(|f| f["rule_id"] == "PYSEC-2021-66").unwrap();
    assert_eq!(finding["location"]["path"], "app/requirements.txt");
    assert_eq!(finding["location"]["layer_digest"], Value::String(built.layers[1].0.clone()));
    assert_eq!(finding["package"]["name"], "jinja2");
}

#[test]
fn hostile_and_damaged_images_give_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let hostile = oci::build(
        &[Layer {
            created_by: "ADD evil.tar /",
            entries: vec![
                Entry::Hostile("../../etc/cron.d/evil", b"* * * * * root sh\n"),
                Entry::File("ok.txt", b"hi\n"),
            ],
        }],
        json!({"User": "app"}),
        &[],
    );
    hostile.write_layout(&dir.path().join("hostile"));
    let (report, out) = scan(dir.path(), "oci:hostile", &[]);
    assert!(
        out.status.success(),
        "a refused entry does not stop the scan: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let errors = report["errors"].as_array().unwrap();
    assert!(
        errors.iter().any(|e| e["message"].as_str().unwrap().contains("leaves the image root")),
        "{errors:?}"
    );

    // A layer whose bytes do not match its digest: the image is not scanned.
    let built = app_image(&files());
    let layout = dir.path().join("corrupt");
    built.write_layout(&layout);
    let blob = layout.join("blobs/sha256").join(built.layers[1].0.trim_start_matches("sha256:"));
    let mut bytes = std::fs::read(&blob).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0xff;
    std::fs::write(&blob, bytes).unwrap();
    let out = bosun(dir.path(), &["image", "oci:corrupt", "--no-config"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(&built.layers[1].0[7..19]) || stderr.contains("layer 1"), "{stderr}");

    let out = bosun(dir.path(), &["image", "oci:missing", "--no-config"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing"));
}

#[test]
fn an_sbom_of_an_image_lists_its_packages() {
    let dir = tempfile::tempdir().unwrap();
    app_image(&files()).write_layout(&dir.path().join("layout"));
    let out = bosun(dir.path(), &["sbom", "oci:layout", "--format", "cyclonedx"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let document: Value = serde_json::from_slice(&out.stdout).unwrap();
    let purls: Vec<&str> =
        document["components"].as_array().unwrap().iter().filter_map(|c| c["purl"].as_str()).collect();
    assert!(purls.iter().any(|p| p.starts_with("pkg:deb/debian/libssl3@")), "{purls:?}");
    assert!(purls.iter().any(|p| p.starts_with("pkg:pypi/blinker@1.5")), "{purls:?}");
    assert!(!purls.iter().any(|p| p.starts_with("pkg:maven/")), "deleted jar: {purls:?}");
}

#[test]
fn an_image_pulled_from_a_registry_gives_the_same_report_as_its_layout() {
    let dir = tempfile::tempdir().unwrap();
    let Some(registry) = oci::Registry::start(dir.path()) else { return };
    app_image(&files()).write_layout(&dir.path().join("layout"));
    registry.push(&dir.path().join("layout"), "team/app:1.0");
    let reference = format!("{}/team/app:1.0", registry.host);
    let pull = |extra: &[&str]| {
        let mut args = vec!["image", reference.as_str(), "--format", "json", "--no-config"];
        args.extend_from_slice(extra);
        std::process::Command::new(env!("CARGO_BIN_EXE_bosun"))
            .args(&args)
            .current_dir(dir.path())
            .env("BOSUN_CACHE_DIR", dir.path().join("cache"))
            .env("DOCKER_CONFIG", dir.path().join("no-docker-config"))
            .output()
            .unwrap()
    };

    // --offline promises no network: no pull.
    let offline = pull(&["--offline", "--insecure-registry", &registry.host]);
    assert_eq!(offline.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&offline.stderr).contains("--offline"));

    // Plain HTTP only when the user says the registry may use it.
    let refused = pull(&[]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("insecure registry"),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );

    let out = pull(&["--insecure-registry", &registry.host]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let pulled = json(&out);
    let (local, _) = scan(dir.path(), "oci:layout", &[]);
    assert_eq!(pulled["findings"], local["findings"]);
    assert_eq!(pulled["packages"], local["packages"]);
    assert_eq!(pulled["artifact"]["reference"], reference.as_str());
    assert!(pulled["artifact"]["manifest_digest"].as_str().unwrap().starts_with("sha256:"));
    // The layers are cached by digest in the user cache directory.
    for layer in pulled["artifact"]["layers"].as_array().unwrap() {
        let hex = layer.as_str().unwrap().trim_start_matches("sha256:");
        assert!(dir.path().join("cache/images/blobs/sha256").join(hex).is_file());
    }
}

#[test]
fn an_operating_system_past_its_end_of_life_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let buster = b"PRETTY_NAME=\"Debian GNU/Linux 10 (buster)\"\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"10\"\nID=debian\n";
    let image = |os_release: &'static [u8], debian_version: &'static [u8]| {
        oci::build(
            &[Layer {
                created_by: "ADD rootfs.tar /",
                entries: vec![
                    Entry::File("usr/lib/os-release", os_release),
                    Entry::File("etc/debian_version", debian_version),
                ],
            }],
            json!({"User": "65532", "Healthcheck": {"Test": ["NONE"]}}),
            &[],
        )
    };
    image(buster, b"10.13\n").write_layout(&dir.path().join("buster"));
    image(OS_RELEASE, b"12.7\n").write_layout(&dir.path().join("bookworm"));

    let (report, _) = scan(dir.path(), "oci:buster", &[]);
    assert_eq!(report["os"]["version"], "10.13", "the point release from debian_version");
    assert_eq!(report["os"]["eol"], true);
    assert_eq!(report["os"]["ecosystem"], "Debian:10");
    let ids = rule_ids(&report);
    assert_eq!(ids, ["IMG001"], "{ids:?}");
    let finding = &report["findings"][0];
    assert!(finding["message"].as_str().unwrap().contains("end of life"), "{finding}");

    let (report, _) = scan(dir.path(), "oci:bookworm", &[]);
    assert_eq!(report["os"]["eol"], false);
    assert!(report["os"]["eol_date"].as_str().is_some_and(|d| d.starts_with("20")));
    assert_eq!(rule_ids(&report), Vec::<String>::new());

    let (report, _) = scan(dir.path(), "oci:buster", &["--ignore", "os-end-of-life"]);
    assert_eq!(rule_ids(&report), Vec::<String>::new());
}

#[test]
fn rpm_packages_of_an_image_are_listed_with_their_distribution() {
    let dir = tempfile::tempdir().unwrap();
    let rocky = b"NAME=\"Rocky Linux\"\nVERSION=\"9.3 (Blue Onyx)\"\nID=\"rocky\"\nID_LIKE=\"rhel centos fedora\"\nVERSION_ID=\"9.3\"\nPLATFORM_ID=\"platform:el9\"\n";
    let rpmdb = fixture("rpm/rpmdb.sqlite");
    oci::build(
        &[Layer {
            created_by: "ADD rootfs.tar /",
            entries: vec![
                Entry::File("etc/os-release", rocky),
                Entry::File("var/lib/rpm/rpmdb.sqlite", &rpmdb),
            ],
        }],
        json!({"User": "1000"}),
        &[],
    )
    .write_layout(&dir.path().join("rocky"));
    let (report, out) = scan(dir.path(), "oci:rocky", &[]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(report["os"]["name"], "rocky");
    assert_eq!(report["errors"], json!([]));
    let found = packages(&report);
    assert!(!found.is_empty());
    assert!(found.iter().all(|(ecosystem, _, _)| ecosystem == "Rocky Linux:9"), "{found:?}");
    assert!(
        found.iter().any(|(_, name, version)| name == "bosun-tools" && version.starts_with("2:")),
        "{found:?}"
    );
    assert!(
        report["packages"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["purl"].as_str().unwrap().starts_with("pkg:rpm/rocky/")),
        "{}",
        report["packages"]
    );

    // The same database in a directory is read by `bosun sbom` too.
    let tree = dir.path().join("tree");
    std::fs::create_dir_all(tree.join("etc")).unwrap();
    std::fs::create_dir_all(tree.join("var/lib/rpm")).unwrap();
    std::fs::write(tree.join("etc/os-release"), rocky).unwrap();
    std::fs::write(tree.join("var/lib/rpm/rpmdb.sqlite"), &rpmdb).unwrap();
    let out = bosun(dir.path(), &["sbom", "tree"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("pkg:rpm/rocky/bosun-tools"));
}
