use crate::dockerfile::{copy_paths, DockerfileView};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};
use bosun_syntax::dockerfile::Keyword;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DF007",
        name: "add-instead-of-copy",
        title: "ADD is used where COPY would do",
        severity: Severity::Low,
        domain: Domain::Dockerfile,
        checklist: &["img.lint"],
        aliases: &["DL3020", "DS-0005", "CKV_DOCKER_4"],
        rationale: "ADD does more than copy: it downloads URLs, clones git repositories and unpacks any local \
                    file it recognises as a tar archive, by content, whatever its name. Used for plain files it \
                    hides that behaviour from reviewers, and a file that later turns into an archive (a vendored \
                    tarball, a test fixture) gets extracted instead of copied. COPY does only what it says. \
                    ADD of URLs, git repositories and files named like archives is not reported here.",
        remediation: "Replace `ADD` with `COPY` for local files and directories.",
        bad_example: "FROM alpine:3.20\nADD config.yaml /etc/app/config.yaml\n",
        good_example: "FROM alpine:3.20\nCOPY config.yaml /etc/app/config.yaml\nADD rootfs.tar.gz /\n",
    },
    check: Check::Dockerfile(check),
};

fn check(view: &DockerfileView, hits: &mut Hits) {
    for add in view.all(Keyword::Add) {
        let Some((sources, _)) = copy_paths(add) else { continue };
        if sources.iter().all(|source| is_plain_local(source)) {
            hits.push(
                add.span,
                format!("ADD {} copies local files: COPY does that without side effects", sources.join(" ")),
            );
        }
    }
}

/// A local path (or heredoc) that ADD would merely copy, as far as the name tells.
fn is_plain_local(source: &str) -> bool {
    let lower = source.to_ascii_lowercase();
    let special = lower.contains("://") || lower.starts_with("git@") || lower.contains('$');
    !special && !is_archive_name(&lower)
}

/// Names ADD is used for on purpose, to unpack them.
fn is_archive_name(lower: &str) -> bool {
    const EXTENSIONS: &[&str] =
        &[".tar", ".tgz", ".tbz", ".tbz2", ".txz", ".tzst", ".gz", ".bz2", ".xz", ".zst", ".lz", ".lzma"];
    EXTENSIONS.iter().any(|ext| lower.ends_with(ext))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    fn count(text: &str) -> usize {
        run_on_example(&RULE, text).len()
    }

    #[test]
    fn archives_urls_git_and_variables_are_left_to_add() {
        assert_eq!(count("FROM alpine:3.20\nADD go1.22.linux-amd64.tar.gz /usr/local/\n"), 0);
        assert_eq!(count("FROM alpine:3.20\nADD https://example.com/a.txt /a.txt\n"), 0);
        assert_eq!(count("FROM alpine:3.20\nADD git@github.com:acme/lib.git /src\n"), 0);
        assert_eq!(count("FROM alpine:3.20\nARG PKG\nADD $PKG /opt/\n"), 0);
    }

    #[test]
    fn plain_files_directories_and_exec_form() {
        assert_eq!(count("FROM alpine:3.20\nADD . /app\n"), 1);
        assert_eq!(count("FROM alpine:3.20\nADD [\"a b.txt\", \"c.json\", \"/etc/app/\"]\n"), 1);
        assert_eq!(count("FROM alpine:3.20\nADD --chown=app:app src/ /app/src/\n"), 1);
    }
}
