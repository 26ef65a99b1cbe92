//! SBOMs as inventories: CycloneDX JSON (`bomFormat: "CycloneDX"`, every
//! version; `components` and the components nested in them) and SPDX 2.x JSON
//! (`spdxVersion`; `packages` with a `purl` external reference). Each package
//! comes from its package URL: the purl type gives the OSV ecosystem, the
//! namespace and name give the name as that ecosystem writes it
//! (`group:artifact` for Maven, `namespace/name` for Go and Packagist), and for
//! OS packages the `distro` qualifier gives the release (`Debian:12`,
//! `Alpine:v3.11`). What bosun's own SBOMs record beyond the purl (ecosystem,
//! direct, dev, source package) is read back from their properties.
//!
//! Components without a purl (the described application, files, operating
//! systems) and purl types no advisory database covers (`docker`, `github`,
//! `generic`) are counted in a note. A JSON file that is neither format is not
//! an SBOM: any JSON may be called `bom.json`.

use super::dpkg::{debian_ecosystem, ubuntu_ecosystem};
use super::{apk::alpine_ecosystem, percent, FileInventory, Package};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};

pub fn read(path: &str, text: &str) -> Option<Result<FileInventory, String>> {
    let file_name = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
    // A name only SBOMs have: failing to read it is an error, not a pass.
    let named_sbom = SBOM_SUFFIXES.iter().any(|end| file_name.ends_with(end));
    let document: Value = match serde_json::from_str(text) {
        Ok(document) => document,
        Err(e) if named_sbom => return Some(Err(format!("not valid JSON: {e}"))),
        Err(_) => return None,
    };
    if document.get("bomFormat").and_then(Value::as_str) == Some("CycloneDX") {
        let mut reader = Reader::new(path, text, "components");
        reader.cyclonedx(&document);
        return Some(Ok(reader.finish()));
    } else if let Some(version) = document.get("spdxVersion").and_then(Value::as_str) {
        if !version.starts_with("SPDX-2.") {
            return Some(Err(format!("{version} documents are not read; SPDX 2.x JSON is")));
        }
        let mut reader = Reader::new(path, text, "packages");
        reader.spdx(&document);
        return Some(Ok(reader.finish()));
    } else if document.get("@context").is_some_and(|c| c.to_string().contains("spdx.org/rdf/3")) {
        return Some(Err("SPDX 3 JSON-LD documents are not read; SPDX 2.x JSON is".into()));
    } else if named_sbom {
        return Some(Err("neither a CycloneDX (`bomFormat`) nor an SPDX (`spdxVersion`) document".into()));
    }
    None
}

/// Endings only SBOM documents have (CycloneDX's and SPDX's recommended names).
const SBOM_SUFFIXES: [&str; 3] = [".cdx.json", ".spdx.json", ".cyclonedx.json"];

/// Names SBOM documents usually have.
pub fn is_sbom_name(file_name: &str) -> bool {
    let lower = file_name.to_ascii_lowercase();
    SBOM_SUFFIXES.iter().any(|end| lower.ends_with(end)) || lower == "bom.json" || lower == "sbom.json"
}

/// What an SBOM says about a component beyond its purl.
#[derive(Default)]
struct Hints {
    ecosystem: Option<String>,
    version: Option<String>,
    direct: Option<bool>,
    dev: Option<bool>,
    source_name: Option<String>,
    source_version: Option<String>,
}

struct Reader<'a> {
    path: &'a str,
    /// What the format calls its entries, for notes.
    entries: &'static str,
    /// The line where each purl first appears in the text.
    purl_lines: HashMap<String, u32>,
    inventory: FileInventory,
    without_purl: usize,
    /// Unsupported purl types and how many components had each.
    unsupported: BTreeMap<String, usize>,
    unparsable: usize,
    without_version: usize,
}

impl<'a> Reader<'a> {
    fn new(path: &'a str, text: &str, entries: &'static str) -> Reader<'a> {
        Reader {
            path,
            entries,
            purl_lines: purl_lines(text),
            inventory: FileInventory::default(),
            without_purl: 0,
            unsupported: BTreeMap::new(),
            unparsable: 0,
            without_version: 0,
        }
    }

    fn cyclonedx(&mut self, document: &Value) {
        let mut pending: Vec<&Value> = components(document).collect();
        pending.reverse();
        while let Some(component) = pending.pop() {
            let nested: Vec<&Value> = components(component).collect();
            pending.extend(nested.into_iter().rev());
            let Some(purl) = component.get("purl").and_then(Value::as_str) else {
                self.without_purl += 1;
                continue;
            };
            let mut hints = Hints {
                version: component.get("version").and_then(Value::as_str).map(str::to_string),
                ..Hints::default()
            };
            for property in component.get("properties").and_then(Value::as_array).into_iter().flatten() {
                let (Some(name), Some(value)) = (
                    property.get("name").and_then(Value::as_str),
                    property.get("value").and_then(Value::as_str),
                ) else {
                    continue;
                };
                match name {
                    "bosun:ecosystem" => hints.ecosystem = Some(value.to_string()),
                    "bosun:direct" => hints.direct = value.parse().ok(),
                    "bosun:dev" => hints.dev = value.parse().ok(),
                    "bosun:source-name" | "aquasecurity:trivy:SrcName" => {
                        hints.source_name = Some(value.into())
                    }
                    "bosun:source-version" | "aquasecurity:trivy:SrcVersion" => {
                        hints.source_version = Some(value.into())
                    }
                    _ => {}
                }
            }
            self.add(purl, hints);
        }
    }

    fn spdx(&mut self, document: &Value) {
        for package in document.get("packages").and_then(Value::as_array).into_iter().flatten() {
            let purl = package
                .get("externalRefs")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter(|r| r.get("referenceType").and_then(Value::as_str) == Some("purl"))
                .find_map(|r| r.get("referenceLocator").and_then(Value::as_str));
            let Some(purl) = purl else {
                self.without_purl += 1;
                continue;
            };
            let version = package.get("versionInfo").and_then(Value::as_str).map(str::to_string);
            self.add(purl, Hints { version, ..Hints::default() });
        }
    }

    fn add(&mut self, text: &str, hints: Hints) {
        let Some(purl) = Purl::parse(text) else {
            self.unparsable += 1;
            return;
        };
        let Some((ecosystem, name)) = purl.ecosystem_and_name() else {
            *self.unsupported.entry(purl.kind.clone()).or_default() += 1;
            return;
        };
        let Some(mut version) = purl.version.clone().or(hints.version).filter(|v| !v.is_empty()) else {
            self.without_version += 1;
            return;
        };
        if ecosystem == "Go" {
            version = version.strip_prefix('v').unwrap_or(&version).to_string();
        }
        let ecosystem = hints.ecosystem.unwrap_or(ecosystem);
        let line = self.purl_lines.get(text).copied().unwrap_or(1);
        let mut package = Package::new(&ecosystem, &name, &version, self.path, line);
        // The document's own purl, its scheme written the canonical way
        // (`Pkg:`/`PKG:` are accepted on input).
        package.purl = format!("pkg:{}", &text.trim()[4..]);
        package.direct = hints.direct;
        package.dev = hints.dev;
        let (upstream_name, upstream_version) = purl.upstream();
        package.source_name = hints.source_name.or(upstream_name);
        package.source_version = hints.source_version.or(upstream_version);
        if package.source_name.is_none() && (purl.kind == "deb" || purl.kind == "apk") {
            package.source_name = Some(name);
        }
        self.inventory.packages.push(package);
    }

    fn finish(mut self) -> FileInventory {
        let (notes, entries) = (&mut self.inventory.notes, self.entries);
        if self.without_purl > 0 {
            notes.push(format!("{} {entries} without a package URL (purl) were left out", self.without_purl));
        }
        for (kind, count) in &self.unsupported {
            notes.push(format!(
                "{count} {entries} of purl type `{kind}` were left out: no advisory database covers it"
            ));
        }
        if self.unparsable > 0 {
            notes.push(format!("{} {entries} with a malformed purl were left out", self.unparsable));
        }
        if self.without_version > 0 {
            notes.push(format!("{} {entries} without a version were left out", self.without_version));
        }
        self.inventory
    }
}

fn components(value: &Value) -> impl Iterator<Item = &Value> {
    value.get("components").and_then(Value::as_array).into_iter().flatten()
}

/// The line of the first string literal with each `pkg:` value: the text is
/// walked once, since parsed JSON keeps no positions.
fn purl_lines(text: &str) -> HashMap<String, u32> {
    let bytes = text.as_bytes();
    let mut lines = HashMap::new();
    let mut line = 1u32;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => line += 1,
            b'"' => {
                let start = i;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                if let Some(literal) = text.get(start..=i.min(bytes.len() - 1)) {
                    if literal[1..].starts_with("pkg:") {
                        let value = if literal.contains('\\') {
                            serde_json::from_str::<String>(literal).ok()
                        } else {
                            Some(literal[1..literal.len() - 1].to_string())
                        };
                        if let Some(value) = value {
                            lines.entry(value).or_insert(line);
                        }
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    lines
}

/// A package URL (`pkg:type/namespace/name@version?qualifiers#subpath`), its
/// parts percent-decoded.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Purl {
    pub kind: String,
    pub namespace: Option<String>,
    pub name: String,
    pub version: Option<String>,
    pub qualifiers: BTreeMap<String, String>,
}

impl Purl {
    pub(crate) fn parse(text: &str) -> Option<Purl> {
        let rest = text.trim();
        let scheme = rest.get(..4)?;
        if !scheme.eq_ignore_ascii_case("pkg:") {
            return None;
        }
        let rest = rest[4..].trim_start_matches('/');
        let rest = rest.split_once('#').map_or(rest, |(before, _)| before);
        let (rest, qualifier_text) = rest.split_once('?').unwrap_or((rest, ""));
        // `@` separates the version only after the last `/`: an unencoded
        // `@scope` namespace is not a version.
        let slash = rest.rfind('/').unwrap_or(0);
        let (rest, version) = match rest[slash..].rfind('@') {
            Some(at) => (&rest[..slash + at], Some(percent::decode(&rest[slash + at + 1..]))),
            None => (rest, None),
        };
        let (kind, path) = rest.split_once('/')?;
        let kind = kind.to_ascii_lowercase();
        if kind.is_empty() || !kind.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)) {
            return None;
        }
        let mut segments: Vec<String> =
            path.split('/').filter(|s| !s.is_empty() && *s != ".").map(percent::decode).collect();
        let name = segments.pop().filter(|name| !name.is_empty())?;
        let namespace = (!segments.is_empty()).then(|| segments.join("/"));
        let qualifiers = qualifier_text
            .split('&')
            .filter_map(|pair| pair.split_once('='))
            .filter(|(_, value)| !value.is_empty())
            .map(|(key, value)| (key.to_ascii_lowercase(), percent::decode(value)))
            .collect();
        Some(Purl { kind, namespace, name, version, qualifiers })
    }

    /// The OSV ecosystem and the name as it writes it; `None` for purl types
    /// no advisory database covers.
    fn ecosystem_and_name(&self) -> Option<(String, String)> {
        let namespace = self.namespace.as_deref();
        let joined = |separator: &str| match namespace {
            Some(namespace) => format!("{namespace}{separator}{}", self.name),
            None => self.name.clone(),
        };
        let distro = self.qualifiers.get("distro").map(String::as_str);
        let found = match self.kind.as_str() {
            "npm" => ("npm".to_string(), joined("/")),
            "pypi" => ("PyPI".into(), self.name.clone()),
            "maven" => ("Maven".into(), joined(":")),
            "golang" => ("Go".into(), joined("/")),
            "cargo" => ("crates.io".into(), self.name.clone()),
            "gem" => ("RubyGems".into(), self.name.clone()),
            "nuget" => ("NuGet".into(), self.name.clone()),
            "composer" => ("Packagist".into(), joined("/")),
            "hex" => ("Hex".into(), self.name.clone()),
            "pub" => ("Pub".into(), self.name.clone()),
            "deb" => {
                let ecosystem = match namespace.map(str::to_ascii_lowercase).as_deref() {
                    Some("ubuntu") => {
                        let release = distro.map(|d| d.trim_start_matches("ubuntu-"));
                        let release = release.filter(|r| r.starts_with(|c: char| c.is_ascii_digit()));
                        release.map_or("Ubuntu".into(), |release| ubuntu_ecosystem(release, false))
                    }
                    _ => distro.and_then(debian_ecosystem).unwrap_or_else(|| "Debian".into()),
                };
                (ecosystem, self.name.clone())
            }
            "apk" => {
                let ecosystem = match namespace.map(str::to_ascii_lowercase).as_deref() {
                    Some("wolfi") => "Wolfi".into(),
                    Some("chainguard") => "Chainguard".into(),
                    _ => distro.and_then(alpine_ecosystem).unwrap_or_else(|| "Alpine".into()),
                };
                (ecosystem, self.name.clone())
            }
            _ => return None,
        };
        Some(found)
    }

    /// The source package an OS package purl names in its `upstream`
    /// qualifier (`openssl`, or `util-linux@2.38.1-5` when versions differ).
    fn upstream(&self) -> (Option<String>, Option<String>) {
        match self.qualifiers.get("upstream") {
            Some(upstream) => match upstream.split_once('@') {
                Some((name, version)) => (Some(name.to_string()), Some(version.to_string())),
                None => (Some(upstream.clone()), None),
            },
            None => (None, None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{is_sbom_name, read, Purl};

    fn found(path: &str, text: &str) -> Vec<(String, String, String, u32)> {
        let inventory = read(path, text).expect("an SBOM").expect("readable");
        inventory.packages.into_iter().map(|p| (p.ecosystem, p.name, p.version, p.line)).collect()
    }

    fn package(ecosystem: &str, name: &str, version: &str, line: u32) -> (String, String, String, u32) {
        (ecosystem.into(), name.into(), version.into(), line)
    }

    const CYCLONEDX: &str = r#"{
  "bomFormat": "CycloneDX",
  "specVersion": "1.5",
  "metadata": { "component": { "name": "app", "type": "application" } },
  "components": [
    {
      "type": "library", "name": "lodash", "version": "4.17.20",
      "purl": "pkg:npm/lodash@4.17.20"
    },
    {
      "type": "library", "name": "core", "group": "@angular",
      "purl": "pkg:npm/%40angular/core@12.0.0",
      "components": [
        { "type": "library", "name": "jackson-databind", "purl": "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.9.8?type=jar" }
      ]
    },
    { "type": "library", "name": "x", "purl": "pkg:golang/github.com/gin-gonic/gin@v1.6.0" },
    { "type": "library", "name": "openssl", "purl": "pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&distro=debian-12.4",
      "properties": [ { "name": "aquasecurity:trivy:SrcName", "value": "openssl" } ] },
    { "type": "library", "name": "musl", "purl": "pkg:apk/alpine/musl@1.1.24-r2?arch=x86_64&distro=3.11.6" },
    { "type": "container", "name": "base", "purl": "pkg:docker/library/alpine@3.11" },
    { "type": "operating-system", "name": "alpine", "version": "3.11.6" }
  ]
}"#;

    #[test]
    fn purls_keep_the_canonical_scheme_whatever_case_the_document_uses() {
        let text = "{\"bomFormat\": \"CycloneDX\", \"components\": [{\"purl\": \"Pkg:nuget/ee@5\"}]}";
        let inventory = read("bom.json", text).unwrap().unwrap();
        assert_eq!(inventory.packages[0].purl, "pkg:nuget/ee@5");
        assert_eq!(inventory.packages[0].ecosystem, "NuGet");
    }

    #[test]
    fn cyclonedx_components_nested_ones_too_with_ecosystems_from_purls() {
        assert_eq!(
            found("bom.json", CYCLONEDX),
            [
                package("npm", "lodash", "4.17.20", 8),
                package("npm", "@angular/core", "12.0.0", 12),
                package("Maven", "com.fasterxml.jackson.core:jackson-databind", "2.9.8", 14),
                package("Go", "github.com/gin-gonic/gin", "1.6.0", 17),
                package("Debian:12", "libssl3", "3.0.11-1~deb12u2", 18),
                package("Alpine:v3.11", "musl", "1.1.24-r2", 20),
            ]
        );
        let inventory = read("bom.json", CYCLONEDX).unwrap().unwrap();
        assert_eq!(inventory.packages[4].source_name.as_deref(), Some("openssl"));
        assert_eq!(inventory.packages[5].source_name.as_deref(), Some("musl"));
        assert_eq!(
            inventory.notes,
            [
                "1 components without a package URL (purl) were left out",
                "1 components of purl type `docker` were left out: no advisory database covers it",
            ]
        );
    }

    #[test]
    fn spdx_packages_by_their_purl_references() {
        let spdx = r#"{
  "spdxVersion": "SPDX-2.3",
  "SPDXID": "SPDXRef-DOCUMENT",
  "packages": [
    { "SPDXID": "SPDXRef-root", "name": "repo" },
    {
      "SPDXID": "SPDXRef-1", "name": "requests", "versionInfo": "2.25.0",
      "externalRefs": [
        { "referenceCategory": "SECURITY", "referenceType": "cpe23Type", "referenceLocator": "cpe:2.3:a:python:requests" },
        { "referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl", "referenceLocator": "pkg:pypi/requests@2.25.0" }
      ]
    },
    { "SPDXID": "SPDXRef-2", "name": "laravel/framework", "versionInfo": "v5.6.3",
      "externalRefs": [ { "referenceType": "purl", "referenceLocator": "pkg:composer/laravel/framework" } ] }
  ]
}"#;
        assert_eq!(
            found("sbom.spdx.json", spdx),
            [
                package("PyPI", "requests", "2.25.0", 10),
                package("Packagist", "laravel/framework", "v5.6.3", 14)
            ]
        );
    }

    #[test]
    fn bosuns_own_properties_are_read_back() {
        let bom = r#"{"bomFormat": "CycloneDX", "components": [{"purl": "pkg:deb/libc6@2.36-9",
            "properties": [{"name": "bosun:ecosystem", "value": "Debian:12"}, {"name": "bosun:dev", "value": "false"},
            {"name": "bosun:direct", "value": "true"}, {"name": "bosun:source-name", "value": "glibc"}]}]}"#;
        let inventory = read("x.cdx.json", bom).unwrap().unwrap();
        let libc = &inventory.packages[0];
        assert_eq!((libc.ecosystem.as_str(), libc.dev, libc.direct), ("Debian:12", Some(false), Some(true)));
        assert_eq!(libc.source_name.as_deref(), Some("glibc"));
    }

    #[test]
    fn json_that_is_not_an_sbom_is_not_read_unless_named_as_one() {
        assert!(read("bom.json", r#"{"name": "something else"}"#).is_none());
        assert!(read("bom.json", "not json").is_none());
        assert!(read("app.cdx.json", "not json").unwrap().is_err());
        assert!(read("app.spdx.json", r#"{"name": "x"}"#).unwrap().is_err());
        assert!(read("app.spdx.json", r#"{"spdxVersion": "SPDX-3.0"}"#).unwrap().is_err());
        let spdx3 = r#"{"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld", "@graph": []}"#;
        assert!(read("app.spdx.json", spdx3).unwrap().unwrap_err().contains("SPDX 3"));
        assert!(read("bom.json", r#"{"bomFormat": "CycloneDX", "components": 7}"#)
            .unwrap()
            .unwrap()
            .packages
            .is_empty());
    }

    #[test]
    fn purls_parse_per_the_spec() {
        let purl = Purl::parse("pkg:deb/debian/curl@7.50.3-1?arch=i386&distro=jessie#sub/path").unwrap();
        assert_eq!(
            (purl.kind.as_str(), purl.namespace.as_deref(), purl.name.as_str()),
            ("deb", Some("debian"), "curl")
        );
        assert_eq!(purl.version.as_deref(), Some("7.50.3-1"));
        assert_eq!(purl.qualifiers.get("distro").map(String::as_str), Some("jessie"));
        let scoped = Purl::parse("pkg:npm/@babel/core").unwrap();
        assert_eq!((scoped.namespace.as_deref(), scoped.version), (Some("@babel"), None));
        let encoded = Purl::parse("pkg:deb/debian/util-linux-extra@2.38.1-5%2Bb1").unwrap();
        assert_eq!(encoded.version.as_deref(), Some("2.38.1-5+b1"));
        assert_eq!(Purl::parse("PKG:Maven/a/b@1").unwrap().kind, "maven");
        for bad in ["", "pkg:", "pkg:npm", "npm/lodash@1", "pkg:/lodash", "pkg:n pm/x@1", "pkg:npm/@1"] {
            assert_eq!(Purl::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn sbom_names() {
        for name in ["bom.json", "SBOM.json", "app.cdx.json", "app.spdx.json", "image.cyclonedx.json"] {
            assert!(is_sbom_name(name), "{name}");
        }
        assert!(!is_sbom_name("package.json"));
    }
}
