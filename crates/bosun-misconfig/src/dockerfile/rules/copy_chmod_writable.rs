use crate::dockerfile::DockerfileView;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DF021",
        name: "copy-chmod-writable",
        title: "COPY or ADD makes files group- or world-writable",
        severity: Severity::Medium,
        domain: Domain::Dockerfile,
        checklist: &["img.root-owned-executables"],
        aliases: &[],
        rationale: "`--chmod` with a mode such as 777, 775 or 666 lets every user in the container (or every \
                    member of the file's group) change what was copied. For code and binaries that means any \
                    process, however unprivileged, can replace what the container runs; for configuration it \
                    means it can change how it runs. Files the image ships should be writable by their owner \
                    (root) at most: 755 for executables and directories, 644 for the rest.",
        remediation: "Use `--chmod=755` for executables and directories and `--chmod=644` for other files; give \
                      write access only to data directories, through their owner.",
        bad_example: "FROM alpine:3.20\nCOPY --chmod=777 entrypoint.sh /usr/local/bin/entrypoint.sh\nENTRYPOINT [\"entrypoint.sh\"]\n",
        good_example: "FROM alpine:3.20\nCOPY --chmod=755 entrypoint.sh /usr/local/bin/entrypoint.sh\nENTRYPOINT [\"entrypoint.sh\"]\n",
    },
    check: Check::Dockerfile(check),
};

fn check(view: &DockerfileView, hits: &mut Hits) {
    for instruction in &view.file.instructions {
        let Some(mode) = instruction.flag_value("chmod") else { continue };
        let mode = view.expand_at(instruction, mode);
        let who = match writable_by(&mode) {
            Some(Writable::World) => "every user",
            Some(Writable::Group) => "the file's group",
            None => continue,
        };
        let keyword = instruction.keyword_raw.to_ascii_uppercase();
        hits.push(
            instruction.span,
            format!("{keyword} --chmod={mode} makes the copied files writable by {who}"),
        );
    }
}

#[derive(Debug, PartialEq, Eq)]
enum Writable {
    World,
    Group,
}

/// Who besides the owner may write, for an octal (`0775`) or symbolic
/// (`u=rwx,go=rx`, `a+w`) mode. `None` for owner-only modes and for modes
/// that cannot be read (variables, typos).
fn writable_by(mode: &str) -> Option<Writable> {
    if !mode.is_empty() && mode.len() <= 4 && mode.bytes().all(|b| (b'0'..=b'7').contains(&b)) {
        let bits = u32::from_str_radix(mode, 8).ok()?;
        return if bits & 0o002 != 0 {
            Some(Writable::World)
        } else if bits & 0o020 != 0 {
            Some(Writable::Group)
        } else {
            None
        };
    }
    let mut group = false;
    for clause in mode.split(',') {
        let Some(op) = clause.find(['+', '=']) else { continue };
        let (who, perms) = clause.split_at(op);
        if !who.bytes().all(|b| b"ugoa".contains(&b)) || !perms[1..].contains('w') {
            continue;
        }
        // No `who` means everyone, as with `a`.
        if who.is_empty() || who.contains(['a', 'o']) {
            return Some(Writable::World);
        }
        group |= who.contains('g');
    }
    group.then_some(Writable::Group)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    #[test]
    fn octal_and_symbolic_modes() {
        assert_eq!(writable_by("777"), Some(Writable::World));
        assert_eq!(writable_by("0666"), Some(Writable::World));
        assert_eq!(writable_by("775"), Some(Writable::Group));
        assert_eq!(writable_by("2770"), Some(Writable::Group));
        assert_eq!(writable_by("755"), None);
        assert_eq!(writable_by("0644"), None);
        assert_eq!(writable_by("a+rwx"), Some(Writable::World));
        assert_eq!(writable_by("+w"), Some(Writable::World));
        assert_eq!(writable_by("u=rwx,g=rwx,o=rx"), Some(Writable::Group));
        assert_eq!(writable_by("u+x,go-w"), None);
        assert_eq!(writable_by("$MODE"), None);
    }

    #[test]
    fn add_and_variables() {
        let text = "FROM alpine:3.20\nARG MODE=0664\nADD --chmod=$MODE app.tar.gz /opt/\n";
        let found: Vec<_> = run_on_example(&RULE, text).into_iter().map(|f| f.message).collect();
        assert_eq!(found, vec!["ADD --chmod=0664 makes the copied files writable by the file's group"]);
    }
}
