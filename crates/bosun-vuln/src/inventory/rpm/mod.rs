//! The rpm database of a Red Hat, Fedora, SUSE or other rpm-based tree, in
//! any of the three formats rpm has written: sqlite (`rpmdb.sqlite`, rpm
//! 4.16 and later), Berkeley DB (`Packages`) and SUSE's ndb (`Packages.db`),
//! under `var/lib/rpm/` or `usr/lib/sysimage/rpm/`. The format is told by
//! the file's first bytes, not its name.
//!
//! A database is binary, so it is read from bytes ([`read`]), like the
//! installed-package readers. Each stored header gives one package: name,
//! `[EPOCH:]VERSION-RELEASE` (the form OSV's rpm ecosystems compare), the
//! architecture, and the source package named by its source rpm
//! (`openssl-3.0.7-27.el9.src.rpm`), which distribution advisories are
//! written against. `gpg-pubkey` entries are signing keys rpm records as
//! packages: they are left out. A header that cannot be read is noted and
//! the others are still read.
//!
//! The ecosystem is the tree's distribution and release as OSV names it
//! (`Rocky Linux:9`, `AlmaLinux:8`, `openSUSE:Leap 15.5`; see [`super::os`]),
//! or plain `rpm` when the tree does not say.

mod bdb;
pub mod header;
mod ndb;
mod sqlite;

use super::os::{detect, OperatingSystem};
use super::{os_purl, FileInventory, Files, Package};
use header::{Header, Tag};

/// The headers of a database: each one's number, and its blob or why the
/// blob could not be read.
type StoredHeaders = Vec<(u64, Result<Vec<u8>, String>)>;

/// The folders rpm keeps its database in: the traditional one, and the one
/// newer Fedora, openSUSE and SUSE releases moved it to.
const DATABASE_DIRS: [&str; 2] = ["var/lib/rpm/", "usr/lib/sysimage/rpm/"];
/// sqlite, Berkeley DB, ndb.
const DATABASE_FILES: [&str; 3] = ["rpmdb.sqlite", "Packages", "Packages.db"];

/// Whether `path` is an rpm database, anywhere in a tree.
pub fn is_database_path(path: &str) -> bool {
    database_root(path).is_some()
}

/// What comes before the database's folder: the tree's root as a
/// display-path prefix (`""` or `image/rootfs/`).
fn database_root(path: &str) -> Option<&str> {
    let (dir, file) = path.rsplit_once('/')?;
    if !DATABASE_FILES.contains(&file) {
        return None;
    }
    let dir = &path[..dir.len() + 1];
    DATABASE_DIRS.iter().find_map(|known| {
        let root = dir.strip_suffix(known)?;
        (root.is_empty() || root.ends_with('/')).then_some(root)
    })
}

/// The packages of the rpm database at display path `path`, whose content is
/// `bytes`; `files` serves the tree's os-release and release files.
pub fn read(path: &str, bytes: &[u8], files: &dyn Files) -> Result<FileInventory, String> {
    let blobs = if sqlite::is_sqlite(bytes) {
        sqlite::blobs(bytes)?
    } else if ndb::is_ndb(bytes) {
        ndb::blobs(bytes)?
    } else if bdb::is_bdb_hash(bytes) {
        bdb::blobs(bytes)?
    } else {
        return Err("not an rpm database (neither sqlite, Berkeley DB hash nor ndb)".into());
    };
    let os = detect(database_root(path).unwrap_or(""), files);
    let distro = Distro::of(os.as_ref());
    let mut inventory = FileInventory::default();
    for (number, blob) in blobs {
        let described = blob.and_then(|blob| {
            let header = Header::parse(&blob)?;
            describe(&header)
        });
        match described {
            Ok(Some(found)) => inventory.packages.push(distro.package(found, path)),
            Ok(None) => {}
            Err(reason) => inventory.notes.push(format!("header {number} is left out: {reason}")),
        }
    }
    // Databases keep headers in install order, hash order or slot order:
    // packages are listed by name, as `rpm -qa | sort` does.
    inventory.packages.sort_by(|a, b| (&a.name, &a.version).cmp(&(&b.name, &b.version)));
    Ok(inventory)
}

/// What a header says about its package.
#[derive(Debug)]
struct Described {
    name: String,
    /// `[EPOCH:]VERSION-RELEASE`.
    version: String,
    /// `VERSION-RELEASE`, as purls write it (the epoch is a qualifier).
    version_release: String,
    epoch: Option<u32>,
    arch: Option<String>,
    source: Option<(String, String)>,
}

/// The package a header describes; `None` for a `gpg-pubkey` entry.
fn describe(header: &Header) -> Result<Option<Described>, String> {
    let name = header.string(Tag::Name)?.unwrap_or("");
    if name == "gpg-pubkey" {
        return Ok(None);
    }
    let version = header.string(Tag::Version)?.unwrap_or("");
    if name.trim().is_empty() || version.trim().is_empty() {
        return Err(format!("no name or no version ({name:?} {version:?})"));
    }
    let release = header.string(Tag::Release)?;
    // An epoch of 0 orders as no epoch; OSV's rpm records write it either way.
    let epoch = header.int32(Tag::Epoch)?.filter(|&epoch| epoch != 0);
    let version_release = match release {
        Some(release) if !release.is_empty() => format!("{version}-{release}"),
        _ => version.to_string(),
    };
    let with_epoch = |version_release: &str| match epoch {
        Some(epoch) => format!("{epoch}:{version_release}"),
        None => version_release.to_string(),
    };
    let source = header.string(Tag::SourceRpm)?.and_then(parse_source_rpm);
    Ok(Some(Described {
        name: name.to_string(),
        version: with_epoch(&version_release),
        source: source.map(|(name, version)| (name, with_epoch(&version))),
        version_release,
        epoch,
        arch: header.string(Tag::Arch)?.filter(|a| !a.is_empty()).map(str::to_string),
    }))
}

/// `openssl-3.0.7-27.el9.src.rpm` → (`openssl`, `3.0.7-27.el9`): the file
/// name is `NAME-VERSION-RELEASE.ARCH.rpm`, and neither version nor release
/// holds a `-`.
fn parse_source_rpm(file: &str) -> Option<(String, String)> {
    let stem = file.strip_suffix(".rpm")?;
    let (nvr, _arch) = stem.rsplit_once('.')?;
    let (name_version, release) = nvr.rsplit_once('-')?;
    let (name, version) = name_version.rsplit_once('-')?;
    if name.is_empty() || version.is_empty() || release.is_empty() {
        return None;
    }
    Some((name.to_string(), format!("{version}-{release}")))
}

/// The distribution the packages belong to, as OSV and purls name it.
struct Distro {
    ecosystem: String,
    /// The purl namespace (`redhat`, `rocky`, `opensuse`); none when unknown.
    namespace: Option<String>,
    /// The purl `distro` qualifier (`rocky-9.3`).
    distro: Option<String>,
}

impl Distro {
    fn of(os: Option<&OperatingSystem>) -> Distro {
        let Some(os) = os else {
            return Distro { ecosystem: "rpm".into(), namespace: None, distro: None };
        };
        let namespace = match os.id.as_str() {
            "rhel" => "redhat",
            "amzn" => "amazon",
            "ol" => "oracle",
            "sles" | "sled" | "sle-micro" | "sl-micro" => "suse",
            id if id.starts_with("opensuse") => "opensuse",
            id => id,
        };
        Distro {
            ecosystem: os.ecosystem.clone().unwrap_or_else(|| "rpm".into()),
            namespace: Some(namespace.to_string()),
            distro: os.version_id.as_ref().map(|version| format!("{}-{version}", os.id)),
        }
    }

    fn package(&self, found: Described, path: &str) -> Package {
        let mut package = Package::new(&self.ecosystem, &found.name, &found.version, path, 1);
        package.purl = self.purl(&found);
        let (source_name, source_version) = match found.source {
            Some((name, version)) => {
                let differs = version != found.version;
                (name, differs.then_some(version))
            }
            None => (found.name, None),
        };
        package.source_name = Some(source_name);
        package.source_version = source_version;
        package
    }

    /// `pkg:rpm/rocky/openssl-libs@3.0.7-27.el9?arch=x86_64&distro=rocky-9.3&epoch=1`:
    /// the purl spec's rpm type puts the epoch in a qualifier, and qualifiers
    /// are sorted by key.
    fn purl(&self, found: &Described) -> String {
        let epoch = found.epoch.map(|e| e.to_string());
        let qualifiers = [
            ("arch", found.arch.as_deref()),
            ("distro", self.distro.as_deref()),
            ("epoch", epoch.as_deref()),
        ];
        os_purl("rpm", self.namespace.as_deref(), &found.name, &found.version_release, qualifiers)
    }
}

#[cfg(test)]
mod tests {
    use super::header::tests::blob;
    use super::{database_root, is_database_path, parse_source_rpm, read};
    use crate::inventory::testing::tree;
    use crate::inventory::NoFiles;

    #[test]
    fn database_paths() {
        assert!(is_database_path("var/lib/rpm/rpmdb.sqlite"));
        assert!(is_database_path("usr/lib/sysimage/rpm/rpmdb.sqlite"));
        assert!(is_database_path("var/lib/rpm/Packages"));
        assert!(is_database_path("usr/lib/sysimage/rpm/Packages.db"));
        assert_eq!(database_root("images/ubi/var/lib/rpm/Packages"), Some("images/ubi/"));
        assert!(!is_database_path("myvar/lib/rpm/Packages"));
        assert!(!is_database_path("var/lib/rpm/Name"));
        assert!(!is_database_path("var/lib/rpm/rpmdb.sqlite-wal"));
        assert!(!is_database_path("var/lib/dpkg/status"));
        assert!(!is_database_path("Packages"));
    }

    #[test]
    fn source_rpm_file_names() {
        let parsed = |file| parse_source_rpm(file).map(|(n, v)| format!("{n} {v}"));
        assert_eq!(parsed("openssl-3.0.7-27.el9.src.rpm").as_deref(), Some("openssl 3.0.7-27.el9"));
        assert_eq!(parsed("python3.11-3.11.7-1.el9.nosrc.rpm").as_deref(), Some("python3.11 3.11.7-1.el9"));
        assert_eq!(parsed("util-linux-2.37.4-18.el9.src.rpm").as_deref(), Some("util-linux 2.37.4-18.el9"));
        assert_eq!(parsed("(none)"), None);
        assert_eq!(parsed("-1-2.src.rpm"), None);
        assert_eq!(parsed("a.rpm"), None);
    }

    /// rpm here cannot write ndb: the headers of the sqlite fixture are laid
    /// out in an ndb file as rpm's ndb backend does, and read back the same.
    #[test]
    fn an_ndb_database_holds_the_same_packages() {
        let sqlite =
            std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/rpm/rpmdb.sqlite")).unwrap();
        let headers: Vec<Vec<u8>> =
            super::sqlite::blobs(&sqlite).unwrap().into_iter().map(|(_, b)| b.unwrap()).collect();
        let headers: Vec<&[u8]> = headers.iter().map(Vec::as_slice).collect();
        let ndb = super::ndb::tests::ndb_file(&headers);
        let path = "usr/lib/sysimage/rpm/Packages.db";
        let from_ndb = read(path, &ndb, &NoFiles).unwrap();
        let from_sqlite = read(path, &sqlite, &NoFiles).unwrap();
        assert_eq!(from_ndb.packages.len(), 3);
        assert_eq!(from_ndb.packages, from_sqlite.packages);
    }

    #[test]
    fn unreadable_headers_are_notes_and_other_files_errors() {
        let error = read("var/lib/rpm/Packages", b"not a database at all", &NoFiles).unwrap_err();
        assert!(error.starts_with("not an rpm database"), "{error}");

        // One good header and one whose name is not UTF-8, in an ndb file.
        let good = blob(&[(1000, 6, b"zlib\0"), (1001, 6, b"1.2.13\0"), (1002, 6, b"3.el9\0")]);
        let bad = blob(&[(1000, 6, b"\xff\0")]);
        let bytes = super::ndb::tests::ndb_file(&[&good, &bad, b"\0\0"]);
        let files = tree([("etc/os-release", "ID=\"almalinux\"\nVERSION_ID=\"9.4\"\nNAME=\"AlmaLinux\"\n")]);
        let inventory = read("var/lib/rpm/Packages.db", &bytes, &files).unwrap();
        let found: Vec<_> = inventory
            .packages
            .iter()
            .map(|p| (p.name.as_str(), p.version.as_str(), p.ecosystem.as_str()))
            .collect();
        assert_eq!(found, [("zlib", "1.2.13-3.el9", "AlmaLinux:9")]);
        assert_eq!(inventory.packages[0].purl, "pkg:rpm/almalinux/zlib@1.2.13-3.el9?distro=almalinux-9.4");
        assert_eq!(inventory.notes.len(), 2, "{:?}", inventory.notes);
        assert!(
            inventory.notes[0].starts_with("header 2 is left out: the string of tag 1000"),
            "{:?}",
            inventory.notes
        );
        assert!(inventory.notes[1].contains("too short"), "{:?}", inventory.notes);
    }
}
