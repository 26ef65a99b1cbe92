//! CycloneDX 1.5 JSON. The scanned tree is `metadata.component` (an
//! application); each entry is a `library` component whose `bom-ref` is its
//! purl, or its purl and file when several files list that purl. What the
//! format has no field for goes into `bosun:` properties: every `path:line`
//! that lists the package, its OSV ecosystem, and whether it is direct or
//! development-only when the lockfile says. The dependency graph holds what is
//! known: the application's direct dependencies; lockfiles' package-to-package
//! edges are not read, so packages get no `dependencies` entry of their own
//! (an empty one would claim they have none).

use super::{DocumentMeta, Entry, UniqueIds};
use serde_json::{json, Value};

const SCHEMA: &str = "http://cyclonedx.org/schema/bom-1.5.schema.json";

pub(super) fn document(entries: &[Entry], meta: &DocumentMeta) -> Value {
    let mut ids = UniqueIds::default();
    let refs: Vec<String> = entries.iter().map(|entry| ids.claim(bom_ref(entry))).collect();
    let root = ids.claim(meta.subject_name().to_string());

    let components: Vec<Value> = entries.iter().zip(&refs).map(|(entry, id)| component(entry, id)).collect();
    let direct: Vec<&String> =
        entries.iter().zip(&refs).filter(|(entry, _)| entry.direct == Some(true)).map(|(_, id)| id).collect();
    let dependencies =
        if direct.is_empty() { vec![] } else { vec![json!({ "ref": root, "dependsOn": direct })] };

    json!({
        "$schema": SCHEMA,
        "bomFormat": "CycloneDX",
        "specVersion": "1.5",
        "serialNumber": format!("urn:uuid:{}", meta.uuid_text()),
        "version": 1,
        "metadata": {
            "timestamp": meta.created(),
            "tools": {
                "components": [{
                    "type": "application",
                    "name": meta.tool_name,
                    "version": meta.tool_version,
                }],
            },
            "component": {
                "type": "application",
                "bom-ref": root,
                "name": meta.subject_name(),
            },
        },
        "components": components,
        "dependencies": dependencies,
    })
}

/// The purl names the package; the file is added only when it must be to
/// tell two entries apart.
fn bom_ref(entry: &Entry) -> String {
    let package = entry.package;
    let base = if entry.purl.is_empty() {
        format!("{}:{}@{}", package.ecosystem, package.name, package.version)
    } else {
        entry.purl.clone()
    };
    if entry.shared_purl {
        format!("{base}|{}", package.path)
    } else {
        base
    }
}

fn component(entry: &Entry, id: &str) -> Value {
    let package = entry.package;
    let (group, name) = group_and_name(&package.ecosystem, &package.name);
    let mut properties: Vec<Value> =
        entry.locations().map(|location| json!({ "name": "bosun:path", "value": location })).collect();
    properties.push(json!({ "name": "bosun:ecosystem", "value": package.ecosystem }));
    for (name, value) in [("bosun:direct", entry.direct), ("bosun:dev", entry.dev)] {
        if let Some(value) = value {
            properties.push(json!({ "name": name, "value": value.to_string() }));
        }
    }
    if let Some(source) = &package.source_name {
        properties.push(json!({ "name": "bosun:source-name", "value": source }));
    }
    if let Some(version) = &package.source_version {
        properties.push(json!({ "name": "bosun:source-version", "value": version }));
    }

    let mut component = json!({
        "type": "library",
        "bom-ref": id,
        "name": name,
        "version": package.version,
        "evidence": { "occurrences": [{ "location": package.path }] },
        "properties": properties,
    });
    if let Some(group) = group {
        component["group"] = group.into();
    }
    if !entry.purl.is_empty() {
        component["purl"] = entry.purl.clone().into();
    }
    // "Excluded" is CycloneDX's word for what is used only to build and test.
    if entry.dev == Some(true) {
        component["scope"] = "excluded".into();
    }
    component
}

/// CycloneDX keeps a namespace apart from the name: Maven's group, npm's
/// scope (with its `@`), a Composer vendor. Other names stay whole (a Go
/// module path is its name).
fn group_and_name<'a>(ecosystem: &str, name: &'a str) -> (Option<&'a str>, &'a str) {
    let split = match ecosystem {
        "Maven" => name.split_once(':'),
        "npm" if name.starts_with('@') => name.split_once('/'),
        "Packagist" => name.split_once('/'),
        _ => None,
    };
    match split {
        Some((group, rest)) if !group.is_empty() && !rest.is_empty() => (Some(group), rest),
        _ => (None, name),
    }
}

#[cfg(test)]
mod tests {
    use super::super::{cyclonedx, DocumentMeta};
    use super::group_and_name;
    use crate::inventory::Package;

    fn meta() -> DocumentMeta {
        DocumentMeta {
            subject: "shop".into(),
            tool_name: "bosun".into(),
            tool_version: "9.8.7".into(),
            timestamp: "2024-05-01T12:00:00Z".parse().unwrap(),
            uuid: [0xab; 16],
        }
    }

    #[test]
    fn namespaces_become_groups() {
        assert_eq!(
            group_and_name("Maven", "org.apache.logging.log4j:log4j-core"),
            (Some("org.apache.logging.log4j"), "log4j-core")
        );
        assert_eq!(group_and_name("npm", "@babel/core"), (Some("@babel"), "core"));
        assert_eq!(group_and_name("npm", "left-pad"), (None, "left-pad"));
        assert_eq!(group_and_name("Packagist", "symfony/console"), (Some("symfony"), "console"));
        assert_eq!(group_and_name("Go", "github.com/a/b"), (None, "github.com/a/b"));
        assert_eq!(group_and_name("Maven", ":odd"), (None, ":odd"), "no empty group");
    }

    #[test]
    fn components_properties_and_root_dependencies() {
        let mut core = Package::new("Maven", "org.example:core", "1.0", "pom.xml", 12);
        core.direct = Some(true);
        let mut jest = Package::new("npm", "@jest/core", "29.7.0", "web/package-lock.json", 30);
        jest.direct = Some(false);
        jest.dev = Some(true);
        let doc = cyclonedx(&[jest, core], &meta());

        assert_eq!(doc["serialNumber"], "urn:uuid:abababab-abab-abab-abab-abababababab");
        assert_eq!(doc["metadata"]["timestamp"], "2024-05-01T12:00:00Z");
        assert_eq!(doc["metadata"]["tools"]["components"][0]["version"], "9.8.7");
        assert_eq!(doc["metadata"]["component"]["bom-ref"], "shop");

        let components = doc["components"].as_array().unwrap();
        assert_eq!(components.len(), 2);
        let maven = &components[0];
        assert_eq!(maven["bom-ref"], "pkg:maven/org.example/core@1.0");
        assert_eq!((maven["group"].as_str(), maven["name"].as_str()), (Some("org.example"), Some("core")));
        assert_eq!(maven.get("scope"), None);
        let npm = &components[1];
        assert_eq!(npm["group"], "@jest");
        assert_eq!(npm["scope"], "excluded");
        assert_eq!(
            npm["properties"],
            serde_json::json!([
                { "name": "bosun:path", "value": "web/package-lock.json:30" },
                { "name": "bosun:ecosystem", "value": "npm" },
                { "name": "bosun:direct", "value": "false" },
                { "name": "bosun:dev", "value": "true" },
            ])
        );
        assert_eq!(npm["evidence"]["occurrences"][0]["location"], "web/package-lock.json");

        assert_eq!(
            doc["dependencies"],
            serde_json::json!([{ "ref": "shop", "dependsOn": ["pkg:maven/org.example/core@1.0"] }])
        );
    }

    #[test]
    fn no_dependency_graph_when_no_format_says_what_is_direct() {
        let doc = cyclonedx(&[Package::new("crates.io", "serde", "1.0.0", "Cargo.lock", 3)], &meta());
        assert_eq!(doc["dependencies"], serde_json::json!([]));
    }

    #[test]
    fn a_purl_listed_by_two_files_is_two_components_with_distinct_refs() {
        let a = Package::new("PyPI", "requests", "2.31.0", "a/requirements.txt", 1);
        let b = Package::new("PyPI", "requests", "2.31.0", "b/requirements.txt", 4);
        let doc = cyclonedx(&[b, a], &meta());
        let refs: Vec<&str> =
            doc["components"].as_array().unwrap().iter().map(|c| c["bom-ref"].as_str().unwrap()).collect();
        assert_eq!(
            refs,
            ["pkg:pypi/requests@2.31.0|a/requirements.txt", "pkg:pypi/requests@2.31.0|b/requirements.txt"]
        );
    }

    #[test]
    fn the_root_never_takes_a_package_ref() {
        let mut m = meta();
        m.subject = "pkg:cargo/serde@1.0.0".into();
        let doc = cyclonedx(&[Package::new("crates.io", "serde", "1.0.0", "Cargo.lock", 3)], &m);
        assert_eq!(doc["components"][0]["bom-ref"], "pkg:cargo/serde@1.0.0");
        assert_eq!(doc["metadata"]["component"]["bom-ref"], "pkg:cargo/serde@1.0.0-2");
        assert_eq!(doc["metadata"]["component"]["name"], "pkg:cargo/serde@1.0.0");
    }
}
