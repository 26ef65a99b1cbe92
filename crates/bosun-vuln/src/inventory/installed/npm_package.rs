//! `package.json` of packages installed under `node_modules` (npm, yarn and
//! pnpm's `.pnpm/<id>/node_modules/<name>` alike). Only a package's own root
//! counts: `package.json` files deeper inside a package (`dist/esm`, test
//! fixtures) describe no installed package. A package without a version or
//! marked `private` is left out: no registry release can match it.

use super::super::{FileInventory, Package};

/// Real manifests are a few kilobytes; some carry long `readme` fields.
const MAX_BYTES: usize = 8 << 20;

/// Whether `path` is `…/node_modules/<name>/package.json` or
/// `…/node_modules/@scope/<name>/package.json`.
pub fn is_package_root(path: &str) -> bool {
    let parts: Vec<&str> = path.split('/').collect();
    let Some((_, dirs)) = parts.split_last() else { return false };
    match dirs {
        [.., "node_modules", name] => !name.starts_with('@') && !name.starts_with('.'),
        [.., "node_modules", scope, _] => scope.starts_with('@'),
        _ => false,
    }
}

pub fn read(path: &str, bytes: &[u8]) -> Result<FileInventory, String> {
    let text = super::text(bytes, MAX_BYTES, "package.json")?;
    let json: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("package.json is not valid JSON: {e}"))?;
    let mut inventory = FileInventory::default();
    let field = |key: &str| json.get(key).and_then(|v| v.as_str()).map(str::trim).filter(|v| !v.is_empty());
    let (Some(name), Some(version)) = (field("name"), field("version")) else {
        inventory.notes.push("a package.json without a name or version is left out".to_string());
        return Ok(inventory);
    };
    if json.get("private").and_then(|v| v.as_bool()) == Some(true) {
        inventory.notes.push(format!("private package {name} is left out"));
        return Ok(inventory);
    }
    let line = text.lines().position(|l| l.trim_start().starts_with("\"name\"")).map_or(1, |i| i as u32 + 1);
    inventory.packages.push(Package::new("npm", name, version, path, line));
    Ok(inventory)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/installed/npm");

    #[test]
    fn real_package_json_files() {
        // As npm installed them (pnpm's bundled dependencies): a package's own
        // manifest, and glob's `dist/esm/package.json`, which only sets the
        // module type and is no package.
        let root = std::fs::read(format!("{FIXTURES}/node_modules/eastasianwidth/package.json")).unwrap();
        let packages = read("app/node_modules/eastasianwidth/package.json", &root).unwrap().packages;
        let found: Vec<_> = packages.iter().map(|p| (p.name.as_str(), p.version.as_str(), p.line)).collect();
        assert_eq!(found, [("eastasianwidth", "0.2.0", 2)]);
        let inner = std::fs::read(format!("{FIXTURES}/node_modules/glob/dist/esm/package.json")).unwrap();
        assert!(!is_package_root("app/node_modules/glob/dist/esm/package.json"));
        assert!(read("app/node_modules/glob/dist/esm/package.json", &inner).unwrap().packages.is_empty());
    }

    #[test]
    fn reads_name_and_version() {
        let text = "{\n  \"name\": \"@scope/pkg\",\n  \"version\": \"1.0.0\"\n}";
        let packages = read("node_modules/@scope/pkg/package.json", text.as_bytes()).unwrap().packages;
        assert_eq!(packages.len(), 1);
        assert_eq!((packages[0].name.as_str(), packages[0].line), ("@scope/pkg", 2));
        assert_eq!(packages[0].purl, "pkg:npm/%40scope/pkg@1.0.0");
    }

    #[test]
    fn private_and_unversioned_packages_are_left_out() {
        let private = read("p", br#"{"name":"app","version":"1.0.0","private":true}"#).unwrap();
        assert!(private.packages.is_empty());
        assert!(private.notes[0].contains("private"));
        assert!(read("p", br#"{"type":"module"}"#).unwrap().packages.is_empty());
        assert!(read("p", br#"{"name":"a","version":7}"#).unwrap().packages.is_empty());
    }

    #[test]
    fn broken_json_is_an_error() {
        assert!(read("p", b"{\"name\": ").unwrap_err().contains("not valid JSON"));
        assert!(read("p", b"[1, 2").is_err());
    }
}
