//! NuGet `packages.lock.json` (lock format versions 1 and 2): the resolved
//! packages of every target framework (`net8.0`, `.NETStandard,Version=v2.0`,
//! runtime-specific graphs like `net8.0/win-x64`), each package once however
//! many frameworks list it, at the line of its first entry. `Direct` packages
//! are direct; `Transitive` and `CentralTransitive` (pinned by central package
//! management, still pulled in by another package) are not. `Project` entries
//! are the solution's own projects, not published packages: left out.

use super::lines::each_key;
use super::{FileInventory, Package};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};

#[derive(Deserialize)]
struct Lock {
    #[serde(default)]
    dependencies: BTreeMap<String, BTreeMap<String, Entry>>,
}

#[derive(Deserialize)]
struct Entry {
    #[serde(rename = "type")]
    kind: String,
    resolved: Option<String>,
}

pub fn read(path: &str, text: &str) -> Result<FileInventory, String> {
    let lock: Lock =
        serde_json::from_str(text).map_err(|e| format!("not a valid NuGet packages.lock.json: {e}"))?;
    let lines = entry_lines(text);
    let mut inventory = FileInventory::default();
    // (lowercased name, version): NuGet ids are case-insensitive.
    let mut seen: HashMap<(String, String), usize> = HashMap::new();
    for (framework, packages) in &lock.dependencies {
        for (name, entry) in packages {
            let direct = match entry.kind.as_str() {
                "Project" => continue,
                "Direct" => true,
                "Transitive" | "CentralTransitive" => false,
                other => return Err(format!("{framework}: {name} has an unknown type `{other}`")),
            };
            let Some(version) = entry.resolved.as_deref().filter(|v| !v.is_empty()) else {
                return Err(format!("{framework}: {name} has no resolved version"));
            };
            let line = lines.get(&(framework.clone(), name.clone())).copied().unwrap_or(1);
            let key = (name.to_ascii_lowercase(), version.to_string());
            match seen.get(&key) {
                Some(&index) => {
                    let package: &mut Package = &mut inventory.packages[index];
                    package.direct = Some(package.direct == Some(true) || direct);
                    package.line = package.line.min(line);
                }
                None => {
                    let mut package = Package::new("NuGet", name, version, path, line);
                    package.direct = Some(direct);
                    seen.insert(key, inventory.packages.len());
                    inventory.packages.push(package);
                }
            }
        }
    }
    inventory.packages.sort_by_key(|p| p.line);
    Ok(inventory)
}

/// The line of every package entry (a key under a framework under the
/// top-level `dependencies`), by (framework, name).
fn entry_lines(text: &str) -> HashMap<(String, String), u32> {
    let mut lines = HashMap::new();
    each_key(text, |enclosing, key, line| {
        if let [top, framework] = enclosing {
            if top == "dependencies" {
                lines.entry((framework.clone(), key.to_string())).or_insert(line);
            }
        }
    });
    lines
}

#[cfg(test)]
mod tests {
    use super::read;
    use crate::inventory::testing::with_direct;

    const LOCK: &str = r#"{
  "version": 1,
  "dependencies": {
    ".NETStandard,Version=v2.0": {
      "Newtonsoft.Json": {
        "type": "Transitive",
        "resolved": "13.0.1",
        "contentHash": "ppPFpBcvxdsfUonNcvITKqLl3bqxWbDCZIzDWHzjpdAHRFfZe0Dw9HmA0+za13IdyrgJwpkDTDA9fHaxOrt20A=="
      },
      "Serilog": {
        "type": "Direct",
        "requested": "[3.1.1, )",
        "resolved": "3.1.1",
        "dependencies": { "Newtonsoft.Json": "13.0.1" }
      }
    },
    "net8.0": {
      "newtonsoft.json": {
        "type": "Direct",
        "requested": "[13.0.1, )",
        "resolved": "13.0.1"
      },
      "Microsoft.EntityFrameworkCore": {
        "type": "CentralTransitive",
        "requested": "[8.0.0, )",
        "resolved": "8.0.1"
      },
      "MyCompany.Shared": {
        "type": "Project",
        "dependencies": { "Serilog": "[3.1.1, )" }
      }
    }
  }
}"#;

    #[test]
    fn packages_of_every_framework_once_with_lines_and_directness() {
        let inventory = read("packages.lock.json", LOCK).unwrap();
        let found = with_direct(&inventory);
        assert_eq!(
            found,
            [
                // Transitive for one framework, direct for the other: direct.
                ("Newtonsoft.Json", "13.0.1", 5, Some(true)),
                ("Serilog", "3.1.1", 10, Some(true)),
                ("Microsoft.EntityFrameworkCore", "8.0.1", 23, Some(false)),
            ]
        );
        assert_eq!(inventory.packages[0].purl, "pkg:nuget/Newtonsoft.Json@13.0.1");
        assert!(inventory.packages.iter().all(|p| p.ecosystem == "NuGet"));
    }

    #[test]
    fn broken_files_are_errors_not_panics() {
        assert!(read("packages.lock.json", "{\"dependencies\": [").is_err());
        assert!(read(
            "packages.lock.json",
            "{\"dependencies\": {\"net8.0\": {\"A\": {\"resolved\": \"1\"}}}}"
        )
        .is_err());
        let unresolved = "{\"dependencies\": {\"net8.0\": {\"A\": {\"type\": \"Direct\"}}}}";
        assert_eq!(read("packages.lock.json", unresolved).unwrap_err(), "net8.0: A has no resolved version");
        assert!(read("packages.lock.json", "{\"version\": 2}").unwrap().packages.is_empty());
        assert!(read("packages.lock.json", "\"unterminated").is_err());
    }
}
