//! The dpkg database of a Debian or Ubuntu tree: `var/lib/dpkg/status`
//! (RFC 822-style stanzas, one per package dpkg knows), and the
//! `var/lib/dpkg/status.d/<package>` files distroless images have instead (the
//! same stanzas without a `Status` field; the `*.md5sums` files beside them are
//! not read). Only installed packages are inventoried: a stanza whose `Status`
//! says `not-installed`, `config-files` (removed, configuration kept) or a
//! half-done state is left out.
//!
//! Each package keeps its source package (`Source: name (version)`, the
//! package itself when absent), which distribution advisories are written
//! against. The ecosystem is the release: `Debian:12` or `Ubuntu:22.04:LTS`,
//! from the tree's `etc/os-release` or `etc/debian_version`, or plain `Debian`
//! when the tree does not say.

use super::os_release::OsRelease;
use super::stanza::{shown, stanzas, Line, Stanza};
use super::{os_purl, FileInventory, Files, Package};

pub fn read(path: &str, text: &str, files: &dyn Files) -> Result<FileInventory, String> {
    let release = Release::of_tree(database_root(path).unwrap_or(""), files);
    let mut inventory = FileInventory::default();
    for stanza in stanzas(text, read_line)? {
        let installed = stanza.get("Status").is_none_or(is_installed);
        if !installed {
            continue;
        }
        let (Some(name), Some(version)) = (stanza.get("Package"), stanza.get("Version")) else {
            inventory.notes.push(format!("the stanza at line {} has no Package or no Version", stanza.line));
            continue;
        };
        let mut package = Package::new(&release.ecosystem, name, version, path, stanza.line);
        let (source_name, source_version) = match stanza.get("Source") {
            Some(source) => parse_source(source),
            None => (name.to_string(), None),
        };
        package.purl = release.purl(name, version, stanza.get("Architecture"));
        package.source_name = Some(source_name);
        package.source_version = source_version;
        inventory.packages.push(package);
    }
    Ok(inventory)
}

/// `var/lib/dpkg/status` and the package files of `var/lib/dpkg/status.d/`,
/// anywhere in a tree (an image's root filesystem unpacked in a folder).
pub fn is_database_path(path: &str) -> bool {
    let Some(root) = database_root(path) else { return false };
    match &path[root.len() + DATABASE_DIR.len()..] {
        "status" => true,
        rest => rest
            .strip_prefix("status.d/")
            .is_some_and(|name| !name.is_empty() && !name.contains('/') && !name.ends_with(".md5sums")),
    }
}

const DATABASE_DIR: &str = "var/lib/dpkg/";

/// The tree's root as a display-path prefix (`""` or `image/rootfs/`): what
/// comes before `var/lib/dpkg/`.
fn database_root(path: &str) -> Option<&str> {
    let mut search = path.len();
    while let Some(at) = path[..search].rfind(DATABASE_DIR) {
        if at == 0 || path.as_bytes()[at - 1] == b'/' {
            return Some(&path[..at]);
        }
        search = at;
    }
    None
}

/// dpkg's `Status: want error state`: the files are on disk in state `installed`.
fn is_installed(status: &str) -> bool {
    let words: Vec<&str> = status.split_whitespace().collect();
    matches!(words[..], [_, "ok", "installed"])
}

/// `util-linux (2.38.1-5)` → name and version; `acl` → name only.
fn parse_source(source: &str) -> (String, Option<String>) {
    match source.split_once('(') {
        Some((name, version)) => {
            let version = version.trim_end().trim_end_matches(')').trim();
            (name.trim().to_string(), (!version.is_empty()).then(|| version.to_string()))
        }
        None => (source.trim().to_string(), None),
    }
}

impl<'a> Stanza<'a, &'a str> {
    /// A field's first-line value; field names are case-insensitive.
    fn get(&self, name: &str) -> Option<&'a str> {
        self.fields.iter().find(|(field, _)| field.eq_ignore_ascii_case(name)).map(|(_, value)| *value)
    }
}

/// A `Field: value` line, a comment, or the rest of a multi-line value.
fn read_line(line: &str, in_stanza: bool) -> Result<Line<'_, &str>, String> {
    if line.starts_with('#') {
        return Ok(Line::Skip);
    }
    if line.starts_with([' ', '\t']) {
        // A continuation of a multi-line field (Description, Conffiles).
        return match in_stanza {
            true => Ok(Line::Skip),
            false => Err("a continuation line outside any field".into()),
        };
    }
    let field = line.split_once(':').filter(|(name, _)| {
        !name.is_empty() && !name.contains(char::is_whitespace) && !name.starts_with('-')
    });
    let Some((name, value)) = field else {
        return Err(format!("expected `Field: value`, found `{}`", shown(line)));
    };
    Ok(Line::Field(name, value.trim()))
}

/// The release a tree runs, as OSV names it, and how purls name it.
struct Release {
    ecosystem: String,
    /// The purl namespace: `debian` or `ubuntu`.
    vendor: &'static str,
    /// The purl `distro` qualifier (`debian-12`, `ubuntu-22.04`).
    distro: Option<String>,
}

impl Release {
    fn of_tree(root: &str, files: &dyn Files) -> Release {
        let os_release = OsRelease::of_tree(root, files);
        let field = |key: &str| os_release.get(key);
        if field("ID") == Some("ubuntu") {
            if let Some(version) = field("VERSION_ID") {
                let lts = field("VERSION").is_some_and(|v| v.contains("LTS"));
                return Release {
                    ecosystem: ubuntu_ecosystem(version, lts),
                    vendor: "ubuntu",
                    distro: Some(format!("ubuntu-{version}")),
                };
            }
            return Release { ecosystem: "Ubuntu".into(), vendor: "ubuntu", distro: None };
        }
        // Debian testing and unstable have no VERSION_ID; debian_version names
        // the coming release (`trixie/sid`).
        let debian_version = files.read(&format!("{root}etc/debian_version"));
        let stated =
            [field("VERSION_ID"), debian_version.as_deref().map(str::trim), field("VERSION_CODENAME")];
        let is_debian = matches!(field("ID"), Some("debian") | None);
        let ecosystem = stated.iter().flatten().find_map(|release| debian_ecosystem(release));
        match ecosystem {
            Some(ecosystem) if is_debian => {
                let major = ecosystem.trim_start_matches("Debian:").to_string();
                Release { ecosystem, vendor: "debian", distro: Some(format!("debian-{major}")) }
            }
            _ => Release { ecosystem: "Debian".into(), vendor: "debian", distro: None },
        }
    }

    /// `pkg:deb/debian/curl@7.88.1-10?arch=amd64&distro=debian-12`.
    fn purl(&self, name: &str, version: &str, arch: Option<&str>) -> String {
        os_purl("deb", Some(self.vendor), name, version, [("arch", arch), ("distro", self.distro.as_deref())])
    }
}

/// Debian releases by codename, for trees that give only a codename.
const DEBIAN_CODENAMES: [(&str, &str); 9] = [
    ("wheezy", "7"),
    ("jessie", "8"),
    ("stretch", "9"),
    ("buster", "10"),
    ("bullseye", "11"),
    ("bookworm", "12"),
    ("trixie", "13"),
    ("forky", "14"),
    ("duke", "15"),
];

/// `Debian:12` from a release as trees and purls write it: `12`, `12.5`,
/// `debian-12`, `bookworm`, `bookworm/sid`.
pub(crate) fn debian_ecosystem(release: &str) -> Option<String> {
    let release = release.trim().to_ascii_lowercase();
    let release = release.strip_prefix("debian-").unwrap_or(&release);
    let release = release.split('/').next().unwrap_or(release);
    let major: String = release.chars().take_while(char::is_ascii_digit).collect();
    if !major.is_empty() {
        return Some(format!("Debian:{major}"));
    }
    DEBIAN_CODENAMES.iter().find(|(name, _)| *name == release).map(|(_, major)| format!("Debian:{major}"))
}

/// OSV's Ubuntu ecosystem for release `22.04`: `Ubuntu:22.04:LTS` for
/// long-term releases (every April release of an even year), else `Ubuntu:23.10`.
pub(crate) fn ubuntu_ecosystem(version_id: &str, stated_lts: bool) -> String {
    let release: String = version_id.split('.').take(2).collect::<Vec<_>>().join(".");
    let april_of_even_year = match release.split_once('.') {
        Some((year, "04")) => year.parse::<u32>().is_ok_and(|year| year % 2 == 0),
        _ => false,
    };
    if stated_lts || april_of_even_year {
        format!("Ubuntu:{release}:LTS")
    } else {
        format!("Ubuntu:{release}")
    }
}

#[cfg(test)]
mod tests {
    use super::{debian_ecosystem, is_database_path, read, ubuntu_ecosystem};
    use crate::inventory::testing::tree;
    use crate::inventory::NoFiles;

    const STATUS: &str = "Package: libacl1
Status: install ok installed
Architecture: amd64
Multi-Arch: same
Source: acl
Version: 2.3.1-3
Description: access control list - shared library
 This package contains the shared library.

Package: util-linux-extra
Status: hold ok installed
Architecture: amd64
Source: util-linux (2.38.1-5)
Version: 2.38.1-5+b1

Package: removed-but-configured
Status: deinstall ok config-files
Architecture: amd64
Version: 1.0-1

Package: attr
Status: install ok installed
Architecture: amd64
Version: 1:2.5.1-4
";

    const BOOKWORM: &str = "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nVERSION_ID=\"12\"\nID=debian\n";

    #[test]
    fn installed_packages_with_source_packages_and_lines() {
        let inventory = read("var/lib/dpkg/status", STATUS, &NoFiles).unwrap();
        let found: Vec<_> = inventory
            .packages
            .iter()
            .map(|p| {
                let source = (p.source_name.as_deref(), p.source_version.as_deref());
                (p.name.as_str(), p.version.as_str(), p.line, source.0, source.1)
            })
            .collect();
        assert_eq!(
            found,
            [
                ("libacl1", "2.3.1-3", 1, Some("acl"), None),
                ("util-linux-extra", "2.38.1-5+b1", 10, Some("util-linux"), Some("2.38.1-5")),
                ("attr", "1:2.5.1-4", 21, Some("attr"), None),
            ]
        );
        assert!(inventory.packages.iter().all(|p| p.ecosystem == "Debian"));
        assert_eq!(inventory.packages[1].purl, "pkg:deb/debian/util-linux-extra@2.38.1-5%2Bb1?arch=amd64");
    }

    #[test]
    fn the_release_comes_from_the_tree_of_the_database() {
        let files = tree([("img/etc/os-release", BOOKWORM)]);
        let inventory = read("img/var/lib/dpkg/status", STATUS, &files).unwrap();
        assert_eq!(inventory.packages[0].ecosystem, "Debian:12");
        assert_eq!(inventory.packages[2].purl, "pkg:deb/debian/attr@1:2.5.1-4?arch=amd64&distro=debian-12");

        let files = tree([("etc/debian_version", "11.9\n")]);
        assert_eq!(read("var/lib/dpkg/status", STATUS, &files).unwrap().packages[0].ecosystem, "Debian:11");

        let sid = "PRETTY_NAME=\"Debian GNU/Linux trixie/sid\"\nID=debian\nVERSION_CODENAME=trixie\n";
        let files = tree([("etc/os-release", sid), ("etc/debian_version", "trixie/sid\n")]);
        assert_eq!(read("var/lib/dpkg/status", STATUS, &files).unwrap().packages[0].ecosystem, "Debian:13");

        let jammy =
            "NAME=\"Ubuntu\"\nVERSION_ID=\"22.04\"\nVERSION=\"22.04.4 LTS (Jammy Jellyfish)\"\nID=ubuntu\n";
        let files = tree([("usr/lib/os-release", jammy)]);
        let ubuntu = read("var/lib/dpkg/status", STATUS, &files).unwrap();
        assert_eq!(ubuntu.packages[0].ecosystem, "Ubuntu:22.04:LTS");
        assert_eq!(ubuntu.packages[0].purl, "pkg:deb/ubuntu/libacl1@2.3.1-3?arch=amd64&distro=ubuntu-22.04");
    }

    #[test]
    fn distroless_status_d_files_have_no_status_field() {
        let file = "Package: libssl3\nVersion: 3.0.14-1~deb12u2\nArchitecture: amd64\nSource: openssl\n";
        let inventory = read("var/lib/dpkg/status.d/libssl3", file, &NoFiles).unwrap();
        assert_eq!(inventory.packages.len(), 1);
        assert_eq!(inventory.packages[0].source_name.as_deref(), Some("openssl"));
    }

    #[test]
    fn database_paths() {
        assert!(is_database_path("var/lib/dpkg/status"));
        assert!(is_database_path("images/app/var/lib/dpkg/status"));
        assert!(is_database_path("var/lib/dpkg/status.d/libc6"));
        assert!(!is_database_path("var/lib/dpkg/status.d/libc6.md5sums"));
        assert!(!is_database_path("var/lib/dpkg/status.d/"));
        assert!(!is_database_path("var/lib/dpkg/status-old"));
        assert!(!is_database_path("var/lib/dpkg/available"));
        assert!(!is_database_path("myvar/lib/dpkg/status"));
    }

    #[test]
    fn releases_as_osv_names_them() {
        assert_eq!(debian_ecosystem("12.5").as_deref(), Some("Debian:12"));
        assert_eq!(debian_ecosystem("debian-11").as_deref(), Some("Debian:11"));
        assert_eq!(debian_ecosystem("bookworm/sid").as_deref(), Some("Debian:12"));
        assert_eq!(debian_ecosystem("sid"), None);
        assert_eq!(ubuntu_ecosystem("24.04", false), "Ubuntu:24.04:LTS");
        assert_eq!(ubuntu_ecosystem("23.10", false), "Ubuntu:23.10");
        assert_eq!(ubuntu_ecosystem("21.04", false), "Ubuntu:21.04");
    }

    #[test]
    fn broken_files_are_errors_with_lines() {
        let error = read("var/lib/dpkg/status", "Package: a\nthis is not a field\n", &NoFiles).unwrap_err();
        assert!(error.starts_with("line 2:"), "{error}");
        assert!(read("var/lib/dpkg/status", " leading continuation\n", &NoFiles).is_err());
        assert!(read("var/lib/dpkg/status", "\u{0}\u{1}\u{2}", &NoFiles).is_err());
        let no_version =
            read("var/lib/dpkg/status", "Package: a\nStatus: install ok installed\n", &NoFiles).unwrap();
        assert!(no_version.packages.is_empty());
        assert_eq!(no_version.notes.len(), 1);
    }
}
