//! pip requirements files (`requirements*.txt`): exact pins (`name==1.2`,
//! `name===1.2`) with extras, environment markers, `--hash` options and line
//! continuations, and the files they pull in: `-r FILE` includes more
//! requirements, `-c FILE` constraints that pin requirements listed unpinned.
//! Included files are named relative to the file that includes them, and a
//! package keeps the path and line of the file that pins it.
//!
//! Requirements that pin nothing (`name>=1.2`, bare names) and no constraint
//! pins either, URLs, local paths and editable installs are noted, not
//! inventoried: no single version is known to be installed. Includes that are
//! missing, outside the tree, URLs, cyclic or nested too deep are noted too.

use super::{normalize_name, sibling, FileInventory, Files, Package};
use std::collections::{HashMap, HashSet};

/// How deep `-r`/`-c` includes may nest; real projects use two or three levels.
const MAX_INCLUDE_DEPTH: usize = 10;
/// How many files one requirements file may pull in, all levels together.
const MAX_INCLUDED_FILES: usize = 200;

pub fn read(path: &str, text: &str, files: &dyn Files) -> Result<FileInventory, String> {
    let mut reader = Reader {
        root: path,
        files,
        inventory: FileInventory::default(),
        seen: HashSet::new(),
        stack: Vec::new(),
        constraints: HashMap::new(),
        unpinned: Vec::new(),
    };
    reader.walk(path, text.strip_prefix('\u{feff}').unwrap_or(text), Role::Requirements);
    reader.finish();
    Ok(reader.inventory)
}

/// What the lines of a file are: requirements to install, or constraints that
/// only pin versions (everything a constraints file includes is constraints too).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Role {
    Requirements,
    Constraints,
}

/// A version a constraints file pins, where it pins it.
struct Pin {
    version: String,
    path: String,
    line: u32,
}

/// A requirement without a pin of its own, waiting for the constraints.
struct Unpinned {
    name: String,
    requirement: String,
    path: String,
    line: u32,
}

struct Reader<'a> {
    /// The file being read; notes about it say `line N`, notes about the
    /// files it includes name them.
    root: &'a str,
    files: &'a dyn Files,
    inventory: FileInventory,
    /// Files already read, with their role: a file included twice is read once.
    seen: HashSet<(String, Role)>,
    /// The files being read, outermost first, to tell a cycle from a repeat.
    stack: Vec<String>,
    /// Constraint pins by normalized name.
    constraints: HashMap<String, Vec<Pin>>,
    unpinned: Vec<Unpinned>,
}

impl Reader<'_> {
    fn walk(&mut self, path: &str, text: &str, role: Role) {
        self.seen.insert((path.to_string(), role));
        self.stack.push(path.to_string());
        for (line, logical) in logical_lines(text) {
            let requirement = strip_comment(&logical).trim();
            if requirement.is_empty() {
                continue;
            }
            if requirement.starts_with('-') {
                self.option(path, line, requirement, role);
            } else {
                self.requirement(path, line, requirement, role);
            }
        }
        self.stack.pop();
    }

    fn option(&mut self, path: &str, line: u32, option: &str, role: Role) {
        let (flag, value) = split_option(option);
        let included_role = match flag {
            // Whatever a constraints file pulls in only constrains.
            "-r" | "--requirement" => role,
            "-c" | "--constraint" => Role::Constraints,
            "-e" | "--editable" => {
                self.note(path, line, format!("{value}: an editable install, not from a package index"));
                return;
            }
            _ => return,
        };
        self.include(path, line, value, included_role);
    }

    fn include(&mut self, path: &str, line: u32, target: &str, role: Role) {
        let what = if role == Role::Constraints { "constraints" } else { "requirements" };
        if target.is_empty() {
            return self.note(path, line, format!("an include of {what} names no file"));
        }
        if target.contains("://") {
            return self.note(path, line, format!("{target}: {what} from a URL are not read"));
        }
        let Some(included) = sibling(path, target) else {
            return self.note(path, line, format!("{target}: {what} outside the scanned tree are not read"));
        };
        if self.stack.contains(&included) {
            return self.note(path, line, format!("{target}: include cycle, not read again"));
        }
        if self.seen.contains(&(included.clone(), role)) {
            return;
        }
        if self.stack.len() > MAX_INCLUDE_DEPTH {
            return self.note(
                path,
                line,
                format!("{target}: includes nest deeper than {MAX_INCLUDE_DEPTH} levels, not read"),
            );
        }
        if self.seen.len() > MAX_INCLUDED_FILES {
            return self.note(
                path,
                line,
                format!("{target}: more than {MAX_INCLUDED_FILES} included files, not read"),
            );
        }
        match self.files.read(&included) {
            Some(text) => self.walk(&included, text.strip_prefix('\u{feff}').unwrap_or(&text), role),
            None => self.note(path, line, format!("{target}: included {what} file not found ({included})")),
        }
    }

    fn requirement(&mut self, path: &str, line: u32, requirement: &str, role: Role) {
        // Options after a requirement (`--hash=sha256:...`) and markers (`; python_version < "3.8"`).
        let requirement = requirement.split(" --").next().unwrap_or(requirement);
        let requirement = requirement.split(';').next().unwrap_or(requirement).trim();
        if requirement.contains("://") || requirement.starts_with('.') || requirement.starts_with('/') {
            if role == Role::Requirements {
                self.note(path, line, format!("{requirement}: not from a package index"));
            }
            return;
        }
        let pin = |version: &str| Pin { version: version.to_string(), path: path.to_string(), line };
        match (pinned(requirement), role) {
            (Some((name, version)), Role::Requirements) => {
                self.inventory.packages.push(Package::new("PyPI", name, version, path, line))
            }
            (Some((name, version)), Role::Constraints) => {
                self.constraints.entry(normalize_name("PyPI", name)).or_default().push(pin(version))
            }
            (None, Role::Requirements) => self.unpinned.push(Unpinned {
                name: requirement_name(requirement).to_string(),
                requirement: requirement.to_string(),
                path: path.to_string(),
                line,
            }),
            // A range in a constraints file narrows a choice but pins nothing.
            (None, Role::Constraints) => {}
        }
    }

    /// Pins unpinned requirements by the constraints, once every file is read
    /// (a constraints file may come after the requirements it pins).
    fn finish(&mut self) {
        for unpinned in std::mem::take(&mut self.unpinned) {
            let key = normalize_name("PyPI", &unpinned.name);
            match self.constraints.get(&key) {
                Some(pins) => {
                    for pin in pins {
                        let package = Package::new("PyPI", &unpinned.name, &pin.version, &pin.path, pin.line);
                        self.inventory.packages.push(package);
                    }
                }
                None => self.note(
                    &unpinned.path,
                    unpinned.line,
                    format!("{}: unpinned, no version to check", unpinned.requirement),
                ),
            }
        }
    }

    fn note(&mut self, path: &str, line: u32, text: String) {
        let note =
            if path == self.root { format!("line {line}: {text}") } else { format!("{path}:{line}: {text}") };
        self.inventory.notes.push(note);
    }
}

/// Joins `\`-continued lines; each logical line keeps the number of its first line.
fn logical_lines(text: &str) -> Vec<(u32, String)> {
    let mut lines = Vec::new();
    let mut current: Option<(u32, String)> = None;
    for (index, raw) in text.lines().enumerate() {
        let (number, mut joined) = current.take().unwrap_or((index as u32 + 1, String::new()));
        let raw = raw.trim_end_matches('\r');
        match raw.strip_suffix('\\') {
            Some(head) => {
                joined.push_str(head);
                joined.push(' ');
                current = Some((number, joined));
            }
            None => {
                joined.push_str(raw);
                lines.push((number, joined));
            }
        }
    }
    lines.extend(current);
    lines
}

/// A `#` at the start or after whitespace starts a comment (`#egg=` in URLs does not).
fn strip_comment(line: &str) -> &str {
    let bytes = line.as_bytes();
    let at = (0..bytes.len()).find(|&i| bytes[i] == b'#' && (i == 0 || bytes[i - 1].is_ascii_whitespace()));
    at.map_or(line, |i| &line[..i])
}

/// `--flag=value`, `--flag value`, `-f value` or `-fvalue` → (flag, value).
fn split_option(option: &str) -> (&str, &str) {
    let flag_end = if option.starts_with("--") {
        option.find(|c: char| c == '=' || c.is_whitespace()).unwrap_or(option.len())
    } else {
        // `-` and one letter; `char_indices` keeps a non-ASCII letter whole.
        option.char_indices().nth(2).map_or(option.len(), |(i, _)| i)
    };
    let (flag, value) = option.split_at(flag_end);
    let value = value.trim_start_matches(|c: char| c == '=' || c.is_whitespace());
    (flag, value.trim())
}

/// The project name a requirement starts with (`Flask[async]>=2` → `Flask`).
fn requirement_name(requirement: &str) -> &str {
    let end = requirement
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
        .unwrap_or(requirement.len());
    &requirement[..end]
}

/// `name[extras]==version` → (name, version) for exact pins only.
fn pinned(requirement: &str) -> Option<(&str, &str)> {
    let (spec_name, version) = requirement.split_once("===").or_else(|| requirement.split_once("=="))?;
    let version = version.trim();
    let name = spec_name.split('[').next().unwrap_or(spec_name).trim();
    let valid_name =
        !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    // `==1.*` is a prefix match, not a pin; `==1.0,<2` has further clauses.
    let exact = !version.is_empty() && !version.contains(['*', ',', ' ', '<', '>', '!', '~', '=']);
    (valid_name && exact).then_some((name, version))
}

#[cfg(test)]
mod tests {
    use super::read;
    use crate::inventory::testing::{tree, Tree};
    use crate::inventory::{FileInventory, NoFiles};

    fn found(inventory: &FileInventory) -> Vec<(&str, &str, &str, u32)> {
        inventory
            .packages
            .iter()
            .map(|p| (p.name.as_str(), p.version.as_str(), p.path.as_str(), p.line))
            .collect()
    }

    fn assert_notes(inventory: &FileInventory, expected: &[&str]) {
        let notes = inventory.notes.join("\n");
        for expected in expected {
            assert!(notes.contains(expected), "missing note {expected:?} in:\n{notes}");
        }
    }

    #[test]
    fn pins_with_extras_markers_hashes_and_continuations() {
        let text = "# generated\nrequests[socks]==2.31.0 ; python_version >= \"3.8\" \\\n    --hash=sha256:abc \\\n    --hash=sha256:def\nDjango===4.2.1  # via app\nflask>=2.0\nnumpy\n-r base.txt\n-e git+https://example.org/x.git#egg=x\nhttps://example.org/pkg.whl\nfoo==1.*\nbar==1.0,<2\n";
        let inventory = read("requirements.txt", text, &NoFiles).unwrap();
        assert_eq!(
            found(&inventory),
            [("requests", "2.31.0", "requirements.txt", 2), ("Django", "4.2.1", "requirements.txt", 5)]
        );
        assert_eq!(inventory.packages[1].purl, "pkg:pypi/django@4.2.1");
        assert_notes(
            &inventory,
            &[
                "line 6: flask>=2.0: unpinned, no version to check",
                "line 7: numpy: unpinned",
                "line 8: base.txt: included requirements file not found (base.txt)",
                "editable",
                "not from a package index",
                "foo==1.*: unpinned",
                "bar==1.0,<2: unpinned",
            ],
        );
    }

    #[test]
    fn includes_are_relative_to_the_including_file_and_keep_their_own_lines() {
        let tree = tree([
            ("app/requirements/base.txt", "# shared\nsix==1.16.0\n--requirement=../../common/pins.txt\n"),
            ("common/pins.txt", "\n\nidna==3.7\n"),
        ]);
        let text = "-r requirements/base.txt\npytest==8.0.0\n";
        let inventory = read("app/requirements.txt", text, &tree).unwrap();
        assert_eq!(
            found(&inventory),
            [
                ("six", "1.16.0", "app/requirements/base.txt", 2),
                ("idna", "3.7", "common/pins.txt", 3),
                ("pytest", "8.0.0", "app/requirements.txt", 2),
            ]
        );
        assert!(inventory.notes.is_empty(), "{:?}", inventory.notes);
    }

    #[test]
    fn cycles_repeats_depth_and_escapes_are_noted_not_followed() {
        let tree =
            tree([("a.txt", "alpha==1\n-r b.txt\n-rrequirements.txt\n"), ("b.txt", "beta==2\n-r a.txt\n")]);
        let text = "-r a.txt\n-r b.txt\n-r ../outside.txt\n-r https://example.org/r.txt\n-r /etc/r.txt\n";
        let inventory = read("requirements.txt", text, &tree).unwrap();
        // b.txt is read once although two files include it.
        assert_eq!(found(&inventory), [("alpha", "1", "a.txt", 1), ("beta", "2", "b.txt", 1)]);
        assert_notes(
            &inventory,
            &[
                "a.txt:3: requirements.txt: include cycle",
                "b.txt:2: a.txt: include cycle",
                "line 3: ../outside.txt: requirements outside the scanned tree",
                "line 4: https://example.org/r.txt: requirements from a URL are not read",
                "line 5: /etc/r.txt: requirements outside the scanned tree",
            ],
        );

        // Each file includes the next one: the chain stops at the depth limit with a note.
        let chain =
            Tree((0..30).map(|i| (format!("r{i}.txt"), format!("p{i}==1.0\n-r r{}.txt\n", i + 1))).collect());
        let inventory = read("requirements.txt", "-r r0.txt\n", &chain).unwrap();
        assert_eq!(inventory.packages.len(), super::MAX_INCLUDE_DEPTH);
        assert_notes(&inventory, &["nest deeper than 10 levels"]);
    }

    #[test]
    fn constraints_pin_unpinned_requirements_where_they_are_written() {
        let tree = tree([
            ("constraints.txt", "# pins\nFlask==2.3.2\nrequests>=2\n-r more-constraints.txt\n"),
            ("more-constraints.txt", "Jinja2==3.1.4 ; python_version >= '3.8'\nnot-required==9.9\n"),
        ]);
        let text = "flask[async]>=2.0\njinja2\nrequests\n-c constraints.txt\nsix==1.16.0\n";
        let inventory = read("requirements.txt", text, &tree).unwrap();
        assert_eq!(
            found(&inventory),
            [
                ("six", "1.16.0", "requirements.txt", 5),
                ("flask", "2.3.2", "constraints.txt", 2),
                ("jinja2", "3.1.4", "more-constraints.txt", 1),
            ]
        );
        assert_eq!(inventory.notes, ["line 3: requests: unpinned, no version to check"]);
    }

    #[test]
    fn odd_input_is_read_without_panicking() {
        for text in
            ["-r", "-r\n", "==1.0\n", "-\u{e9}x\n", "\\", "name==\n", "[x]==1\n", "-c=\n", "\u{feff}a==1\n"]
        {
            let inventory = read("requirements.txt", text, &NoFiles).unwrap();
            assert!(inventory.packages.len() <= 1, "{text:?}");
        }
        let inventory = read("requirements.txt", "-r\n", &NoFiles).unwrap();
        assert_notes(&inventory, &["an include of requirements names no file"]);
    }
}
