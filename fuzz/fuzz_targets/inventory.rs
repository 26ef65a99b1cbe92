//! Arbitrary text through every lockfile, manifest, package database and SBOM
//! reader of the dependency inventory, then through the SBOM writers and back
//! through the SBOM reader. Any panic, hang or runaway allocation is a bug: a
//! broken file must end in an `Err`, and every package read must be one a
//! report can show and an advisory can be looked up for.
//!
//! The first byte picks the path the rest is read as, which picks the format
//! (one path per `Format`; the Debian database both as `status` and as a
//! distroless `status.d` file) and, for OS databases, which release files the
//! tree has beside it. The tree also holds the files readers follow: a parent
//! `pom.xml` (the input is `svc/pom.xml`), requirements includes (`base.txt`,
//! which includes itself, and a real `requirements/base.txt` and
//! `constraints.txt`). Packages may name those files, and their lines must
//! be lines of the file they name.
//!
//! Run with `cargo +nightly fuzz run inventory`.

#![no_main]

use bosun_vuln::inventory::{self, Files, Format, Package};
use bosun_vuln::sbom::{self, DocumentMeta};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use std::collections::HashSet;
use std::sync::LazyLock;

const PATHS: [&str; 19] = [
    "Cargo.lock",
    "package-lock.json",
    "yarn.lock",
    "pnpm-lock.yaml",
    "go.mod",
    "requirements.txt",
    "poetry.lock",
    "Pipfile.lock",
    "uv.lock",
    // In a module directory, so that its default parent `../pom.xml` is in the tree.
    "svc/pom.xml",
    "gradle.lockfile",
    "Gemfile.lock",
    "composer.lock",
    "packages.lock.json",
    "var/lib/dpkg/status",
    "var/lib/dpkg/status.d/foo",
    "lib/apk/db/installed",
    "bom.cdx.json",
    "x.spdx.json",
];

/// Files every tree has: what the requirements and POM readers follow.
const COMMON: [(&str, &str); 4] = [
    ("base.txt", "# Shared pins.\n-r base.txt\n-c base.txt\nurllib3==1.26.18\ncertifi==2023.7.22  # via requests\n"),
    ("requirements/base.txt", include_str!("../../crates/bosun-vuln/tests/fixtures/lockfiles/PyPI/requirements-includes/requirements/base.txt")),
    ("constraints.txt", include_str!("../../crates/bosun-vuln/tests/fixtures/lockfiles/PyPI/requirements-includes/constraints.txt")),
    ("pom.xml", include_str!("../../crates/bosun-vuln/tests/fixtures/lockfiles/Maven/petclinic-microservices/pom.xml")),
];

const DEBIAN_OS_RELEASE: &str = include_str!(
    "../../crates/bosun-vuln/tests/fixtures/lockfiles/Debian/distroless-bookworm/etc/os-release"
);
const UBUNTU_OS_RELEASE: &str = "NAME=\"Ubuntu\"\nVERSION=\"22.04.4 LTS (Jammy Jellyfish)\"\nID=ubuntu\nID_LIKE=debian\nVERSION_ID=\"22.04\"\nVERSION_CODENAME=jammy\n";
const ALPINE_RELEASE: &str =
    include_str!("../../crates/bosun-vuln/tests/fixtures/lockfiles/Alpine/alpine-3.4/etc/alpine-release");
const ALPINE_OS_RELEASE: &str =
    "NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.4.6\nPRETTY_NAME=\"Alpine Linux v3.4\"\n";
const WOLFI_OS_RELEASE: &str = "ID=wolfi\nNAME=\"Wolfi\"\nPRETTY_NAME=\"Wolfi\"\nVERSION_ID=\"20230201\"\n";

/// The tree the input is read in: the input at `path` and the files beside it.
struct Tree {
    files: Vec<(&'static str, &'static str)>,
}

impl Tree {
    /// The release files depend on the format (an apk database beside Debian's
    /// os-release would not be a real tree); `variant` picks one of two.
    fn for_path(path: &str, variant: bool) -> Tree {
        let mut files = COMMON.to_vec();
        match Format::of(path) {
            Some(Format::DpkgStatus) => {
                files.push(("etc/os-release", if variant { UBUNTU_OS_RELEASE } else { DEBIAN_OS_RELEASE }));
            }
            Some(Format::ApkInstalled) => {
                files.push(("etc/alpine-release", ALPINE_RELEASE));
                files.push(("etc/os-release", if variant { WOLFI_OS_RELEASE } else { ALPINE_OS_RELEASE }));
            }
            _ => {}
        }
        Tree { files }
    }

    fn get(&self, path: &str) -> Option<&'static str> {
        self.files.iter().find(|(name, _)| *name == path).map(|(_, text)| *text)
    }
}

impl Files for Tree {
    fn read(&self, path: &str) -> Option<String> {
        self.get(path).map(str::to_string)
    }
}

/// How many lines a reader may say `text` has: every `\n` and every lone
/// `\r` (YAML counts one as a line break) ends one, plus a last unterminated
/// line, plus one for an entry reported at the end of the file.
fn line_limit(text: &str) -> u32 {
    let bytes = text.as_bytes();
    let breaks = bytes
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
        .count();
    breaks as u32 + 2
}

/// A package a report can show and an advisory can be looked up for, at a line of
/// the file it names, one of `files` (path and text).
fn check_package(package: &Package, files: &[(&str, &str)]) {
    assert!(!package.name.is_empty(), "no name: {package:?}");
    assert!(!package.version.is_empty(), "no version: {package:?}");
    assert!(!package.ecosystem.is_empty(), "no ecosystem: {package:?}");
    assert!(package.purl.starts_with("pkg:"), "not a purl: {package:?}");
    let (_, text) = files
        .iter()
        .find(|(path, _)| *path == package.path)
        .unwrap_or_else(|| panic!("names a file not read: {package:?}"));
    assert!(package.line >= 1, "line 0: {package:?}");
    let limit = line_limit(text);
    assert!(package.line <= limit, "line {} of at most {limit}: {package:?}", package.line);
}

static META: LazyLock<DocumentMeta> =
    LazyLock::new(|| DocumentMeta::new("fuzz", "bosun", "0.0.0").expect("random bytes for the UUID"));

/// The ids of `items` (objects) under `key`, each once.
fn assert_unique_ids(items: &[Value], key: &str) {
    let mut seen = HashSet::new();
    for item in items {
        let id = item[key].as_str().unwrap_or_else(|| panic!("no {key}: {item}"));
        assert!(seen.insert(id), "{key} {id} twice");
    }
}

/// Both SBOM formats for `packages`: one entry per (purl, file), unique ids,
/// valid JSON, and read back as SBOMs with packages that pass the same checks.
fn check_sboms(packages: &[Package]) {
    let entries = packages.iter().map(|p| (&p.purl, &p.path)).collect::<HashSet<_>>().len();

    let cyclonedx = sbom::cyclonedx(packages, &META);
    let components = cyclonedx["components"].as_array().expect("components");
    assert_eq!(components.len(), entries);
    assert_unique_ids(components, "bom-ref");
    let spdx = sbom::spdx(packages, &META);
    let spdx_packages = spdx["packages"].as_array().expect("packages");
    assert_eq!(spdx_packages.len(), entries + 1, "the application and the entries");
    assert_unique_ids(spdx_packages, "SPDXID");

    for (path, document) in [("out.cdx.json", &cyclonedx), ("out.spdx.json", &spdx)] {
        let text = serde_json::to_string_pretty(document).expect("serializes");
        let read = inventory::read_in(path, &text, &inventory::NoFiles)
            .expect("bosun's SBOM is an SBOM")
            .unwrap_or_else(|e| panic!("bosun's own {path} is not read back: {e}"));
        for package in &read.packages {
            check_package(package, &[(path, &text)]);
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(bytes) else { return };
    let path = PATHS[selector as usize % PATHS.len()];
    let variant = (selector as usize / PATHS.len()) % 2 == 1;
    let tree = Tree::for_path(path, variant);
    let format = Format::of(path).expect("every path is a format bosun reads");

    let Some(result) = inventory::read_in(path, text, &tree) else {
        assert_eq!(format, Format::Sbom, "only JSON that is not an SBOM is passed over");
        return;
    };
    let inventory = match result {
        Ok(inventory) => inventory,
        Err(error) => {
            assert!(!error.trim().is_empty(), "an error says why");
            return;
        }
    };
    let mut files = tree.files.clone();
    files.push((path, text));
    for package in &inventory.packages {
        check_package(package, &files);
    }
    check_sboms(&inventory.packages);
});
