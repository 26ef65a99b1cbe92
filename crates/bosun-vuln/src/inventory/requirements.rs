//! pip requirements files (`requirements*.txt`): exact pins (`name==1.2`,
//! `name===1.2`) with extras, environment markers, `--hash` options and line
//! continuations. Requirements that pin nothing (`name>=1.2`, bare names), URLs,
//! local paths and editable installs are noted, not inventoried: no single
//! version is known to be installed. `-r`/`-c` includes are noted with the file
//! they name.

use super::{FileInventory, Files, Package};

pub fn read(path: &str, text: &str, files: &dyn Files) -> Result<FileInventory, String> {
    let _ = files;
    let mut inventory = FileInventory::default();
    for (line, logical) in logical_lines(text) {
        let requirement = strip_comment(&logical);
        let requirement = requirement.trim();
        if requirement.is_empty() {
            continue;
        }
        if requirement.starts_with('-') {
            note_option(requirement, &mut inventory);
            continue;
        }
        // Options after a requirement (`--hash=sha256:...`) and markers (`; python_version < "3.8"`).
        let requirement = requirement.split(" --").next().unwrap_or(requirement);
        let requirement = requirement.split(';').next().unwrap_or(requirement).trim();
        if requirement.contains("://") || requirement.starts_with('.') || requirement.starts_with('/') {
            inventory.notes.push(format!("line {line}: {requirement}: not from a package index"));
            continue;
        }
        match pinned(requirement) {
            Some((name, version)) => inventory.packages.push(Package::new("PyPI", name, version, path, line)),
            None => {
                inventory.notes.push(format!("line {line}: {requirement}: unpinned, no version to check"))
            }
        }
    }
    Ok(inventory)
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

fn note_option(option: &str, inventory: &mut FileInventory) {
    let mut words = option.split(|c: char| c.is_whitespace() || c == '=');
    let flag = words.next().unwrap_or_default();
    let value = words.find(|w| !w.is_empty()).unwrap_or_default();
    match flag {
        "-r" | "--requirement" => inventory.notes.push(format!("includes {value}")),
        "-c" | "--constraint" => inventory.notes.push(format!("constraints from {value}")),
        "-e" | "--editable" => {
            inventory.notes.push(format!("{value}: an editable install, not from a package index"))
        }
        _ => {}
    }
}

/// `name[extras]==version` → (name, version) for exact pins only.
fn pinned(requirement: &str) -> Option<(&str, &str)> {
    let (spec_name, version) = requirement.split_once("===").or_else(|| requirement.split_once("=="))?;
    let version = version.trim();
    let name = spec_name.split('[').next().unwrap_or(spec_name).trim();
    let valid_name =
        !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    // `==1.*` is a prefix match, not a pin; `==1.0,<2` has further clauses.
    let exact = !version.is_empty() && !version.contains(['*', ',', ' ', '<', '>', '!', '~']);
    (valid_name && exact).then_some((name, version))
}

#[cfg(test)]
mod tests {
    use super::read;

    #[test]
    fn pins_with_extras_markers_hashes_and_continuations() {
        let text = "# generated\nrequests[socks]==2.31.0 ; python_version >= \"3.8\" \\\n    --hash=sha256:abc \\\n    --hash=sha256:def\nDjango===4.2.1  # via app\nflask>=2.0\nnumpy\n-r base.txt\n-e git+https://example.org/x.git#egg=x\nhttps://example.org/pkg.whl\nfoo==1.*\n";
        let inventory = read("requirements.txt", text, &super::super::NoFiles).unwrap();
        let found: Vec<(&str, &str, u32)> =
            inventory.packages.iter().map(|p| (p.name.as_str(), p.version.as_str(), p.line)).collect();
        assert_eq!(found, [("requests", "2.31.0", 2), ("Django", "4.2.1", 5)]);
        assert_eq!(inventory.packages[1].purl, "pkg:pypi/django@4.2.1");
        let notes = inventory.notes.join("\n");
        for expected in [
            "flask>=2.0: unpinned",
            "numpy: unpinned",
            "includes base.txt",
            "editable",
            "not from a package index",
            "foo==1.*: unpinned",
        ] {
            assert!(notes.contains(expected), "missing note {expected:?} in:\n{notes}");
        }
    }
}
