//! SPDX 2.3 JSON. The document DESCRIBES one package standing for the scanned
//! tree, which CONTAINS every entry; it also DEPENDS_ON the entries a lockfile
//! marks direct, and a direct development-only entry is a DEV_DEPENDENCY_OF
//! it instead. Each entry names its purl as a PACKAGE-MANAGER reference and the
//! file and lines that list it in `sourceInfo`. Nothing is downloaded or
//! looked at beyond the lockfiles, so the download location and licences are
//! left unasserted (SPDX 2.3 lets licences be left out).

use super::{DocumentMeta, Entry, UniqueIds};
use crate::inventory::percent;
use serde_json::{json, Value};

const DOCUMENT_ID: &str = "SPDXRef-DOCUMENT";
/// Where document namespaces are minted when a tool has no domain for them,
/// as the SPDX tools do.
const NAMESPACE_BASE: &str = "https://spdx.org/spdxdocs";

pub(super) fn document(entries: &[Entry], meta: &DocumentMeta) -> Value {
    let mut ids = UniqueIds::default();
    ids.claim(DOCUMENT_ID.into());
    let root = ids.claim(format!("SPDXRef-Application-{}", id_part(meta.subject_name())));

    let mut packages = vec![json!({
        "SPDXID": root,
        "name": meta.subject_name(),
        "downloadLocation": "NOASSERTION",
        "filesAnalyzed": false,
        "primaryPackagePurpose": "APPLICATION",
    })];
    let mut relationships = vec![relationship(DOCUMENT_ID, "DESCRIBES", &root)];
    for entry in entries {
        let package = entry.package;
        let id = ids.claim(format!(
            "SPDXRef-Package-{}-{}-{}",
            id_part(&package.ecosystem),
            id_part(&package.name),
            id_part(&package.version)
        ));
        packages.push(spdx_package(entry, &id));
        relationships.push(relationship(&root, "CONTAINS", &id));
        match (entry.direct, entry.dev) {
            (Some(true), Some(true)) => relationships.push(relationship(&id, "DEV_DEPENDENCY_OF", &root)),
            (Some(true), _) => relationships.push(relationship(&root, "DEPENDS_ON", &id)),
            _ => {}
        }
    }

    json!({
        "spdxVersion": "SPDX-2.3",
        "dataLicense": "CC0-1.0",
        "SPDXID": DOCUMENT_ID,
        "name": meta.subject_name(),
        "documentNamespace": format!(
            "{NAMESPACE_BASE}/{}/{}-{}",
            uri_part(&meta.tool_name),
            uri_part(meta.subject_name()),
            meta.uuid_text()
        ),
        "creationInfo": {
            "created": meta.created(),
            "creators": [format!("Tool: {}-{}", meta.tool_name, meta.tool_version)],
        },
        "packages": packages,
        "relationships": relationships,
    })
}

fn spdx_package(entry: &Entry, id: &str) -> Value {
    let package = entry.package;
    let mut source_info = format!("listed in {}", entry.locations().collect::<Vec<_>>().join(", "));
    if let Some(source) = &package.source_name {
        source_info.push_str(&format!("; built from source package {source}"));
        if let Some(version) = &package.source_version {
            source_info.push_str(&format!(" {version}"));
        }
    }
    let mut value = json!({
        "SPDXID": id,
        "name": package.name,
        "versionInfo": package.version,
        "downloadLocation": "NOASSERTION",
        "filesAnalyzed": false,
        "primaryPackagePurpose": "LIBRARY",
        "sourceInfo": source_info,
    });
    if !entry.purl.is_empty() {
        value["externalRefs"] = json!([{
            "referenceCategory": "PACKAGE-MANAGER",
            "referenceType": "purl",
            "referenceLocator": entry.purl,
        }]);
    }
    if entry.dev == Some(true) {
        value["comment"] = "development-only dependency".into();
    }
    value
}

fn relationship(element: &str, kind: &str, related: &str) -> Value {
    json!({ "spdxElementId": element, "relationshipType": kind, "relatedSpdxElement": related })
}

/// SPDX identifiers allow letters, digits, `.` and `-` after `SPDXRef-`.
fn id_part(text: &str) -> String {
    text.chars().map(|c| if c.is_ascii_alphanumeric() || c == '.' || c == '-' { c } else { '-' }).collect()
}

/// Percent-encodes all but RFC 3986's unreserved characters: a subject may be
/// any directory name, and the namespace must stay one URI without a `#`.
fn uri_part(text: &str) -> String {
    percent::encode(text, b"")
}

#[cfg(test)]
mod tests {
    use super::super::{spdx, DocumentMeta};
    use super::{id_part, uri_part};
    use crate::inventory::Package;
    use serde_json::json;

    fn meta(subject: &str) -> DocumentMeta {
        DocumentMeta {
            subject: subject.into(),
            tool_name: "bosun".into(),
            tool_version: "9.8.7".into(),
            timestamp: "2024-05-01T12:00:00Z".parse().unwrap(),
            uuid: [0x01; 16],
        }
    }

    #[test]
    fn identifiers_and_namespace_parts_keep_to_their_alphabets() {
        assert_eq!(id_part("@babel/core"), "-babel-core");
        assert_eq!(id_part("Debian:12"), "Debian-12");
        assert_eq!(id_part("1.2.3+build~rc é"), "1.2.3-build-rc--");
        assert_eq!(uri_part("my app#1/é"), "my%20app%231%2F%C3%A9");
    }

    #[test]
    fn document_creation_info_and_namespace() {
        let doc = spdx(&[], &meta("my shop"));
        assert_eq!(doc["SPDXID"], "SPDXRef-DOCUMENT");
        assert_eq!(doc["name"], "my shop");
        assert_eq!(
            doc["documentNamespace"],
            "https://spdx.org/spdxdocs/bosun/my%20shop-01010101-0101-0101-0101-010101010101"
        );
        assert_eq!(
            doc["creationInfo"],
            json!({ "created": "2024-05-01T12:00:00Z", "creators": ["Tool: bosun-9.8.7"] })
        );
        assert_eq!(doc["packages"][0]["SPDXID"], "SPDXRef-Application-my-shop");
        assert_eq!(
            doc["relationships"],
            json!([{ "spdxElementId": "SPDXRef-DOCUMENT", "relationshipType": "DESCRIBES", "relatedSpdxElement": "SPDXRef-Application-my-shop" }])
        );
    }

    #[test]
    fn packages_and_their_relationships_to_the_application() {
        let mut gin = Package::new("Go", "github.com/gin-gonic/gin", "1.9.1", "go.mod", 5);
        gin.direct = Some(true);
        let mut lint = Package::new("npm", "eslint", "8.0.0", "package-lock.json", 9);
        lint.direct = Some(true);
        lint.dev = Some(true);
        let mut libc = Package::new("Debian:12", "libc6", "2.36-9", "var/lib/dpkg/status", 20);
        libc.source_name = Some("glibc".into());
        libc.source_version = Some("2.36-9+deb12u1".into());
        let doc = spdx(&[lint, libc, gin], &meta("app"));

        let packages = doc["packages"].as_array().unwrap();
        let ids: Vec<&str> = packages.iter().map(|p| p["SPDXID"].as_str().unwrap()).collect();
        assert_eq!(
            ids,
            [
                "SPDXRef-Application-app",
                "SPDXRef-Package-Debian-12-libc6-2.36-9",
                "SPDXRef-Package-Go-github.com-gin-gonic-gin-1.9.1",
                "SPDXRef-Package-npm-eslint-8.0.0",
            ],
            "ordered by purl: deb, golang, npm"
        );
        assert_eq!(
            packages[1],
            json!({
                "SPDXID": "SPDXRef-Package-Debian-12-libc6-2.36-9",
                "name": "libc6",
                "versionInfo": "2.36-9",
                "downloadLocation": "NOASSERTION",
                "filesAnalyzed": false,
                "primaryPackagePurpose": "LIBRARY",
                "sourceInfo": "listed in var/lib/dpkg/status:20; built from source package glibc 2.36-9+deb12u1",
                "externalRefs": [{
                    "referenceCategory": "PACKAGE-MANAGER",
                    "referenceType": "purl",
                    "referenceLocator": "pkg:deb/libc6@2.36-9",
                }],
            })
        );
        assert_eq!(packages[3]["comment"], "development-only dependency");

        let relationships: Vec<(String, String, String)> = doc["relationships"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                let field = |name: &str| r[name].as_str().unwrap().trim_start_matches("SPDXRef-").to_string();
                (field("spdxElementId"), field("relationshipType"), field("relatedSpdxElement"))
            })
            .collect();
        let expected: Vec<(String, String, String)> = [
            ("DOCUMENT", "DESCRIBES", "Application-app"),
            ("Application-app", "CONTAINS", "Package-Debian-12-libc6-2.36-9"),
            ("Application-app", "CONTAINS", "Package-Go-github.com-gin-gonic-gin-1.9.1"),
            ("Application-app", "DEPENDS_ON", "Package-Go-github.com-gin-gonic-gin-1.9.1"),
            ("Application-app", "CONTAINS", "Package-npm-eslint-8.0.0"),
            ("Package-npm-eslint-8.0.0", "DEV_DEPENDENCY_OF", "Application-app"),
        ]
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect();
        assert_eq!(relationships, expected);
    }

    #[test]
    fn ids_that_sanitise_alike_stay_distinct() {
        let a = Package::new("npm", "@a/b", "1.0.0", "package-lock.json", 3);
        let b = Package::new("npm", "-a-b", "1.0.0", "package-lock.json", 8);
        let c = Package::new("npm", "@a/b", "1.0.0", "other/package-lock.json", 3);
        let doc = spdx(&[a, b, c], &meta("DOCUMENT"));
        let ids: Vec<&str> =
            doc["packages"].as_array().unwrap().iter().map(|p| p["SPDXID"].as_str().unwrap()).collect();
        assert_eq!(
            ids,
            [
                "SPDXRef-Application-DOCUMENT",
                "SPDXRef-Package-npm--a-b-1.0.0",
                "SPDXRef-Package-npm--a-b-1.0.0-2",
                "SPDXRef-Package-npm--a-b-1.0.0-3",
            ]
        );
    }
}
