//! The Maven, NuGet, dpkg, apk and SBOM readers on the real excerpts in
//! `tests/fixtures/lockfiles/` (read through the format dispatch, with the tree
//! at hand as a scan has it), and the ecosystems of the shared lockfiles when
//! `../shared` is there.

use bosun_vuln::inventory::{self, FileInventory, Files, Format};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// A fixture tree, served by display path as a scan serves the walked files.
struct Tree(PathBuf);

impl Files for Tree {
    fn read(&self, path: &str) -> Option<String> {
        std::fs::read_to_string(self.0.join(path)).ok()
    }
}

fn fixtures() -> Tree {
    Tree(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lockfiles"))
}

fn read(path: &str) -> FileInventory {
    let tree = fixtures();
    let text = tree.read(path).unwrap_or_else(|| panic!("{path} is missing"));
    inventory::read_in(path, &text, &tree).expect("a known format").unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// (ecosystem, name, version) of every package.
fn packages(inventory: &FileInventory) -> BTreeSet<(String, String, String)> {
    inventory.packages.iter().map(|p| (p.ecosystem.clone(), p.name.clone(), p.version.clone())).collect()
}

fn set(entries: &[(&str, &str, &str)]) -> BTreeSet<(String, String, String)> {
    entries.iter().map(|(e, n, v)| (e.to_string(), n.to_string(), v.to_string())).collect()
}

#[test]
fn a_maven_module_resolves_versions_through_its_parent_in_the_repository() {
    let module = read("Maven/petclinic-microservices/spring-petclinic-customers-service/pom.xml");
    assert_eq!(
        packages(&module),
        set(&[
            ("Maven", "org.jolokia:jolokia-core", "1.7.1"),
            ("Maven", "de.codecentric:chaos-monkey-spring-boot", "3.1.0"),
            ("Maven", "net.ttddyy.observation:datasource-micrometer-spring-boot", "1.0.2"),
            ("Maven", "org.springframework.cloud:spring-cloud-starter-sleuth", "3.1.9"),
            ("Maven", "org.springframework.cloud:spring-cloud-sleuth-zipkin", "3.1.9"),
        ])
    );
    let jolokia = module.packages.iter().find(|p| p.name == "org.jolokia:jolokia-core").unwrap();
    assert_eq!((jolokia.line, jolokia.direct, jolokia.dev), (64, Some(true), Some(false)));
    // The other versions come from Spring Boot's parent or Spring Cloud's BOM,
    // both on Maven Central: one note names them.
    let [note] = &module.notes[..] else { panic!("{:#?}", module.notes) };
    assert!(
        note.starts_with(
            "17 dependencies have no version here (it comes from parent POM \
             org.springframework.boot:spring-boot-starter-parent:3.4.1, which is not in the repository or \
             imported BOM org.springframework.cloud:spring-cloud-dependencies): \
             org.springframework.boot:spring-boot-starter-actuator, "
        ),
        "{note}"
    );

    let parent = read("Maven/petclinic-microservices/pom.xml");
    assert!(parent.packages.is_empty() && parent.notes.is_empty(), "managed versions are not dependencies");
}

#[test]
fn a_gradle_lockfile_marks_test_only_modules() {
    let lock = read("Maven/terra-cli-gradle/gradle.lockfile");
    assert_eq!(lock.packages.len(), 8);
    let dev: BTreeSet<&str> =
        lock.packages.iter().filter(|p| p.dev == Some(true)).map(|p| p.name.as_str()).collect();
    assert_eq!(
        dev,
        BTreeSet::from([
            "org.junit.jupiter:junit-jupiter-api",
            "org.junit.jupiter:junit-jupiter-engine",
            "org.junit.jupiter:junit-jupiter-params",
        ])
    );
}

#[test]
fn a_nuget_lock_leaves_out_the_solutions_own_projects() {
    let lock = read("NuGet/keepachangelog-tests/packages.lock.json");
    let direct: Vec<(&str, Option<bool>, u32)> =
        lock.packages.iter().map(|p| (p.name.as_str(), p.direct, p.line)).collect();
    assert_eq!(
        direct,
        [
            ("FSharp.Core", Some(true), 5),
            ("Moq", Some(true), 11),
            ("Castle.Core", Some(false), 20),
            ("Newtonsoft.Json", Some(false), 28),
            ("System.Diagnostics.EventLog", Some(false), 33),
        ]
    );
}

#[test]
fn distroless_status_d_files_are_read_with_the_release_of_their_tree() {
    let root = "Debian/distroless-bookworm/var/lib/dpkg/status.d";
    assert_eq!(Format::of(&format!("{root}/libc6.md5sums")), None, "checksum lists are not databases");
    let libc = read(&format!("{root}/libc6"));
    let libssl = read(&format!("{root}/libssl3"));
    assert_eq!(
        packages(&libc).union(&packages(&libssl)).cloned().collect::<BTreeSet<_>>(),
        set(&[
            ("Debian:12", "libc6", "2.36-9+deb12u7"),
            ("Debian:12", "libssl3", "3.0.14-1~deb12u2"),
            ("Debian:12", "openssl", "3.0.14-1~deb12u2"),
        ])
    );
    let libc6 = &libc.packages[0];
    assert_eq!(libc6.source_name.as_deref(), Some("glibc"));
    assert_eq!(libc6.purl, "pkg:deb/debian/libc6@2.36-9%2Bdeb12u7?arch=amd64&distro=debian-12");
    assert_eq!(libssl.packages[1].line, 14);
}

#[test]
fn an_apk_database_takes_its_branch_from_alpine_release() {
    let db = read("Alpine/alpine-3.4/lib/apk/db/installed");
    let found: Vec<(&str, &str, &str, Option<&str>)> = db
        .packages
        .iter()
        .map(|p| (p.ecosystem.as_str(), p.name.as_str(), p.version.as_str(), p.source_name.as_deref()))
        .collect();
    assert_eq!(
        found,
        [
            ("Alpine:v3.4", "musl", "1.1.14-r10", Some("musl")),
            ("Alpine:v3.4", "zlib", "1.2.8-r2", Some("zlib")),
            ("Alpine:v3.4", "libssl1.0", "1.0.2h-r1", Some("openssl")),
            ("Alpine:v3.4", "scanelf", "1.1.6-r0", Some("pax-utils")),
        ]
    );
}

#[test]
fn trivys_cyclonedx_sbom_gives_what_bosun_reads_from_the_same_files() {
    let sbom = read("sbom/trivy-alpine-nuget.cdx.json");
    let direct = packages(&read("Alpine/alpine-3.4/lib/apk/db/installed"))
        .union(&packages(&read("NuGet/keepachangelog-tests/packages.lock.json")))
        .cloned()
        .collect::<BTreeSet<_>>();
    assert_eq!(packages(&sbom), direct);
    let libssl = sbom.packages.iter().find(|p| p.name == "libssl1.0").unwrap();
    assert_eq!(libssl.source_name.as_deref(), Some("openssl"));
    assert!(libssl.line > 1, "the line of its purl");
    assert_eq!(sbom.notes, ["2 components without a package URL (purl) were left out"]);
}

#[test]
fn trivys_spdx_sbom_gives_os_and_maven_packages() {
    let sbom = read("sbom/trivy-debian-gradle.spdx.json");
    assert_eq!(
        packages(&sbom),
        set(&[
            ("Debian:12", "libc6", "2.36-9+deb12u7"),
            ("Debian:12", "libssl3", "3.0.14-1~deb12u2"),
            ("Debian:12", "openssl", "3.0.14-1~deb12u2"),
            ("Maven", "ch.qos.logback:logback-classic", "1.4.0"),
            ("Maven", "com.fasterxml.jackson.core:jackson-databind", "2.13.4"),
            ("Maven", "com.github.spotbugs:spotbugs-annotations", "4.7.2"),
            ("Maven", "org.xmlresolver:xmlresolver", "4.4.3"),
            ("Maven", "org.yaml:snakeyaml", "1.29"),
        ])
    );
}

#[test]
fn shared_lockfiles_of_these_formats_have_the_reference_ecosystems() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures/lockfiles");
    let Ok(reference) = std::fs::read_to_string(root.join("packages.jsonl")) else {
        eprintln!("skipped: {} is not there", root.display());
        return;
    };
    let tree = Tree(root.clone());
    let mut expected: std::collections::BTreeMap<String, BTreeSet<(String, String, String)>> =
        Default::default();
    for line in reference.lines() {
        let entry: serde_json::Value = serde_json::from_str(line).unwrap();
        let lockfile = entry["lockfile"].as_str().unwrap();
        if !["Maven/", "NuGet/", "Alpine/", "Debian/"].iter().any(|dir| lockfile.starts_with(dir)) {
            continue;
        }
        let field = |key: &str| entry[key].as_str().unwrap().to_string();
        expected.entry(lockfile.to_string()).or_default().insert((
            field("ecosystem"),
            field("name"),
            field("version"),
        ));
    }
    assert!(expected.len() >= 5, "{:?}", expected.keys());
    for (lockfile, want) in expected {
        let text = tree.read(&lockfile).unwrap();
        let found = inventory::read_in(&lockfile, &text, &tree).unwrap().unwrap();
        assert_eq!(packages(&found), want, "{lockfile}");
    }
}
