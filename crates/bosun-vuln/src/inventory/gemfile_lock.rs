//! `Gemfile.lock` (and `gems.locked`): the gems under each `GEM` source's
//! `specs:`, at four spaces of indent (`    rack (2.2.8)`; the six-space lines
//! below are what each gem requires). A platform build (`nokogiri
//! (1.16.0-x86_64-linux)`) is its version before the first `-`, as Bundler
//! splits it; the same gem locked for several platforms is listed once.
//! `DEPENDENCIES` names the Gemfile's own gems: those are direct.
//!
//! Gems under `GIT`, `PATH` and `PLUGIN SOURCE` are noted and left out: they
//! are not published versions. Which gems only development needs is in the
//! Gemfile's groups, not here.

use super::{FileInventory, Package};
use std::collections::HashSet;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Section {
    /// A gem server's specs.
    Gem,
    /// Specs from a git repository, a local path or a plugin: not published.
    Unpublished(&'static str),
    Dependencies,
    /// `PLATFORMS`, `RUBY VERSION`, `BUNDLED WITH`, `CHECKSUMS` and sections
    /// newer Bundlers may add.
    Other,
}

pub fn read(path: &str, text: &str) -> Result<FileInventory, String> {
    let mut section = None;
    let mut remote = String::new();
    let mut specs = Vec::new();
    let mut direct = HashSet::new();
    let mut has_dependencies = false;
    let mut inventory = FileInventory::default();
    for (index, raw) in text.lines().enumerate() {
        let number = index as u32 + 1;
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        if !line.starts_with(' ') {
            let found = header(line).map_err(|e| format!("not a valid Gemfile.lock: line {number}: {e}"))?;
            has_dependencies |= found == Section::Dependencies;
            section = Some(found);
            remote.clear();
            continue;
        }
        let indent = line.len() - line.trim_start_matches(' ').len();
        let content = line.trim();
        match (section, indent) {
            (None, _) => {
                return Err(format!(
                    "not a valid Gemfile.lock: line {number}: indented text before any section"
                ))
            }
            (Some(Section::Gem | Section::Unpublished(_)), 2) => {
                if let Some(value) = content.strip_prefix("remote:") {
                    remote = value.trim().to_string();
                }
            }
            (Some(Section::Gem), 4) => {
                let (name, version) = spec(content).ok_or_else(|| invalid_spec(number, content))?;
                specs.push((name.to_string(), version.to_string(), number));
            }
            (Some(Section::Unpublished(kind)), 4) => {
                let (name, version) = spec(content).ok_or_else(|| invalid_spec(number, content))?;
                inventory.notes.push(format!("{name} {version}: from {kind} {remote}, not a gem server"));
            }
            (Some(Section::Dependencies), 2) => {
                // `name`, `name (~> 1.0)`, or `name!` for a gem from a non-default source.
                let name = content.split([' ', '!']).next().unwrap_or(content);
                direct.insert(name.to_string());
            }
            _ => {}
        }
    }
    let mut seen = HashSet::new();
    for (name, version, line) in specs {
        if !seen.insert((name.clone(), version.clone())) {
            continue;
        }
        let mut package = Package::new("RubyGems", &name, &version, path, line);
        package.direct = has_dependencies.then(|| direct.contains(&name));
        inventory.packages.push(package);
    }
    Ok(inventory)
}

fn header(line: &str) -> Result<Section, String> {
    let line = line.trim_end();
    let section = match line {
        "GEM" => Section::Gem,
        "GIT" => Section::Unpublished("git"),
        "PATH" => Section::Unpublished("path"),
        "PLUGIN SOURCE" => Section::Unpublished("plugin source"),
        "DEPENDENCIES" => Section::Dependencies,
        _ if line.starts_with("<<<<<<<") || line.starts_with(">>>>>>>") || line.starts_with("=======") => {
            return Err("an unresolved merge conflict".into())
        }
        _ if line.chars().all(|c| c.is_ascii_uppercase() || c == ' ' || c == '_') => Section::Other,
        _ => return Err(format!("`{line}` is not a section name")),
    };
    Ok(section)
}

/// `name (version)` or `name (version-platform)` → (name, version).
fn spec(content: &str) -> Option<(&str, &str)> {
    let (name, rest) = content.split_once(" (")?;
    let inside = rest.strip_suffix(')')?;
    let version = inside.split('-').next().unwrap_or(inside);
    let plain = |s: &str| !s.is_empty() && !s.contains([' ', '(', ')', ',']);
    (plain(name) && plain(version)).then_some((name, version))
}

fn invalid_spec(number: u32, content: &str) -> String {
    format!("not a valid Gemfile.lock: line {number}: `{content}` is not `name (version)`")
}

#[cfg(test)]
mod tests {
    use super::read;
    use crate::inventory::testing::with_direct;

    /// Shaped like Bundler's output: a git gem, a path gem, platform builds.
    const LOCK: &str = "GIT
  remote: https://github.com/rails/sprockets.git
  revision: 4fb53b8e1ab2f8b3c1c6a3d2fcd4d1c1b7a4d5b0
  specs:
    sprockets (4.3.0)
      concurrent-ruby (~> 1.0)

PATH
  remote: engines/billing
  specs:
    billing (0.1.0)

GEM
  remote: https://rubygems.org/
  specs:
    concurrent-ruby (1.2.3)
    mini_portile2 (2.8.5)
    nokogiri (1.16.0)
      mini_portile2 (~> 2.8.2)
      racc (~> 1.4)
    nokogiri (1.16.0-arm64-darwin)
      racc (~> 1.4)
    nokogiri (1.16.0-x86_64-linux)
      racc (~> 1.4)
    racc (1.7.3)

PLATFORMS
  arm64-darwin
  ruby
  x86_64-linux

DEPENDENCIES
  billing!
  nokogiri (~> 1.16)
  sprockets!

BUNDLED WITH
   2.5.3
";

    #[test]
    fn published_gems_once_per_version_with_direct_from_dependencies() {
        let inventory = read("Gemfile.lock", LOCK).unwrap();
        let found = with_direct(&inventory);
        assert_eq!(
            found,
            [
                ("concurrent-ruby", "1.2.3", 16, Some(false)),
                ("mini_portile2", "2.8.5", 17, Some(false)),
                ("nokogiri", "1.16.0", 18, Some(true)),
                ("racc", "1.7.3", 25, Some(false)),
            ]
        );
        assert_eq!(inventory.packages[2].purl, "pkg:gem/nokogiri@1.16.0");
        assert_eq!(inventory.packages[2].ecosystem, "RubyGems");
        assert_eq!(
            inventory.notes,
            [
                "sprockets 4.3.0: from git https://github.com/rails/sprockets.git, not a gem server",
                "billing 0.1.0: from path engines/billing, not a gem server",
            ]
        );
    }

    #[test]
    fn a_platform_only_gem_keeps_its_version_and_no_dependencies_says_nothing_of_direct() {
        let text = "GEM\r\n  remote: https://rubygems.org/\r\n  specs:\r\n    grpc (1.60.0-x86_64-linux)\r\n";
        let inventory = read("gems.locked", text).unwrap();
        assert_eq!(inventory.packages.len(), 1);
        let grpc = &inventory.packages[0];
        assert_eq!(
            (grpc.name.as_str(), grpc.version.as_str(), grpc.line, grpc.direct),
            ("grpc", "1.60.0", 4, None)
        );
    }

    #[test]
    fn broken_files_are_errors_not_panics() {
        for (text, reason) in [
            ("GEM\n  specs:\n    rack\n", "line 3: `rack` is not `name (version)`"),
            ("GEM\n  specs:\n    rack (1.0\n", "line 3: `rack (1.0` is not"),
            ("GEM\n  specs:\n    rack ()\n", "line 3: `rack ()` is not"),
            ("  specs:\n", "line 1: indented text before any section"),
            ("GEM\n<<<<<<< HEAD\n", "line 2: an unresolved merge conflict"),
            ("{\"packages\": []}\n", "line 1: `{\"packages\": []}` is not a section name"),
        ] {
            let error = read("Gemfile.lock", text).unwrap_err();
            assert!(error.contains(reason), "{text:?}: {error}");
            assert!(error.starts_with("not a valid Gemfile.lock"), "{error}");
        }
        assert!(read("Gemfile.lock", "").unwrap().packages.is_empty());
    }
}
