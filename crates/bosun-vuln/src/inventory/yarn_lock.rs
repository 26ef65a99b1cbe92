//! `yarn.lock`, both formats: yarn 1's own format (`"a@^1", a@~1.2:` headers
//! over indented `version "1.2.3"` lines) and the YAML that yarn 2 and later
//! ("berry", recognised by its `__metadata` entry) write.
//!
//! An entry stands for every specifier in its header and is one package;
//! aliases (`x@npm:real@^1`) are the real package. The same package under
//! several entries (yarn berry's `patch:` entries repeat the npm package they
//! patch) is listed once, at its first entry.
//!
//! Left out with a note: workspaces and other `linkType: soft` entries (links,
//! portals), and packages from git, local folders or files, or tarballs whose
//! URL is not laid out like a registry's: none is a published npm version.
//!
//! yarn 1 records nothing about the project's own dependencies, so `direct` and
//! `dev` stay unknown there. Yarn berry lists each workspace's dependencies
//! (development ones merged in) in the workspace's entry: that gives `direct`,
//! and `dev` stays unknown.

use super::package_lock::{is_http, registry_tarball_version, split_spec, starts_with_digit};
use super::{percent, FileInventory, Package};
use bosun_syntax::yaml::{self, Limits, Node};
use std::collections::HashMap;

pub fn read(path: &str, text: &str) -> Result<FileInventory, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut inventory = if text.lines().any(|line| line.trim_end() == "__metadata:") {
        read_berry(path, text)?
    } else {
        read_classic(path, text)?
    };
    let mut packages: Vec<Package> = Vec::new();
    let mut index: HashMap<(String, String), usize> = HashMap::new();
    for package in std::mem::take(&mut inventory.packages) {
        let key = (package.name.clone(), package.version.clone());
        match index.get(&key) {
            Some(&at) => {
                let kept = &mut packages[at];
                kept.line = kept.line.min(package.line);
                if package.direct == Some(true) {
                    kept.direct = Some(true);
                }
            }
            None => {
                index.insert(key, packages.len());
                packages.push(package);
            }
        }
    }
    packages.sort_by_key(|p| p.line);
    inventory.packages = packages;
    Ok(inventory)
}

/// Where the package of one specifier comes from.
enum Source<'a> {
    /// The npm registry, under this (real) name.
    Registry(&'a str),
    /// A tarball URL: a registry package if laid out like a registry's.
    Tarball(&'a str),
    /// Git, a local folder or file, a workspace: not a published version.
    Elsewhere,
}

/// What a specifier's range (the part after `name@`) says of its source.
fn source<'a>(name: &'a str, range: &'a str) -> Source<'a> {
    if let Some(aliased) = range.strip_prefix("npm:") {
        return Source::Registry(split_spec(aliased).map_or(name, |(real, _)| real));
    }
    if is_http(range) {
        return Source::Tarball(range);
    }
    // Protocols (`git+https:`, `github:`, `file:`, `link:`, `workspace:`...),
    // GitHub shorthands (`user/repo`) and paths; what remains is a version
    // range or a dist-tag.
    if range.contains(':') || range.contains('/') {
        return Source::Elsewhere;
    }
    Source::Registry(name)
}

/// One yarn 1 entry while its lines are read.
struct ClassicEntry {
    specs: Vec<String>,
    line: u32,
    version: Option<String>,
    resolved: Option<String>,
}

fn read_classic(path: &str, text: &str) -> Result<FileInventory, String> {
    let mut inventory = FileInventory::default();
    let mut current: Option<ClassicEntry> = None;
    for (index, raw) in text.lines().enumerate() {
        let number = index as u32 + 1;
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        let content = line.trim_start_matches(' ');
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        let indent = line.len() - content.len();
        if indent == 0 {
            let header = content.strip_suffix(':').ok_or_else(|| {
                format!("not a valid yarn.lock: line {number}: expected an entry like `name@range:`")
            })?;
            let specs =
                header_specs(header).map_err(|e| format!("not a valid yarn.lock: line {number}: {e}"))?;
            if let Some(done) =
                current.replace(ClassicEntry { specs, line: number, version: None, resolved: None })
            {
                classic_package(path, done, &mut inventory);
            }
            continue;
        }
        let Some(entry) = current.as_mut() else {
            return Err(format!("not a valid yarn.lock: line {number}: indented line outside an entry"));
        };
        if indent != 2 {
            continue;
        }
        let (key, value) =
            key_value(content).map_err(|e| format!("not a valid yarn.lock: line {number}: {e}"))?;
        match key.as_str() {
            "version" => entry.version = value,
            "resolved" => entry.resolved = value,
            _ => {}
        }
    }
    if let Some(done) = current {
        classic_package(path, done, &mut inventory);
    }
    Ok(inventory)
}

fn classic_package(path: &str, entry: ClassicEntry, inventory: &mut FileInventory) {
    let header = entry.specs.join(", ");
    let Some((name, range)) = entry.specs.first().and_then(|spec| split_spec(spec)) else {
        inventory.notes.push(format!("{header}: no package name in the entry"));
        return;
    };
    let Some(version) = entry.version.as_deref() else {
        inventory.notes.push(format!("{header}: no version recorded"));
        return;
    };
    let name = match source(name, range) {
        Source::Registry(real) => real,
        Source::Tarball(url)
            if registry_tarball_version(entry.resolved.as_deref().unwrap_or(url), name) == Some(version) =>
        {
            name
        }
        _ => {
            let from = entry.resolved.as_deref().unwrap_or(range);
            inventory.notes.push(format!("{name} {version}: from {from}, not a registry"));
            return;
        }
    };
    inventory.packages.push(Package::new("npm", name, version, path, entry.line));
}

/// The specifiers of a header (`"a@^1", a@~1.2`), unquoted.
fn header_specs(header: &str) -> Result<Vec<String>, String> {
    let mut specs = Vec::new();
    let mut rest = header.trim();
    while !rest.is_empty() {
        let (spec, after) = token(rest)?;
        specs.push(spec);
        rest = after.trim_start();
        rest = match rest.strip_prefix(',') {
            Some(after_comma) => after_comma.trim_start(),
            None if rest.is_empty() => rest,
            None => return Err(format!("unexpected `{rest}` in the entry's header")),
        };
    }
    if specs.is_empty() {
        return Err("an entry header without specifiers".into());
    }
    Ok(specs)
}

/// `key value` or `key:` of a line inside an entry (value `None` for the latter).
fn key_value(content: &str) -> Result<(String, Option<String>), String> {
    let (key, rest) = token(content)?;
    let rest = rest.trim();
    if rest.is_empty() || rest == ":" {
        return Ok((key, None));
    }
    let (value, after) = token(rest)?;
    if !after.trim().is_empty() {
        return Err(format!("unexpected `{}` after the value", after.trim()));
    }
    Ok((key, Some(value)))
}

/// One word or JSON-quoted string at the start of `text`, and what follows it.
fn token(text: &str) -> Result<(String, &str), String> {
    if !text.starts_with('"') {
        let end = text.find([' ', ',']).unwrap_or(text.len());
        let word = text[..end].strip_suffix(':').unwrap_or(&text[..end]);
        if word.is_empty() {
            return Err(format!("expected a word or a quoted string at `{text}`"));
        }
        return Ok((word.to_string(), &text[end..]));
    }
    let bytes = text.as_bytes();
    let mut end = 1;
    while end < bytes.len() && bytes[end] != b'"' {
        end += if bytes[end] == b'\\' { 2 } else { 1 };
    }
    if end >= bytes.len() {
        return Err("a quoted string is not closed".into());
    }
    let value: String =
        serde_json::from_str(&text[..=end]).map_err(|e| format!("a bad quoted string: {e}"))?;
    let rest = &text[end + 1..];
    Ok((value, rest.strip_prefix(':').unwrap_or(rest)))
}

fn read_berry(path: &str, text: &str) -> Result<FileInventory, String> {
    let limits = Limits { max_depth: 32, max_nodes: 5_000_000, max_documents: 1 };
    let stream = yaml::parse_stream_with(text, limits);
    if let Some(error) = stream.error {
        return Err(format!("not a valid yarn.lock: {error}"));
    }
    let Some(root) = stream.documents.into_iter().next().map(|d| d.root) else {
        return Ok(FileInventory::default());
    };
    if !root.is_map() {
        return Err("not a valid yarn.lock: expected a mapping of entries".into());
    }
    let mut entries: Vec<(&Node, &Node)> = Vec::new();
    // Each descriptor (`a@npm:^1`) names the entry it resolves to.
    let mut entry_of: HashMap<String, usize> = HashMap::new();
    for (key, value) in root.entries() {
        let Some(header) = key.scalar_text() else { continue };
        if header == "__metadata" {
            continue;
        }
        if !value.is_map() {
            return Err(format!(
                "not a valid yarn.lock: line {}: `{header}` is not a mapping",
                key.span.start_line
            ));
        }
        for descriptor in header.split(',') {
            entry_of.insert(descriptor.trim().to_string(), entries.len());
        }
        entries.push((key, value));
    }
    let mut direct = vec![false; entries.len()];
    for (_, value) in &entries {
        if value.get("linkType").and_then(Node::as_str) != Some("soft") {
            continue;
        }
        for (name, range) in value.get("dependencies").into_iter().flat_map(Node::string_entries) {
            let Some(range) = range.scalar_text() else { continue };
            // Yarn 2 and 3 write registry ranges without their `npm:` protocol.
            let found = entry_of.get(&format!("{name}@{range}")).or_else(|| match range.contains(':') {
                true => None,
                false => entry_of.get(&format!("{name}@npm:{range}")),
            });
            if let Some(&at) = found {
                direct[at] = true;
            }
        }
    }
    let mut inventory = FileInventory::default();
    for (at, (key, value)) in entries.iter().enumerate() {
        let header = key.scalar_text().unwrap_or_default();
        let version = value.get("version").and_then(Node::scalar_text);
        let resolution = value.get("resolution").and_then(Node::scalar_text);
        let (Some(version), Some(resolution)) = (version, resolution) else {
            inventory.notes.push(format!("{header}: no version or resolution recorded"));
            continue;
        };
        if value.get("linkType").and_then(Node::as_str) == Some("soft") {
            inventory.notes.push(format!("{resolution}: a workspace or link, not a published package"));
            continue;
        }
        let Some(name) = berry_registry_name(&resolution, &version) else {
            inventory.notes.push(format!("{resolution}: not from a registry"));
            continue;
        };
        let mut package = Package::new("npm", &name, &version, path, key.span.start_line);
        package.direct = Some(direct[at]);
        inventory.packages.push(package);
    }
    Ok(inventory)
}

/// The npm package a berry resolution (`name@npm:1.2.3`) locks, seeing through
/// patches (`name@patch:name@npm%3A1.2.3#…`) and virtual packages
/// (`name@virtual:…#npm:1.2.3`); `None` when it is not from a registry.
fn berry_registry_name(resolution: &str, version: &str) -> Option<String> {
    let (name, reference) = split_spec(resolution)?;
    if let Some(registry_version) = reference.strip_prefix("npm:") {
        return starts_with_digit(registry_version).then(|| name.to_string());
    }
    if let Some(patched) = reference.strip_prefix("patch:") {
        let inner = percent::decode(patched.split('#').next()?);
        return berry_registry_name(&inner, version);
    }
    if let Some(virtual_reference) = reference.strip_prefix("virtual:") {
        let (_, inner) = virtual_reference.split_once('#')?;
        return berry_registry_name(&format!("{name}@{inner}"), version);
    }
    if is_http(reference) {
        return (registry_tarball_version(reference, name) == Some(version)).then(|| name.to_string());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::{berry_registry_name, header_specs, read};
    use crate::inventory::testing::{npm_fixture, with_direct as rows};

    #[test]
    fn yarn_1_written_by_yarn_1() {
        let inventory = read("web/yarn.lock", &npm_fixture("yarn-v1/yarn.lock")).unwrap();
        assert_eq!(
            rows(&inventory),
            vec![
                ("@types/ms", "0.7.34", 5, None),
                ("debug", "2.6.9", 10, None),
                ("is-number", "7.0.0", 17, None),
                ("is-number", "6.0.0", 22, None),
                ("is-odd", "3.0.1", 27, None),
                ("left-pad", "1.3.0", 34, None),
                ("ms", "2.0.0", 41, None),
                ("ms", "2.1.3", 46, None),
            ]
        );
        assert!(inventory.packages.iter().all(|p| p.dev.is_none() && p.path == "web/yarn.lock"));
        assert_eq!(inventory.packages[0].purl, "pkg:npm/%40types/ms@0.7.34");
        assert_eq!(
            inventory.notes,
            vec!["local-lib 1.0.0: from file:./local-lib, not a registry".to_string()]
        );
    }

    #[test]
    fn yarn_berry_written_by_yarn_4() {
        let inventory = read("yarn.lock", &npm_fixture("yarn-berry/yarn.lock")).unwrap();
        assert_eq!(
            rows(&inventory),
            vec![
                ("@types/ms", "0.7.34", 16, Some(true)),
                ("debug", "2.6.9", 23, Some(true)),
                ("function-bind", "1.1.2", 53, Some(false)),
                ("hasown", "2.0.4", 60, Some(false)),
                ("is-core-module", "2.18.0", 69, Some(false)),
                ("is-number", "7.0.0", 78, Some(true)),
                ("is-number", "6.0.0", 85, Some(false)),
                ("is-odd", "3.0.1", 92, Some(true)),
                ("left-pad", "1.3.0", 101, Some(true)),
                ("ms", "2.0.0", 127, Some(true)),
                ("ms", "2.1.3", 134, Some(true)),
                ("path-parse", "1.0.7", 141, Some(false)),
                ("resolve", "1.22.8", 148, Some(true)),
                ("supports-preserve-symlinks-flag", "1.0.0", 174, Some(false)),
            ]
        );
        let notes = inventory.notes.join("\n");
        assert_eq!(inventory.notes.len(), 5, "{notes}");
        for left_out in [
            "@demo/util@workspace:packages/util",
            "demo-app@workspace:.",
            "linked@link:",
            "local-lib@portal:",
            "local-file@file:",
        ] {
            assert!(notes.contains(left_out), "{left_out} is noted:\n{notes}");
        }
    }

    #[test]
    fn git_tarball_and_alias_entries_in_yarn_1() {
        let text = r#"# yarn lockfile v1

"fork@github:me/fork#abc", fork@me/fork:
  version "1.0.0"
  resolved "https://codeload.github.com/me/fork/tar.gz/abc"

pad@https://example.org/pad-1.0.0.tgz:
  version "1.0.0"
  resolved "https://example.org/pad-1.0.0.tgz#0123"

"old-lodash@npm:lodash@^4.17.0", "lodash@^4.17.21":
  version "4.17.21"
  resolved "https://registry.yarnpkg.com/lodash/-/lodash-4.17.21.tgz"
  dependencies:
    version "1.0.0"

lodash@4.17.21:
  version "4.17.21"

"@scope/tool@latest":
  version "2.0.0-rc.1"
"#;
        let inventory = read("yarn.lock", text).unwrap();
        assert_eq!(
            rows(&inventory),
            vec![("lodash", "4.17.21", 11, None), ("@scope/tool", "2.0.0-rc.1", 20, None)]
        );
        assert_eq!(inventory.notes.len(), 2, "{:?}", inventory.notes);
        assert!(inventory.notes[0].contains("codeload.github.com"));
    }

    #[test]
    fn older_berry_patches_and_virtual_packages() {
        let version = "1.22.1";
        let patched =
            "resolve@patch:resolve@npm%3A1.22.1#~builtin<compat/resolve>::version=1.22.1&hash=07638b";
        assert_eq!(berry_registry_name(patched, version).as_deref(), Some("resolve"));
        let git_patch =
            "x@patch:x@https://github.com/me/x.git%23commit=abc#./fix.patch::locator=app%40workspace%3A.";
        assert_eq!(berry_registry_name(git_patch, "1.0.0"), None);
        assert_eq!(berry_registry_name("@s/r@virtual:0123#npm:2.0.0", "2.0.0").as_deref(), Some("@s/r"));
        assert_eq!(berry_registry_name("x@git+https://example.org/x.git#commit=abc", "1.0.0"), None);
        assert_eq!(berry_registry_name("x@exec:./gen.js", "1.0.0"), None);
    }

    #[test]
    fn broken_files_are_errors_not_panics() {
        let broken_classic = [
            "a@^1:\n  version \"1.0.0\n",
            "  version \"1.0.0\"\n",
            "a@^1\n  version \"1.0.0\"\n",
            "\"a@^1\" b@^2:\n  version \"1.0.0\"\n",
            "a@^1:\n  version \"1.0.0\" extra\n",
            "<<<<<<< HEAD\na@^1:\n",
            ":\n",
        ];
        for text in broken_classic {
            assert!(read("yarn.lock", text).is_err(), "{text:?}");
        }
        let broken_berry = [
            "__metadata:\n  version: 6\n\"a@npm:^1\": [1\n",
            "__metadata:\n  version: 6\n\"a@npm:^1\": 3\n",
            "__metadata:\n  version: 6\n---\nb: 1\n",
            &format!("__metadata:\n  version: 6\nx: {}{}\n", "[".repeat(100), "]".repeat(100)),
        ];
        for text in broken_berry {
            assert!(read("yarn.lock", text).is_err(), "{text:?}");
        }
        assert!(read("yarn.lock", "# yarn lockfile v1\n\n").unwrap().packages.is_empty());
        let no_version = read("yarn.lock", "a@^1:\n  resolved \"x\"\n").unwrap();
        assert_eq!((no_version.packages.len(), no_version.notes.len()), (0, 1));
        assert!(header_specs("a@1, , b@2").is_err());
    }
}
