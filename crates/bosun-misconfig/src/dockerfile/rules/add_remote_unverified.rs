use crate::dockerfile::{copy_paths, DockerfileView};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};
use bosun_syntax::dockerfile::Keyword;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DF008",
        name: "add-remote-without-checksum",
        title: "ADD downloads a file or repository without verifying it",
        severity: Severity::Medium,
        domain: Domain::Dockerfile,
        checklist: &["img.fixed-tags"],
        aliases: &[],
        rationale: "`ADD https://...` puts whatever the server answers into the image: a compromised server, a \
                    hijacked domain or a re-published release changes the image without any change to the \
                    Dockerfile, and plain `http://` lets anyone on the path swap the file. `--checksum` makes \
                    the build fail when the content differs. A git source is just as mutable when it names a \
                    branch or tag; a full commit id pins it.",
        remediation: "Add `--checksum=sha256:<hash>` to the ADD (or download with curl and check the hash with \
                      `sha256sum -c`); for git sources, name a full commit id after `#`.",
        bad_example: "FROM alpine:3.20\nADD https://downloads.example.com/tool/1.4.2/tool-linux-amd64 /usr/local/bin/tool\n",
        good_example: "FROM alpine:3.20\nADD --checksum=sha256:9a1c3c6bd4a4a7e1f3a62f2fd22f8e5c0b7d6e9f8a7b6c5d4e3f2a1b0c9d8e7f https://downloads.example.com/tool/1.4.2/tool-linux-amd64 /usr/local/bin/tool\n",
    },
    check: Check::Dockerfile(check),
};

fn check(view: &DockerfileView, hits: &mut Hits) {
    for add in view.all(Keyword::Add) {
        if add.flag("checksum").is_some() {
            continue;
        }
        let Some((sources, _)) = copy_paths(add) else { continue };
        for source in sources {
            let source = view.expand_at(add, &source);
            if is_git(&source) {
                if !pinned_to_commit(&source) {
                    hits.push(
                        add.span,
                        format!("ADD clones {source} at a branch or tag, which can move; pin a commit id"),
                    );
                }
            } else if let Some(rest) = source.strip_prefix("http://") {
                hits.push(
                    add.span,
                    format!("ADD downloads http://{rest} over plain HTTP without --checksum"),
                );
            } else if source.starts_with("https://") {
                hits.push(add.span, format!("ADD downloads {source} without --checksum"));
            }
        }
    }
}

/// BuildKit's idea of a git source: `git@`, `git://`, `ssh://` or an
/// http(s) URL whose path ends in `.git` (before any `#ref`).
fn is_git(source: &str) -> bool {
    let without_ref = source.split('#').next().unwrap_or(source);
    source.starts_with("git@")
        || source.starts_with("git://")
        || source.starts_with("ssh://")
        || (source.starts_with("http") && without_ref.trim_end_matches('/').ends_with(".git"))
}

/// `repo.git#<40 or 64 hex digits>`, optionally followed by `:subdir`.
fn pinned_to_commit(source: &str) -> bool {
    let Some((_, fragment)) = source.split_once('#') else { return false };
    let reference = fragment.split(':').next().unwrap_or_default();
    matches!(reference.len(), 40 | 64) && reference.bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    fn messages(text: &str) -> Vec<String> {
        run_on_example(&RULE, text).into_iter().map(|f| f.message).collect()
    }

    #[test]
    fn plain_http_is_called_out() {
        assert_eq!(
            messages("FROM alpine:3.20\nADD http://example.com/x.sh /x.sh\n"),
            vec!["ADD downloads http://example.com/x.sh over plain HTTP without --checksum"]
        );
    }

    #[test]
    fn git_sources_need_a_commit() {
        assert_eq!(
            messages("FROM alpine:3.20\nADD https://github.com/moby/buildkit.git#v0.14.1 /src\n").len(),
            1
        );
        assert_eq!(messages("FROM alpine:3.20\nADD git@github.com:acme/lib.git /src\n").len(), 1);
        let pinned = "FROM alpine:3.20\nADD https://github.com/moby/buildkit.git#4f1f0b7c2e1b2b6f5d0e8c8f7a6b5c4d3e2f1a0b:docs /src\n";
        assert!(messages(pinned).is_empty());
    }

    #[test]
    fn local_files_and_variables_from_args() {
        assert!(messages("FROM alpine:3.20\nADD app.tar.gz /app/\n").is_empty());
        let from_arg = "FROM alpine:3.20\nARG URL=https://example.com/tool\nADD ${URL} /usr/local/bin/tool\n";
        assert_eq!(messages(from_arg), vec!["ADD downloads https://example.com/tool without --checksum"]);
    }
}
