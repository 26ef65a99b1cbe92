//! Java archives (`.jar`, `.war`, `.ear`): the `pom.properties` Maven writes
//! at `META-INF/maven/<groupId>/<artifactId>/pom.properties` names each
//! artifact built into the archive (a shaded jar holds several). An archive
//! without any falls back to its `META-INF/MANIFEST.MF`:
//! `Implementation-Title`/`Implementation-Version` (with
//! `Implementation-Vendor-Id` as the group when present), else
//! `Bundle-SymbolicName`/`Bundle-Version`. A manifest rarely says the Maven
//! group, so such names may not be `group:artifact` and match no advisory;
//! the archive's file name is not guessed from on purpose.
//!
//! Archives inside the archive (`WEB-INF/lib`, `BOOT-INF/lib`, an EAR's
//! modules) are read too, down to [`MAX_DEPTH`], each reported at
//! `outer.war!/WEB-INF/lib/inner.jar`. Every read is bounded: entries per
//! archive, the size of a nested archive or metadata file, and the bytes
//! inflated in total, so that a zip bomb is an error, not an outage.

use super::super::{FileInventory, Package};
use std::io::{Cursor, Read};

const MAX_ENTRIES: usize = 200_000;
const MAX_DEPTH: usize = 4;
const MAX_NESTED_ARCHIVE: u64 = 256 << 20;
const MAX_METADATA: u64 = 1 << 20;
/// What all nested archives and metadata of one archive may inflate to.
const MAX_INFLATED: u64 = 1 << 30;

pub fn read(path: &str, bytes: &[u8]) -> Result<FileInventory, String> {
    let mut reader = Reader { inventory: FileInventory::default(), inflated: 0 };
    reader.archive(path, bytes, 0)?;
    Ok(reader.inventory)
}

struct Reader {
    inventory: FileInventory,
    inflated: u64,
}

impl Reader {
    fn archive(&mut self, path: &str, bytes: &[u8], depth: usize) -> Result<(), String> {
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| format!("{path}: not a readable archive: {e}"))?;
        if zip.len() > MAX_ENTRIES {
            return Err(format!("{path}: {} entries, more than the {MAX_ENTRIES} bosun reads", zip.len()));
        }
        let mut found = false;
        let mut manifest = None;
        let mut nested = Vec::new();
        for index in 0..zip.len() {
            let mut entry = zip.by_index(index).map_err(|e| format!("{path}: unreadable entry: {e}"))?;
            if entry.is_dir() {
                continue;
            }
            let name = entry.name().to_string();
            if is_pom_properties(&name) {
                let text = self.inflate(&mut entry, MAX_METADATA, path)?;
                if let Some(package) = pom_package(&String::from_utf8_lossy(&text), path) {
                    self.inventory.packages.push(package);
                    found = true;
                }
            } else if name == "META-INF/MANIFEST.MF" {
                manifest = Some(self.inflate(&mut entry, MAX_METADATA, path)?);
            } else if is_archive_name(&name) {
                if depth + 1 >= MAX_DEPTH {
                    self.inventory
                        .notes
                        .push(format!("{path}!/{name}: nested deeper than {MAX_DEPTH}: not read"));
                    continue;
                }
                nested.push((name, self.inflate(&mut entry, MAX_NESTED_ARCHIVE, path)?));
            }
        }
        if !found {
            if let Some(package) = manifest.and_then(|m| manifest_package(&String::from_utf8_lossy(&m), path))
            {
                self.inventory.packages.push(package);
            }
        }
        for (name, bytes) in nested {
            self.archive(&format!("{path}!/{name}"), &bytes, depth + 1)?;
        }
        Ok(())
    }

    fn inflate(
        &mut self,
        entry: &mut zip::read::ZipFile<'_, Cursor<&[u8]>>,
        limit: u64,
        path: &str,
    ) -> Result<Vec<u8>, String> {
        let name = entry.name().to_string();
        if entry.size() > limit {
            return Err(format!("{path}!/{name}: {} bytes, more than the {limit} bosun reads", entry.size()));
        }
        let mut bytes = Vec::new();
        // The declared size may lie: the read itself is bounded.
        entry
            .take(limit + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("{path}!/{name}: unreadable: {e}"))?;
        if bytes.len() as u64 > limit {
            return Err(format!("{path}!/{name}: inflates past the {limit} bytes bosun reads"));
        }
        self.inflated += bytes.len() as u64;
        if self.inflated > MAX_INFLATED {
            return Err(format!("{path}: inflates past the {MAX_INFLATED} bytes bosun reads in one archive"));
        }
        Ok(bytes)
    }
}

fn is_pom_properties(name: &str) -> bool {
    let parts: Vec<&str> = name.split('/').collect();
    matches!(parts.as_slice(), ["META-INF", "maven", _, _, "pom.properties"])
}

fn is_archive_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [".jar", ".war", ".ear"].iter().any(|ext| lower.ends_with(ext))
}

/// `key=value` (or `key: value`) lines of a Java properties file; comments and
/// line continuations of long values do not occur in what Maven writes.
fn property<'a>(text: &'a str, key: &str) -> Option<&'a str> {
    text.lines().find_map(|line| {
        let line = line.trim_start();
        if line.starts_with('#') || line.starts_with('!') {
            return None;
        }
        let split = line.find(['=', ':'])?;
        (line[..split].trim() == key).then(|| line[split + 1..].trim()).filter(|v| !v.is_empty())
    })
}

fn pom_package(text: &str, path: &str) -> Option<Package> {
    let group = property(text, "groupId")?;
    let artifact = property(text, "artifactId")?;
    let version = property(text, "version")?;
    Some(Package::new("Maven", &format!("{group}:{artifact}"), version, path, 1))
}

/// The main section's headers of a manifest: `Name: value` lines up to the
/// first blank line, a line starting with a space continuing the one before.
fn manifest_headers(text: &str) -> Vec<(String, String)> {
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            break;
        }
        if let Some(continued) = line.strip_prefix(' ') {
            if let Some((_, value)) = headers.last_mut() {
                value.push_str(continued);
            }
        } else if let Some((key, value)) = line.split_once(':') {
            headers.push((key.trim().to_string(), value.trim().to_string()));
        }
    }
    headers
}

fn manifest_package(text: &str, path: &str) -> Option<Package> {
    let headers = manifest_headers(text);
    let header = |key: &str| headers.iter().find(|(k, v)| k == key && !v.is_empty()).map(|(_, v)| v.as_str());
    let (name, version) = match (header("Implementation-Title"), header("Implementation-Version")) {
        (Some(title), Some(version)) => match header("Implementation-Vendor-Id") {
            Some(group) => (format!("{group}:{title}"), version),
            None => (title.to_string(), version),
        },
        // `org.example.bundle;singleton:=true`: the name is before the directives.
        _ => {
            let symbolic = header("Bundle-SymbolicName")?.split(';').next()?.trim();
            (symbolic.to_string(), header("Bundle-Version")?)
        }
    };
    Some(Package::new("Maven", &name, version, path, 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/installed/java");

    fn fixture(name: &str) -> Vec<u8> {
        std::fs::read(format!("{FIXTURES}/{name}")).unwrap()
    }

    fn found(inventory: &FileInventory) -> Vec<String> {
        inventory.packages.iter().map(|p| format!("{} {} {}", p.path, p.name, p.version)).collect()
    }

    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, bytes) in entries {
            writer.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
            writer.write_all(bytes).unwrap();
        }
        writer.finish().unwrap().into_inner()
    }

    #[test]
    fn real_jar_built_by_maven() {
        // Debian's plexus-cipher 2.0, with the pom.properties Maven 3.6.3 wrote.
        let inventory = read("app/plexus-cipher-2.0.jar", &fixture("plexus-cipher-2.0.jar")).unwrap();
        assert_eq!(found(&inventory), ["app/plexus-cipher-2.0.jar org.codehaus.plexus:plexus-cipher 2.0"]);
        assert_eq!(inventory.packages[0].purl, "pkg:maven/org.codehaus.plexus/plexus-cipher@2.0");
    }

    #[test]
    fn real_jar_with_only_a_manifest() {
        // Debian's javax.inject 1, built with Ant: an OSGi manifest, no pom.properties.
        let inventory = read("javax.inject-1.jar", &fixture("javax.inject-1.jar")).unwrap();
        assert_eq!(found(&inventory), ["javax.inject-1.jar javax.inject 1.0.0"]);
    }

    #[test]
    fn nested_jars_of_a_war() {
        let inventory = read("srv/app.war", &fixture("app.war")).unwrap();
        assert_eq!(
            found(&inventory),
            [
                "srv/app.war!/WEB-INF/lib/plexus-cipher-2.0.jar org.codehaus.plexus:plexus-cipher 2.0",
                "srv/app.war!/WEB-INF/lib/javax.inject-1.jar javax.inject 1.0.0",
            ]
        );
    }

    #[test]
    fn manifest_headers_with_continuations() {
        let manifest = "Manifest-Version: 1.0\r\nImplementation-Title: commons-\r\n text\r\n\
            Implementation-Version: 1.10.0\r\nImplementation-Vendor-Id: org.apache.commons\r\n\r\n\
            Name: other/section\r\nImplementation-Version: 9\r\n";
        let jar = zip_of(&[("META-INF/MANIFEST.MF", manifest.as_bytes())]);
        let inventory = read("x.jar", &jar).unwrap();
        assert_eq!(found(&inventory), ["x.jar org.apache.commons:commons-text 1.10.0"]);
    }

    #[test]
    fn nesting_is_bounded() {
        let pom = b"groupId=g\nartifactId=a\nversion=1\n";
        let mut jar = zip_of(&[("META-INF/maven/g/a/pom.properties", pom)]);
        for _ in 0..MAX_DEPTH + 2 {
            jar = zip_of(&[("lib/inner.jar", &jar)]);
        }
        let inventory = read("deep.jar", &jar).unwrap();
        assert!(inventory.packages.is_empty());
        assert!(inventory.notes[0].contains("nested deeper than"), "{:?}", inventory.notes);
    }

    #[test]
    fn hostile_archives_are_errors() {
        assert!(read("x.jar", b"PK\x03\x04 not really").unwrap_err().contains("not a readable archive"));
        // A manifest that inflates past the limit (a small zip bomb).
        let bomb = zip_of(&[("META-INF/MANIFEST.MF", &vec![b'a'; MAX_METADATA as usize + 1])]);
        assert!(read("x.jar", &bomb).unwrap_err().contains("more than"));
        let mut truncated = fixture("app.war");
        truncated.truncate(truncated.len() / 2);
        assert!(read("x.war", &truncated).is_err());
    }
}
