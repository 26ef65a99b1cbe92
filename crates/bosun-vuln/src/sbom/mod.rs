//! Software bills of materials: the package inventory written as a CycloneDX 1.5
//! or SPDX 2.3 JSON document.
//!
//! Both formats describe the same thing: the scanned tree as one application
//! (the document's subject) and one entry per package *per file* that lists it.
//! A package locked by two lockfiles is two entries, each saying where it came
//! from, because the two projects may ship it separately; several lines of one
//! file naming the same package (npm's nested copies) are one entry.
//!
//! Entries are ordered by purl, then path, and identifiers are derived from
//! them, so the same inventory always gives the same document apart from the
//! timestamp and the document's UUID, which [`DocumentMeta`] carries.

mod cyclonedx;
mod spdx;

use crate::inventory::Package;
use serde_json::Value;
use std::collections::{BTreeMap, HashSet};

/// What a document says about itself rather than about the packages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentMeta {
    /// What the document describes: the scanned directory's name.
    pub subject: String,
    pub tool_name: String,
    pub tool_version: String,
    /// When the document was made (written in UTC, to the second).
    pub timestamp: jiff::Timestamp,
    /// The document's identity: CycloneDX's `serialNumber`, and the last part
    /// of SPDX's `documentNamespace`.
    pub uuid: [u8; 16],
}

impl DocumentMeta {
    /// A document about `subject` made now, with a random (version 4) UUID: the
    /// formats want a new identity for every document, even an unchanged one.
    pub fn new(subject: &str, tool_name: &str, tool_version: &str) -> Result<DocumentMeta, String> {
        Ok(DocumentMeta {
            subject: subject.to_string(),
            tool_name: tool_name.to_string(),
            tool_version: tool_version.to_string(),
            timestamp: jiff::Timestamp::now(),
            uuid: random_uuid()?,
        })
    }

    /// `8-4-4-4-12` lowercase hex, as RFC 4122 writes UUIDs.
    pub fn uuid_text(&self) -> String {
        let hex: String = self.uuid.iter().map(|b| format!("{b:02x}")).collect();
        format!("{}-{}-{}-{}-{}", &hex[..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..])
    }

    /// The subject's name; both formats want one.
    fn subject_name(&self) -> &str {
        if self.subject.is_empty() {
            "unnamed"
        } else {
            &self.subject
        }
    }

    /// The timestamp as both formats accept it (`2024-05-01T12:00:00Z`).
    fn created(&self) -> String {
        self.timestamp.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
    }
}

/// The CycloneDX 1.5 JSON document for `packages`.
pub fn cyclonedx(packages: &[Package], meta: &DocumentMeta) -> Value {
    cyclonedx::document(&entries(packages), meta)
}

/// The SPDX 2.3 JSON document for `packages`.
pub fn spdx(packages: &[Package], meta: &DocumentMeta) -> Value {
    spdx::document(&entries(packages), meta)
}

/// 16 random bytes with the version (4) and variant (RFC 4122) bits set.
fn random_uuid() -> Result<[u8; 16], String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| format!("no random bytes for the document's UUID: {e}"))?;
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    Ok(bytes)
}

/// One package as listed by one file.
struct Entry<'a> {
    package: &'a Package,
    /// The package's purl, with what may not appear raw in one escaped.
    purl: String,
    /// Every line of the file that lists it, ascending.
    lines: Vec<u32>,
    /// Direct when any of its lines says so; transitive when all do.
    direct: Option<bool>,
    /// Development-only when all its lines say so; not when any says otherwise.
    dev: Option<bool>,
    /// Whether another file lists the same purl.
    shared_purl: bool,
}

impl Entry<'_> {
    /// `path:line`, one for each line that lists it.
    fn locations(&self) -> impl Iterator<Item = String> + '_ {
        self.lines.iter().map(|line| format!("{}:{line}", self.package.path))
    }
}

/// The packages grouped by (purl, path), in that order.
fn entries(packages: &[Package]) -> Vec<Entry<'_>> {
    let mut groups: BTreeMap<(&str, &str), Vec<&Package>> = BTreeMap::new();
    for package in packages {
        groups.entry((package.purl.as_str(), package.path.as_str())).or_default().push(package);
    }
    let mut files_per_purl: BTreeMap<&str, usize> = BTreeMap::new();
    for (purl, _) in groups.keys() {
        *files_per_purl.entry(purl).or_default() += 1;
    }
    groups
        .into_iter()
        .map(|((purl, _), mut listed)| {
            listed.sort_by_key(|p| p.line);
            let mut lines: Vec<u32> = listed.iter().map(|p| p.line).collect();
            lines.dedup();
            Entry {
                package: listed[0],
                purl: escape_purl(purl),
                lines,
                direct: any_known(listed.iter().map(|p| p.direct)),
                dev: any_known(listed.iter().map(|p| p.dev.map(|dev| !dev))).map(|prod| !prod),
                shared_purl: files_per_purl[purl] > 1,
            }
        })
        .collect()
}

/// Percent-encodes the characters a purl never holds as they are (spaces,
/// controls, non-ASCII, the backtick and `"<>\^{|}`), leaving its structure
/// and existing escapes alone: a reader's name with a space must not make the
/// document's purl two words.
fn escape_purl(purl: &str) -> String {
    let mut out = String::with_capacity(purl.len());
    for c in purl.chars() {
        let raw = c.is_ascii_graphic() && !matches!(c, '"' | '<' | '>' | '\\' | '^' | '`' | '{' | '|' | '}');
        if raw {
            out.push(c);
        } else {
            let mut buffer = [0u8; 4];
            for byte in c.encode_utf8(&mut buffer).bytes() {
                out.push_str(&format!("%{byte:02X}"));
            }
        }
    }
    out
}

/// `Some(true)` when any says true, `Some(false)` when all say false, else unknown.
fn any_known(values: impl Iterator<Item = Option<bool>>) -> Option<bool> {
    let mut all_false = true;
    for value in values {
        match value {
            Some(true) => return Some(true),
            Some(false) => {}
            None => all_false = false,
        }
    }
    all_false.then_some(false)
}

/// Hands out identifiers, each once: a taken one gets `-2`, `-3`, ... appended.
#[derive(Default)]
struct UniqueIds {
    taken: HashSet<String>,
}

impl UniqueIds {
    fn claim(&mut self, wanted: String) -> String {
        if self.taken.insert(wanted.clone()) {
            return wanted;
        }
        (2..)
            .map(|n| format!("{wanted}-{n}"))
            .find(|candidate| self.taken.insert(candidate.clone()))
            .expect("some suffix is free")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn package(purl: &str, path: &str, line: u32, direct: Option<bool>, dev: Option<bool>) -> Package {
        Package {
            name: "left-pad".into(),
            version: "1.3.0".into(),
            ecosystem: "npm".into(),
            purl: purl.into(),
            path: path.into(),
            line,
            direct,
            dev,
            ..Package::default()
        }
    }

    #[test]
    fn one_entry_per_purl_and_file_with_every_line() {
        let packages = [
            package("pkg:npm/left-pad@1.3.0", "web/package-lock.json", 40, Some(false), Some(true)),
            package("pkg:npm/left-pad@1.3.0", "web/package-lock.json", 12, Some(true), Some(false)),
            package("pkg:npm/left-pad@1.3.0", "api/package-lock.json", 7, None, None),
            package("pkg:npm/abbrev@1.1.1", "web/package-lock.json", 3, None, Some(true)),
        ];
        let found = entries(&packages);
        let summary: Vec<String> = found
            .iter()
            .map(|e| {
                let (purl, path) = (&e.package.purl, &e.package.path);
                format!(
                    "{purl} {path} {:?} direct={:?} dev={:?} shared={}",
                    e.lines, e.direct, e.dev, e.shared_purl
                )
            })
            .collect();
        assert_eq!(
            summary,
            [
                "pkg:npm/abbrev@1.1.1 web/package-lock.json [3] direct=None dev=Some(true) shared=false",
                "pkg:npm/left-pad@1.3.0 api/package-lock.json [7] direct=None dev=None shared=true",
                // Direct because one copy is; not dev because one copy is a production dependency.
                "pkg:npm/left-pad@1.3.0 web/package-lock.json [12, 40] direct=Some(true) dev=Some(false) shared=true",
            ]
        );
        assert_eq!(
            found[2].locations().collect::<Vec<_>>(),
            ["web/package-lock.json:12", "web/package-lock.json:40"]
        );
    }

    #[test]
    fn purls_lose_what_may_not_appear_raw_and_keep_the_rest() {
        assert_eq!(escape_purl("pkg:npm/%40babel/core@7.0.0"), "pkg:npm/%40babel/core@7.0.0");
        assert_eq!(
            escape_purl("pkg:deb/debian/openssl@3.0.11-1~deb12u2?arch=amd64&distro=debian-12"),
            "pkg:deb/debian/openssl@3.0.11-1~deb12u2?arch=amd64&distro=debian-12"
        );
        assert_eq!(escape_purl("pkg:pypi/my pkg@1.0 beta"), "pkg:pypi/my%20pkg@1.0%20beta");
        assert_eq!(escape_purl("pkg:npm/caf\u{e9}|x@1"), "pkg:npm/caf%C3%A9%7Cx@1");
    }

    #[test]
    fn directness_and_dev_combine_conservatively() {
        assert_eq!(any_known([Some(false), None].into_iter()), None);
        assert_eq!(any_known([Some(false), Some(false)].into_iter()), Some(false));
        assert_eq!(any_known([None, Some(true)].into_iter()), Some(true));
        let dev = |flags: &[Option<bool>]| {
            let packages: Vec<Package> = flags
                .iter()
                .enumerate()
                .map(|(i, &dev)| package("pkg:npm/a@1", "p", i as u32, None, dev))
                .collect();
            entries(&packages)[0].dev
        };
        assert_eq!(dev(&[Some(true), Some(true)]), Some(true));
        assert_eq!(dev(&[Some(true), None]), None, "one copy of unknown kind may be shipped");
        assert_eq!(dev(&[Some(true), Some(false)]), Some(false));
    }

    #[test]
    fn ids_are_unique_whatever_is_asked() {
        let mut ids = UniqueIds::default();
        assert_eq!(ids.claim("a".into()), "a");
        assert_eq!(ids.claim("a-2".into()), "a-2");
        assert_eq!(ids.claim("a".into()), "a-3", "a-2 is taken already");
        assert_eq!(ids.claim("a".into()), "a-4");
    }

    #[test]
    fn random_uuids_are_version_4() {
        let meta = DocumentMeta::new("app", "bosun", "0.1.0").unwrap();
        let text = meta.uuid_text();
        assert_eq!(text.len(), 36);
        assert_eq!(&text[14..15], "4");
        assert!(matches!(&text[19..20], "8" | "9" | "a" | "b"), "{text}");
        let other = DocumentMeta::new("app", "bosun", "0.1.0").unwrap();
        assert_ne!(meta.uuid, other.uuid);
    }

    #[test]
    fn uuid_text_and_timestamp_formats() {
        let meta = DocumentMeta {
            subject: "app".into(),
            tool_name: "bosun".into(),
            tool_version: "0.1.0".into(),
            timestamp: "2024-05-01T12:34:56.789+02:00".parse().unwrap(),
            uuid: [
                0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0x4d, 0xef, 0x80, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06,
                0x07,
            ],
        };
        assert_eq!(meta.uuid_text(), "12345678-9abc-4def-8001-020304050607");
        assert_eq!(meta.created(), "2024-05-01T10:34:56Z", "UTC, whole seconds");
    }
}
