//! `go.mod`: `require` directives (single and blocks, `// indirect` marking
//! packages the module does not import itself) and `replace` directives, which
//! swap a module for another module and version (a replacement by a local
//! directory leaves the module out: its code is not a published version).
//! Versions are reported without Go's `v` prefix, as OSV writes them.

use super::{FileInventory, Package};
use std::collections::HashMap;

struct Require {
    module: String,
    version: String,
    line: u32,
    indirect: bool,
}

pub fn read(path: &str, text: &str) -> Result<FileInventory, String> {
    let mut requires = Vec::new();
    let mut replaces = Replaces::new();
    let mut block: Option<&str> = None;
    for (index, raw) in text.lines().enumerate() {
        let number = index as u32 + 1;
        let (code, comment) = match raw.split_once("//") {
            Some((code, comment)) => (code.trim(), comment.trim()),
            None => (raw.trim(), ""),
        };
        if code.is_empty() {
            continue;
        }
        if let Some(kind) = block {
            if code == ")" {
                block = None;
                continue;
            }
            directive(kind, code, comment, number, &mut requires, &mut replaces)?;
            continue;
        }
        let (keyword, rest) = code.split_once(char::is_whitespace).unwrap_or((code, ""));
        match (keyword, rest.trim()) {
            ("require" | "replace", "(") => {
                block = Some(if keyword == "require" { "require" } else { "replace" })
            }
            ("require" | "replace", rest) => {
                directive(keyword, rest, comment, number, &mut requires, &mut replaces)?
            }
            _ => {}
        }
    }
    let mut inventory = FileInventory::default();
    for require in requires {
        let replacement = replaces
            .get(&(require.module.clone(), Some(require.version.clone())))
            .or_else(|| replaces.get(&(require.module.clone(), None)));
        let (module, version) = match replacement {
            Some(Some((module, version))) => (module.clone(), version.clone()),
            Some(None) => {
                inventory.notes.push(format!("{} is replaced by a local directory", require.module));
                continue;
            }
            None => (require.module, require.version),
        };
        let version = version.strip_prefix('v').unwrap_or(&version).to_string();
        let mut package = Package::new("Go", &module, &version, path, require.line);
        package.direct = Some(!require.indirect);
        inventory.packages.push(package);
    }
    Ok(inventory)
}

/// Module (and optionally version) → replacement module and version; `None`:
/// replaced by a local directory.
type Replaces = HashMap<(String, Option<String>), Option<(String, String)>>;

fn directive(
    kind: &str,
    text: &str,
    comment: &str,
    line: u32,
    requires: &mut Vec<Require>,
    replaces: &mut Replaces,
) -> Result<(), String> {
    let words: Vec<&str> = text.split_whitespace().map(|w| w.trim_matches('"')).collect();
    match kind {
        "require" => match words[..] {
            [module, version] if is_module_path(module) && is_version(version) => requires.push(Require {
                module: module.to_string(),
                version: version.to_string(),
                line,
                indirect: comment.split(';').any(|part| part.trim() == "indirect"),
            }),
            _ => return Err(format!("line {line}: expected `MODULE VERSION` in require")),
        },
        _ => {
            let (from, to) = match words.iter().position(|w| *w == "=>") {
                Some(arrow) => (&words[..arrow], &words[arrow + 1..]),
                None => return Err(format!("line {line}: expected `=>` in replace")),
            };
            let key = match from {
                [module] => (module.to_string(), None),
                [module, version] => (module.to_string(), Some(version.to_string())),
                _ => return Err(format!("line {line}: expected `MODULE [VERSION] =>` in replace")),
            };
            let target = match to {
                [module, version] => Some((module.to_string(), version.to_string())),
                [_directory] => None,
                _ => {
                    return Err(format!(
                        "line {line}: expected `=> MODULE VERSION` or a directory in replace"
                    ))
                }
            };
            replaces.insert(key, target);
        }
    }
    Ok(())
}

/// Go module versions are `v` and a number (`v1.2.3`, `v0.0.0-2021...-abcdef`).
fn is_version(word: &str) -> bool {
    word.strip_prefix('v').is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
}

/// Not a block's parenthesis or another piece of syntax.
fn is_module_path(word: &str) -> bool {
    !word.is_empty() && !word.contains(['(', ')', '=', '"'])
}

#[cfg(test)]
mod tests {
    use super::read;
    use crate::inventory::testing::with_direct;

    const GO_MOD: &str = "module example.org/app\n\ngo 1.21\n\nrequire github.com/a/b v1.2.3\n\nrequire (\n\tgithub.com/c/d v0.4.0 // indirect\n\tgithub.com/old/x v1.0.0\n\tgithub.com/local/y v0.1.0\n)\n\nreplace github.com/old/x => github.com/new/x v1.0.1-fork\nreplace github.com/local/y => ../y\n";

    #[test]
    fn a_require_without_a_real_version_is_an_error() {
        for text in ["require ( v\n", "require github.com/a/b latest\n", "require ( github.com/a/b v\n)\n"] {
            assert!(read("go.mod", text).is_err(), "{text:?}");
        }
    }

    #[test]
    fn requires_with_lines_directness_and_replacements() {
        let inventory = read("go.mod", GO_MOD).unwrap();
        let found = with_direct(&inventory);
        assert_eq!(
            found,
            [
                ("github.com/a/b", "1.2.3", 5, Some(true)),
                ("github.com/c/d", "0.4.0", 8, Some(false)),
                ("github.com/new/x", "1.0.1-fork", 9, Some(true)),
            ]
        );
        assert_eq!(inventory.packages[0].purl, "pkg:golang/github.com/a/b@1.2.3");
        assert_eq!(inventory.notes, ["github.com/local/y is replaced by a local directory"]);
    }

    #[test]
    fn malformed_directives_are_errors_with_lines() {
        let error = read("go.mod", "require (\n\tgithub.com/a/b\n)\n").unwrap_err();
        assert!(error.starts_with("line 2:"), "{error}");
    }
}
