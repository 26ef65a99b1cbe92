//! The rpm database reader on real databases written by rpm 4.18 (sqlite) and
//! Berkeley DB 5.3 (the same headers in a `Packages` hash file), made by
//! `tests/fixtures/rpm/make.sh` from the spec files beside it: what a tree's
//! database says is installed, named as the tree's distribution release, and
//! matched against an advisory by its source package.

use bosun_vuln::inventory::{self, rpm, Files, Format, Package};
use bosun_vuln::osv::{matching, Advisory};
use bosun_vuln::version::Scheme;
use std::cmp::Ordering;
use std::collections::HashMap;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/rpm/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Files in memory, by display path.
struct Tree(HashMap<String, String>);

impl Files for Tree {
    fn read(&self, path: &str) -> Option<String> {
        self.0.get(path).cloned()
    }
}

fn tree(files: &[(&str, &str)]) -> Tree {
    Tree(files.iter().map(|(path, text)| (path.to_string(), text.to_string())).collect())
}

const ROCKY_9: &str = "NAME=\"Rocky Linux\"\nVERSION=\"9.3 (Blue Onyx)\"\nID=\"rocky\"\n\
    ID_LIKE=\"rhel centos fedora\"\nVERSION_ID=\"9.3\"\nPRETTY_NAME=\"Rocky Linux 9.3 (Blue Onyx)\"\n";

/// (name, version, source name, source version, purl) of every package.
fn rows(packages: &[Package]) -> Vec<(&str, &str, &str, Option<&str>, &str)> {
    packages
        .iter()
        .map(|p| {
            let source = p.source_name.as_deref().unwrap_or("-");
            (p.name.as_str(), p.version.as_str(), source, p.source_version.as_deref(), p.purl.as_str())
        })
        .collect()
}

#[test]
fn the_sqlite_database_rpm_writes() {
    let files = tree(&[("rootfs/etc/os-release", ROCKY_9)]);
    let path = "rootfs/var/lib/rpm/rpmdb.sqlite";
    assert_eq!(Format::of(path), Some(Format::RpmDatabase));
    let inventory = rpm::read(path, &fixture("rpmdb.sqlite"), &files).unwrap();
    // As `rpm -qa` lists them (make.sh prints it); the gpg-pubkey entry of the
    // imported signing key is not a package.
    assert_eq!(
        rows(&inventory.packages),
        [
            (
                "bosun-hello",
                "1.0.2-3.fc40",
                "bosun-hello",
                None,
                "pkg:rpm/rocky/bosun-hello@1.0.2-3.fc40?arch=noarch&distro=rocky-9.3"
            ),
            (
                "bosun-tools",
                "2:3.1~rc1-4.el9",
                "bosun-tools",
                None,
                "pkg:rpm/rocky/bosun-tools@3.1~rc1-4.el9?arch=x86_64&distro=rocky-9.3&epoch=2"
            ),
            (
                "bosun-tools-libs",
                "2:3.1~rc1-4.el9",
                "bosun-tools",
                None,
                "pkg:rpm/rocky/bosun-tools-libs@3.1~rc1-4.el9?arch=x86_64&distro=rocky-9.3&epoch=2"
            ),
        ]
    );
    assert!(inventory.packages.iter().all(|p| p.ecosystem == "Rocky Linux:9" && p.path == path));
    assert_eq!(inventory.notes, Vec::<String>::new());
}

#[test]
fn the_berkeley_db_database_holds_the_same_packages() {
    let path = "var/lib/rpm/Packages";
    assert_eq!(Format::of(path), Some(Format::RpmDatabase));
    let files = tree(&[("etc/os-release", ROCKY_9)]);
    let sqlite = rpm::read("var/lib/rpm/rpmdb.sqlite", &fixture("rpmdb.sqlite"), &files).unwrap();
    assert_eq!(sqlite.packages.len(), 3);
    // 4 KiB pages put each header on overflow pages, 16 KiB pages on the
    // hash page itself.
    for file in ["Packages", "Packages-16k-pages"] {
        let bdb = rpm::read(path, &fixture(file), &files).unwrap();
        assert_eq!(
            bdb.packages,
            sqlite.packages.iter().map(|p| Package { path: path.into(), ..p.clone() }).collect::<Vec<_>>(),
            "{file}"
        );
        assert_eq!(bdb.notes, Vec::<String>::new(), "{file}");
    }
}

#[test]
fn a_database_in_rollback_journal_mode_reads_the_same() {
    // rpm leaves its database in WAL mode (format bytes 2, 2); sqlite3 with
    // `PRAGMA journal_mode=DELETE` writes 1, 1, and changes nothing else.
    let wal = fixture("rpmdb.sqlite");
    assert_eq!(wal[18..20], [2, 2]);
    let mut journal = wal.clone();
    journal[18..20].copy_from_slice(&[1, 1]);
    let read = |bytes: &[u8]| rpm::read("var/lib/rpm/rpmdb.sqlite", bytes, &inventory::NoFiles).unwrap();
    assert_eq!(read(&journal).packages, read(&wal).packages);
}

#[test]
fn without_a_release_the_ecosystem_is_plain_rpm() {
    let inventory =
        rpm::read("usr/lib/sysimage/rpm/rpmdb.sqlite", &fixture("rpmdb.sqlite"), &inventory::NoFiles)
            .unwrap();
    assert!(inventory.packages.iter().all(|p| p.ecosystem == "rpm"));
    assert_eq!(inventory.packages[0].purl, "pkg:rpm/bosun-hello@1.0.2-3.fc40?arch=noarch");
}

#[test]
fn each_rpm_ecosystem_orders_versions_as_rpm_does() {
    for ecosystem in [
        "Red Hat:enterprise_linux:9::baseos",
        "Rocky Linux:9",
        "AlmaLinux:8",
        "openSUSE:Leap 15.5",
        "SUSE:Linux Enterprise Server 15 SP5",
        "Mageia:9",
        "openEuler:22.03-LTS-SP1",
        "Amazon Linux:2023",
        "Fedora:40",
        "CentOS:7",
        "Oracle Linux:9",
        "Photon OS:5.0",
        "Azure Linux:3.0",
        "rpm",
    ] {
        let scheme = Scheme::for_ecosystem(ecosystem).unwrap_or_else(|| panic!("{ecosystem}"));
        assert_eq!(scheme.compare("2:3.1~rc1-4.el9", "2:3.1-1.el9"), Ordering::Less, "{ecosystem}");
        assert_eq!(scheme.compare("2:3.1~rc1-4.el9", "3.2-1.el9"), Ordering::Greater, "{ecosystem}");
    }
}

#[test]
fn an_advisory_on_the_source_package_matches_its_binaries() {
    let files = tree(&[("etc/os-release", ROCKY_9)]);
    let inventory = rpm::read("var/lib/rpm/rpmdb.sqlite", &fixture("rpmdb.sqlite"), &files).unwrap();
    let advisory: Advisory = serde_json::from_value(serde_json::json!({
        "id": "RLSA-2026:0001",
        "modified": "2026-11-01T00:00:00Z",
        "affected": [{
            "package": {"ecosystem": "Rocky Linux:9", "name": "bosun-tools"},
            "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "2:3.1-1.el9"}]}]
        }]
    }))
    .unwrap();
    let hit: Vec<&str> = inventory
        .packages
        .iter()
        .filter(|p| matching::affects(&advisory, p).is_some())
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(hit, ["bosun-tools", "bosun-tools-libs"]);
}

/// Every fixture cut short, or with bytes flipped, is read or refused
/// without a panic.
#[test]
fn damaged_databases_never_panic() {
    for file in ["rpmdb.sqlite", "Packages", "Packages-16k-pages"] {
        let path = "var/lib/rpm/Packages";
        let bytes = fixture(file);
        let step = bytes.len() / 300 + 1;
        for at in (0..bytes.len()).step_by(step) {
            let _ = rpm::read(path, &bytes[..at], &inventory::NoFiles);
            let mut flipped = bytes.clone();
            flipped[at] ^= 0x5a;
            let _ = rpm::read(path, &flipped, &inventory::NoFiles);
        }
    }
}
