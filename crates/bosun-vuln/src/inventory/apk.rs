//! The apk database of an Alpine tree, `lib/apk/db/installed`: one record per
//! installed package, records separated by blank lines, each line a one-letter
//! field (`P:` name, `V:` version, `A:` architecture, `o:` origin, the source
//! package that advisories name; file lists and checksums are not read).
//!
//! The ecosystem is the release branch, `Alpine:v3.11`, from the tree's
//! `etc/alpine-release` (`3.11.6`) or `etc/os-release`; plain `Alpine` when the
//! tree does not say. Wolfi and Chainguard trees, which use apk too, are named
//! as their `os-release` says.

use super::os_release::OsRelease;
use super::stanza::{shown, stanzas, Line, Stanza};
use super::{os_purl, FileInventory, Files, Package};

pub fn read(path: &str, text: &str, files: &dyn Files) -> Result<FileInventory, String> {
    let root = path.strip_suffix("lib/apk/db/installed").unwrap_or("");
    let distro = Distro::of_tree(root, files);
    let mut inventory = FileInventory::default();
    for record in stanzas(text, read_line)? {
        let (Some(name), Some(version)) = (record.get('P'), record.get('V')) else {
            inventory
                .notes
                .push(format!("the record at line {} has no name (P:) or no version (V:)", record.line));
            continue;
        };
        let mut package = Package::new(&distro.ecosystem, name, version, path, record.line);
        package.purl = distro.purl(name, version, record.get('A'));
        package.source_name = Some(record.get('o').unwrap_or(name).to_string());
        inventory.packages.push(package);
    }
    Ok(inventory)
}

impl<'a> Stanza<'a, char> {
    /// A field's value, when not empty.
    fn get(&self, key: char) -> Option<&'a str> {
        self.fields.iter().find(|(k, _)| *k == key).map(|(_, value)| *value).filter(|v| !v.is_empty())
    }
}

/// An `X:value` line: one letter or digit, a colon, the value.
fn read_line(line: &str, _in_record: bool) -> Result<Line<'_, char>, String> {
    let mut chars = line.chars();
    let (Some(key), Some(':')) = (chars.next(), chars.next()) else {
        return Err(format!("expected a `X:value` field, found `{}`", shown(line)));
    };
    if !key.is_ascii_alphanumeric() {
        return Err(format!("`{key}` is not a field letter"));
    }
    Ok(Line::Field(key, line[key.len_utf8() + 1..].trim()))
}

/// The distribution a tree runs, as OSV and purls name it.
struct Distro {
    ecosystem: String,
    /// The purl namespace: `alpine`, `wolfi`, `chainguard`.
    vendor: String,
    /// The full release (`3.11.6`), the purl `distro` qualifier.
    release: Option<String>,
}

impl Distro {
    fn of_tree(root: &str, files: &dyn Files) -> Distro {
        let os_release = OsRelease::of_tree(root, files);
        match os_release.get("ID") {
            // Rolling distributions: OSV names them without a release.
            Some(id @ ("wolfi" | "chainguard")) => {
                let ecosystem = if id == "wolfi" { "Wolfi" } else { "Chainguard" };
                return Distro { ecosystem: ecosystem.into(), vendor: id.into(), release: None };
            }
            Some("alpine") | None => {}
            Some(_) => return Distro { ecosystem: "Alpine".into(), vendor: "alpine".into(), release: None },
        }
        let release = files
            .read(&format!("{root}etc/alpine-release"))
            .and_then(|text| text.lines().next().map(|line| line.trim().to_string()))
            .filter(|release| !release.is_empty())
            .or_else(|| os_release.get("VERSION_ID").map(str::to_string));
        let ecosystem = release.as_deref().and_then(alpine_ecosystem).unwrap_or_else(|| "Alpine".into());
        Distro { ecosystem, vendor: "alpine".into(), release }
    }

    /// `pkg:apk/alpine/musl@1.1.24-r2?arch=x86_64&distro=3.11.6`.
    fn purl(&self, name: &str, version: &str, arch: Option<&str>) -> String {
        os_purl(
            "apk",
            Some(&self.vendor),
            name,
            version,
            [("arch", arch), ("distro", self.release.as_deref())],
        )
    }
}

/// `Alpine:v3.11` from a release as trees and purls write it: `3.11.6`,
/// `v3.11`, `alpine-3.11.6`, `3.21_alpha20240807`.
pub(crate) fn alpine_ecosystem(release: &str) -> Option<String> {
    let release = release.trim();
    let release = release.strip_prefix("alpine-").unwrap_or(release);
    let release = release.strip_prefix('v').unwrap_or(release);
    let mut parts = release.split(|c: char| !c.is_ascii_digit());
    let major = parts.next().filter(|p| !p.is_empty())?;
    let minor = parts.next().filter(|p| !p.is_empty())?;
    Some(format!("Alpine:v{major}.{minor}"))
}

#[cfg(test)]
mod tests {
    use super::{alpine_ecosystem, read};
    use crate::inventory::testing::tree;
    use crate::inventory::NoFiles;

    const INSTALLED: &str = "C:Q1yyMWoYnr7lKCxKm9mHlMwkd6dMY=
P:musl
V:1.1.24-r2
A:x86_64
o:musl
F:lib
R:libc.musl-x86_64.so.1

C:Q1Zchg/48QO2ZPQLqEmj9aUcaci+s=
P:libcrypto1.1
V:1.1.1g-r0
A:x86_64
o:openssl

P:no-version-here
";

    #[test]
    fn packages_with_origins_release_and_purls() {
        let tree = tree([("rootfs/etc/alpine-release", "3.11.6\n")]);
        let inventory = read("rootfs/lib/apk/db/installed", INSTALLED, &tree).unwrap();
        let found: Vec<(&str, &str, u32, &str, Option<&str>)> = inventory
            .packages
            .iter()
            .map(|p| {
                (p.name.as_str(), p.version.as_str(), p.line, p.ecosystem.as_str(), p.source_name.as_deref())
            })
            .collect();
        assert_eq!(
            found,
            [
                ("musl", "1.1.24-r2", 1, "Alpine:v3.11", Some("musl")),
                ("libcrypto1.1", "1.1.1g-r0", 9, "Alpine:v3.11", Some("openssl")),
            ]
        );
        assert_eq!(
            inventory.packages[1].purl,
            "pkg:apk/alpine/libcrypto1.1@1.1.1g-r0?arch=x86_64&distro=3.11.6"
        );
        assert_eq!(inventory.notes, ["the record at line 15 has no name (P:) or no version (V:)"]);
    }

    #[test]
    fn without_a_release_the_ecosystem_is_plain_alpine() {
        let inventory = read("lib/apk/db/installed", INSTALLED, &NoFiles).unwrap();
        assert_eq!(inventory.packages[0].ecosystem, "Alpine");
        assert_eq!(inventory.packages[0].purl, "pkg:apk/alpine/musl@1.1.24-r2?arch=x86_64");
        let wolfi = tree([("etc/os-release", "ID=wolfi\nNAME=\"Wolfi\"\n")]);
        assert_eq!(read("lib/apk/db/installed", INSTALLED, &wolfi).unwrap().packages[0].ecosystem, "Wolfi");
        let os_release = tree([("etc/os-release", "ID=alpine\nVERSION_ID=3.19.1\n")]);
        assert_eq!(
            read("lib/apk/db/installed", INSTALLED, &os_release).unwrap().packages[0].ecosystem,
            "Alpine:v3.19"
        );
    }

    #[test]
    fn release_branches() {
        assert_eq!(alpine_ecosystem("3.11.6").as_deref(), Some("Alpine:v3.11"));
        assert_eq!(alpine_ecosystem("v3.20").as_deref(), Some("Alpine:v3.20"));
        assert_eq!(alpine_ecosystem("alpine-3.18.4").as_deref(), Some("Alpine:v3.18"));
        assert_eq!(alpine_ecosystem("3.21_alpha20240807").as_deref(), Some("Alpine:v3.21"));
        assert_eq!(alpine_ecosystem("edge"), None);
        assert_eq!(alpine_ecosystem("3"), None);
    }

    #[test]
    fn broken_files_are_errors_with_lines() {
        let error = read("lib/apk/db/installed", "P:musl\nnot a field\n", &NoFiles).unwrap_err();
        assert!(error.starts_with("line 2:"), "{error}");
        assert!(read("lib/apk/db/installed", "\u{0}\u{1}\u{2}", &NoFiles).is_err());
        assert!(read("lib/apk/db/installed", "é:x\n", &NoFiles).is_err());
        assert!(read("lib/apk/db/installed", "", &NoFiles).unwrap().packages.is_empty());
    }
}
