//! Checks an SBOM against the official schema in this folder, and against the
//! rules the schemas cannot express (identifiers unique, references pointing
//! at something). Included with `#[path]` by the tests of bosun-vuln (the
//! documents) and bosun (the command's output): tests of two crates share no
//! module otherwise.

use serde_json::Value;
use std::collections::HashSet;
use std::sync::OnceLock;

const CYCLONEDX: &str = include_str!("cyclonedx-bom-1.5.schema.json");
const CYCLONEDX_SPDX_LICENSES: &str = include_str!("cyclonedx-spdx-licenses.schema.json");
const CYCLONEDX_JSF: &str = include_str!("jsf-0.82.schema.json");
const SPDX: &str = include_str!("spdx-2.3.schema.json");

fn json(text: &str) -> Value {
    serde_json::from_str(text).expect("schema is JSON")
}

/// The CycloneDX 1.5 validator (draft-07). The bom schema refers to its two
/// companions relatively; this copy (from cyclonedx-python-lib) names them
/// `spdx.SNAPSHOT.schema.json` and `jsf-0.82.SNAPSHOT.schema.json`, the
/// published one without `.SNAPSHOT`, so each is registered under both names
/// besides its `$id`. `offline`: a reference missing from the registry fails
/// the build rather than being fetched.
pub fn cyclonedx_validator() -> &'static jsonschema::Validator {
    static VALIDATOR: OnceLock<jsonschema::Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| {
        let base = "http://cyclonedx.org/schema/";
        let registry = jsonschema::Registry::new()
            .add(format!("{base}spdx.schema.json"), json(CYCLONEDX_SPDX_LICENSES))
            .and_then(|r| r.add(format!("{base}spdx.SNAPSHOT.schema.json"), json(CYCLONEDX_SPDX_LICENSES)))
            .and_then(|r| r.add(format!("{base}jsf-0.82.schema.json"), json(CYCLONEDX_JSF)))
            .and_then(|r| r.add(format!("{base}jsf-0.82.SNAPSHOT.schema.json"), json(CYCLONEDX_JSF)))
            .and_then(|r| r.prepare())
            .expect("companion schemas register");
        jsonschema::draft7::options()
            .offline()
            .with_registry(&registry)
            .should_validate_formats(true)
            .build(&json(CYCLONEDX))
            .expect("CycloneDX schema compiles")
    })
}

/// The SPDX 2.3 validator (2019-09); the schema refers only to itself.
pub fn spdx_validator() -> &'static jsonschema::Validator {
    static VALIDATOR: OnceLock<jsonschema::Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| {
        jsonschema::draft201909::options()
            .offline()
            .should_validate_formats(true)
            .build(&json(SPDX))
            .expect("SPDX schema compiles")
    })
}

fn schema_errors(validator: &jsonschema::Validator, document: &Value) -> Vec<String> {
    validator.iter_errors(document).map(|e| format!("{e} at {}", e.instance_path())).collect()
}

/// Everything wrong with a CycloneDX 1.5 document; empty when it is valid.
pub fn cyclonedx_problems(document: &Value) -> Vec<String> {
    let mut problems = schema_errors(cyclonedx_validator(), document);
    let mut refs = HashSet::new();
    let root = &document["metadata"]["component"]["bom-ref"];
    let components = document["components"].as_array().into_iter().flatten();
    for id in std::iter::once(root).chain(components.map(|c| &c["bom-ref"])) {
        match id.as_str() {
            Some(id) if !refs.insert(id) => problems.push(format!("bom-ref {id} is not unique")),
            Some(_) => {}
            None => problems.push("a component has no bom-ref".into()),
        }
    }
    for dependency in document["dependencies"].as_array().into_iter().flatten() {
        let targets = dependency["dependsOn"].as_array().into_iter().flatten();
        for id in std::iter::once(&dependency["ref"]).chain(targets) {
            if !id.as_str().is_some_and(|id| refs.contains(id)) {
                problems.push(format!("dependency on {id}, which no component is"));
            }
        }
    }
    problems
}

/// Everything wrong with an SPDX 2.3 document; empty when it is valid. The
/// schema leaves identifiers, dates and references unchecked; the
/// specification's rules for them are checked here.
pub fn spdx_problems(document: &Value) -> Vec<String> {
    let mut problems = schema_errors(spdx_validator(), document);
    let mut ids = HashSet::new();
    let packages = document["packages"].as_array().into_iter().flatten();
    for id in std::iter::once(&document["SPDXID"]).chain(packages.map(|p| &p["SPDXID"])) {
        let Some(id) = id.as_str() else {
            problems.push("an element has no SPDXID".into());
            continue;
        };
        let valid = id.strip_prefix("SPDXRef-").is_some_and(|rest| {
            !rest.is_empty() && rest.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
        });
        if !valid {
            problems.push(format!("SPDXID {id} is not SPDXRef- followed by letters, digits, . and -"));
        }
        if !ids.insert(id) {
            problems.push(format!("SPDXID {id} is not unique"));
        }
    }
    for relationship in document["relationships"].as_array().into_iter().flatten() {
        for end in ["spdxElementId", "relatedSpdxElement"] {
            if !relationship[end].as_str().is_some_and(|id| ids.contains(id)) {
                problems.push(format!("relationship {end} {} names no element", relationship[end]));
            }
        }
    }
    let created = document["creationInfo"]["created"].as_str().unwrap_or_default();
    let shape_ok = created.len() == 20
        && created.ends_with('Z')
        && created.parse::<jiff::Timestamp>().is_ok()
        && !created.contains('.');
    if !shape_ok {
        problems.push(format!("created {created:?} is not YYYY-MM-DDThh:mm:ssZ"));
    }
    let namespace = document["documentNamespace"].as_str().unwrap_or_default();
    if !namespace.starts_with("https://") || namespace.contains('#') || namespace.contains(' ') {
        problems.push(format!("documentNamespace {namespace:?} is not an https URI without a fragment"));
    }
    for package in document["packages"].as_array().into_iter().flatten() {
        for reference in package["externalRefs"].as_array().into_iter().flatten() {
            let locator = reference["referenceLocator"].as_str().unwrap_or_default();
            if reference["referenceType"] == "purl" && (!locator.starts_with("pkg:") || locator.contains(' '))
            {
                problems.push(format!("purl locator {locator:?} is not a purl"));
            }
        }
    }
    problems
}
