//! The SBOM documents against the official CycloneDX 1.5 and SPDX 2.3 schemas
//! (copied into `schemas/`, so nothing is fetched), for packages of every kind
//! the readers produce and names no reader should produce but one might.

#[path = "../schemas/validate.rs"]
mod validate;

use bosun_vuln::inventory::Package;
use bosun_vuln::sbom::{self, DocumentMeta};
use serde_json::Value;

fn meta() -> DocumentMeta {
    DocumentMeta {
        subject: "shop (main)".into(),
        tool_name: "bosun".into(),
        tool_version: "0.1.0".into(),
        timestamp: "2024-05-01T12:00:00.5Z".parse().unwrap(),
        uuid: [0x5a; 16],
    }
}

fn with(mut package: Package, direct: Option<bool>, dev: Option<bool>) -> Package {
    package.direct = direct;
    package.dev = dev;
    package
}

/// One of each: scoped npm, Maven, PyPI, Go, crates.io, Debian with purl
/// qualifiers and a source package, Alpine, NuGet, Packagist; the same purl in
/// two files and twice in one; and names with spaces, quotes, non-ASCII,
/// separators the formats' identifiers do not allow, and an empty purl.
fn variety() -> Vec<Package> {
    let mut openssl = Package::new("Debian:12", "openssl", "3.0.11-1~deb12u2", "var/lib/dpkg/status", 120);
    openssl.purl = "pkg:deb/debian/openssl@3.0.11-1~deb12u2?arch=amd64&distro=debian-12".into();
    openssl.source_name = Some("openssl".into());
    openssl.source_version = Some("3.0.11-1~deb12u2".into());
    let mut busybox = Package::new("Alpine:v3.20", "busybox", "1.36.1-r29", "lib/apk/db/installed", 1);
    busybox.source_name = Some("busybox".into());
    let mut no_purl = Package::new("Hex", "plug", "1.15.0", "mix.lock", 2);
    no_purl.purl.clear();
    vec![
        with(
            Package::new("npm", "@babel/core", "7.24.0", "web/package-lock.json", 10),
            Some(true),
            Some(true),
        ),
        with(
            Package::new("npm", "@babel/core", "7.24.0", "web/package-lock.json", 300),
            Some(false),
            Some(true),
        ),
        with(
            Package::new("npm", "@babel/core", "7.24.0", "admin/package-lock.json", 8),
            Some(true),
            Some(false),
        ),
        with(Package::new("npm", "left-pad", "1.3.0", "web/package-lock.json", 40), Some(false), Some(false)),
        with(
            Package::new("Maven", "org.apache.logging.log4j:log4j-core", "2.14.1", "pom.xml", 30),
            Some(true),
            None,
        ),
        with(Package::new("PyPI", "Django_REST.framework", "3.15.1", "requirements.txt", 3), None, None),
        with(Package::new("Go", "github.com/gin-gonic/gin", "1.9.1", "go.mod", 5), Some(true), None),
        with(Package::new("Go", "golang.org/x/net", "0.17.0", "go.mod", 9), Some(false), None),
        Package::new("crates.io", "serde", "1.0.200", "Cargo.lock", 100),
        Package::new("NuGet", "Newtonsoft.Json", "13.0.3", "src/App/packages.lock.json", 7),
        Package::new("Packagist", "symfony/console", "v6.4.0", "composer.lock", 50),
        openssl,
        busybox,
        no_purl,
        Package::new("npm", "we\"ird name é/✓", "1.0.0 beta+build", "odd dir/package-lock.json", 1),
        Package::new("PyPI", "#hash&amp", "1!2.0.post1", "requirements-dev.txt", 4),
    ]
}

fn assert_valid(problems: Vec<String>, document: &Value) {
    assert!(
        problems.is_empty(),
        "document breaks its schema:\n{}\n{}",
        problems.join("\n"),
        serde_json::to_string_pretty(document).unwrap()
    );
}

#[test]
fn cyclonedx_validates_against_the_1_5_schema() {
    let document = sbom::cyclonedx(&variety(), &meta());
    assert_valid(validate::cyclonedx_problems(&document), &document);
    assert_eq!(
        document["components"].as_array().unwrap().len(),
        15,
        "16 packages, two lines of one file merged"
    );
}

#[test]
fn spdx_validates_against_the_2_3_schema() {
    let document = sbom::spdx(&variety(), &meta());
    assert_valid(validate::spdx_problems(&document), &document);
    assert_eq!(document["packages"].as_array().unwrap().len(), 16, "the application and 15 entries");
}

#[test]
fn empty_inventories_still_make_valid_documents() {
    let document = sbom::cyclonedx(&[], &meta());
    assert_valid(validate::cyclonedx_problems(&document), &document);
    let document = sbom::spdx(&[], &meta());
    assert_valid(validate::spdx_problems(&document), &document);
}

#[test]
fn the_validators_do_reject_broken_documents() {
    let mut document = sbom::cyclonedx(&variety(), &meta());
    document.as_object_mut().unwrap().remove("bomFormat");
    document["components"][0]["type"] = "librarie".into();
    document["serialNumber"] = "urn:uuid:not-a-uuid".into();
    let errors = validate::cyclonedx_validator().iter_errors(&document).count();
    assert_eq!(errors, 3, "missing bomFormat, unknown type, bad serial number");

    let mut document = sbom::cyclonedx(&variety(), &meta());
    document["components"][0]["licenses"] = serde_json::json!([{ "license": { "id": "Not-A-Licence" } }]);
    assert_eq!(
        validate::cyclonedx_validator().iter_errors(&document).count(),
        1,
        "the SPDX licence list the bom schema refers to is loaded and used"
    );

    let mut document = sbom::spdx(&variety(), &meta());
    document.as_object_mut().unwrap().remove("spdxVersion");
    document["packages"][1]["filesAnalyzed"] = "no".into();
    document["relationships"][0]["relationshipType"] = "LIKES".into();
    assert_eq!(validate::spdx_validator().iter_errors(&document).count(), 3);
}

#[test]
fn the_cyclonedx_schema_cannot_be_built_without_its_companions() {
    let schema: Value =
        serde_json::from_str(include_str!("../schemas/cyclonedx-bom-1.5.schema.json")).unwrap();
    let built = jsonschema::draft7::options().offline().build(&schema);
    assert!(built.is_err(), "it refers to spdx and jsf schemas, so registering them is what makes it work");
}

#[test]
fn the_reference_checks_catch_what_the_schemas_let_through() {
    let mut document = sbom::cyclonedx(&variety(), &meta());
    document["components"][1]["bom-ref"] = document["components"][0]["bom-ref"].clone();
    document["dependencies"][0]["dependsOn"][0] = "pkg:npm/nowhere@1".into();
    let problems = validate::cyclonedx_problems(&document);
    assert!(problems.iter().any(|p| p.contains("is not unique")), "{problems:?}");
    assert!(problems.iter().any(|p| p.contains("pkg:npm/nowhere@1")), "{problems:?}");

    let mut document = sbom::spdx(&variety(), &meta());
    document["packages"][2]["SPDXID"] = "SPDXRef-has space".into();
    document["creationInfo"]["created"] = "2024-05-01 12:00".into();
    let problems = validate::spdx_problems(&document);
    assert!(problems.iter().any(|p| p.contains("SPDXRef-has space is not SPDXRef-")), "{problems:?}");
    assert!(problems.iter().any(|p| p.contains("names no element")), "{problems:?}");
    assert!(problems.iter().any(|p| p.contains("created")), "{problems:?}");
}

#[test]
fn documents_do_not_depend_on_the_order_packages_come_in() {
    let mut reversed = variety();
    reversed.reverse();
    assert_eq!(sbom::cyclonedx(&variety(), &meta()), sbom::cyclonedx(&reversed, &meta()));
    assert_eq!(sbom::spdx(&variety(), &meta()), sbom::spdx(&reversed, &meta()));
}

#[test]
fn every_package_keeps_its_name_version_purl_and_location() {
    let document = sbom::cyclonedx(&variety(), &meta());
    let components = document["components"].as_array().unwrap();
    let find = |purl: &str| components.iter().find(|c| c["purl"] == purl).unwrap_or_else(|| panic!("{purl}"));

    let openssl = find("pkg:deb/debian/openssl@3.0.11-1~deb12u2?arch=amd64&distro=debian-12");
    assert_eq!(
        (openssl["name"].as_str(), openssl["version"].as_str()),
        (Some("openssl"), Some("3.0.11-1~deb12u2"))
    );
    let log4j = find("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1");
    assert_eq!(log4j["group"], "org.apache.logging.log4j");
    assert_eq!(log4j["name"], "log4j-core");
    let weird = find("pkg:npm/we%22ird%20name%20%C3%A9/%E2%9C%93@1.0.0%20beta+build");
    assert_eq!(weird["name"], "we\"ird name é/✓", "the name itself is kept as it is");
    assert_eq!(weird["properties"][0]["value"], "odd dir/package-lock.json:1");

    let babel: Vec<&Value> = components.iter().filter(|c| c["name"] == "core").collect();
    let refs: Vec<&str> = babel.iter().map(|c| c["bom-ref"].as_str().unwrap()).collect();
    assert_eq!(
        refs,
        [
            "pkg:npm/%40babel/core@7.24.0|admin/package-lock.json",
            "pkg:npm/%40babel/core@7.24.0|web/package-lock.json"
        ]
    );
    let web_paths: Vec<&str> = babel[1]["properties"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["name"] == "bosun:path")
        .map(|p| p["value"].as_str().unwrap())
        .collect();
    assert_eq!(web_paths, ["web/package-lock.json:10", "web/package-lock.json:300"]);
    assert_eq!(babel[1]["scope"], "excluded");
    assert_eq!(babel[0].get("scope"), None, "admin uses it in production");

    let plug = components.iter().find(|c| c["name"] == "plug").unwrap();
    assert_eq!(plug.get("purl"), None);
    assert_eq!(plug["bom-ref"], "Hex:plug@1.15.0");

    let root_deps = &document["dependencies"][0];
    assert_eq!(root_deps["ref"], "shop (main)");
    let direct: Vec<&str> =
        root_deps["dependsOn"].as_array().unwrap().iter().map(|r| r.as_str().unwrap()).collect();
    assert_eq!(
        direct,
        [
            "pkg:golang/github.com/gin-gonic/gin@1.9.1",
            "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1",
            "pkg:npm/%40babel/core@7.24.0|admin/package-lock.json",
            "pkg:npm/%40babel/core@7.24.0|web/package-lock.json",
        ]
    );
}

/// What bosun writes, its own SBOM reader reads back as the same packages:
/// the documents are inventories for `bosun scan` too.
#[test]
fn documents_read_back_as_the_packages_they_were_made_from() {
    let mut openssl = Package::new("Debian:12", "openssl", "3.0.11-1~deb12u2", "var/lib/dpkg/status", 120);
    openssl.purl = "pkg:deb/debian/openssl@3.0.11-1~deb12u2?arch=amd64&distro=debian-12".into();
    openssl.source_name = Some("openssl-src".into());
    let packages = vec![
        with(
            Package::new("npm", "@babel/core", "7.24.0", "web/package-lock.json", 10),
            Some(true),
            Some(true),
        ),
        with(
            Package::new("Maven", "org.apache.logging.log4j:log4j-core", "2.14.1", "pom.xml", 30),
            Some(true),
            None,
        ),
        with(Package::new("PyPI", "django", "4.2.1", "requirements.txt", 3), None, Some(false)),
        with(Package::new("Go", "github.com/gin-gonic/gin", "1.9.1", "go.mod", 5), Some(false), None),
        Package::new("crates.io", "serde", "1.0.200", "Cargo.lock", 100),
        Package::new("Packagist", "symfony/console", "6.4.0", "composer.lock", 50),
        openssl,
    ];
    // SPDX has no place for what CycloneDX keeps in properties (the reader
    // does not take directness from relationships): only identity survives.
    let summary = |found: &[Package], everything: bool| {
        let mut rows: Vec<String> = found
            .iter()
            .map(|p| {
                let identity = format!("{} {} {} {}", p.ecosystem, p.name, p.version, p.purl);
                match everything {
                    true => format!("{identity} {:?} {:?} {:?}", p.direct, p.dev, p.source_name),
                    false => identity,
                }
            })
            .collect();
        rows.sort();
        rows
    };
    let cyclonedx = serde_json::to_string(&sbom::cyclonedx(&packages, &meta())).unwrap();
    let read = bosun_vuln::inventory::sbom_input::read("bom.cdx.json", &cyclonedx).expect("an SBOM").unwrap();
    assert_eq!(summary(&read.packages, true), summary(&packages, true));
    assert_eq!(read.notes, Vec::<String>::new());

    let spdx = serde_json::to_string_pretty(&sbom::spdx(&packages, &meta())).unwrap();
    let read = bosun_vuln::inventory::sbom_input::read("bom.spdx.json", &spdx).expect("an SBOM").unwrap();
    assert_eq!(summary(&read.packages, false), summary(&packages, false));
}
