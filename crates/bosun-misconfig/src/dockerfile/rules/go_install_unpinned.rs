use crate::dockerfile::commands::{is_dynamic, name_list, runs};
use crate::dockerfile::DockerfileView;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DF045",
        name: "go-install-unpinned",
        title: "go install fetches a moving version",
        severity: Severity::Low,
        domain: Domain::Dockerfile,
        checklist: &["img.lint", "img.fixed-tags"],
        aliases: &["DL3062"],
        rationale: "`go install example.com/tool@latest` (or `@main`, or a prefix like `@v1`) resolves to \
                    whatever the module's newest matching version is on the day of the build, so rebuilds \
                    install different code. Without an `@` suffix the version comes from the current \
                    module's go.mod, which is pinned.",
        remediation: "Name a full version: `go install example.com/tool@v1.4.2`.",
        bad_example: "FROM golang:1.22\nRUN go install golang.org/x/tools/gopls@latest\n",
        good_example: "FROM golang:1.22\nRUN go install golang.org/x/tools/gopls@v0.16.1\n",
    },
    check: Check::Dockerfile(check),
};

const GO_VALUE_OPTIONS: &[&str] = &[
    "-C",
    "-p",
    "-tags",
    "-ldflags",
    "-gcflags",
    "-asmflags",
    "-mod",
    "-modfile",
    "-pkgdir",
    "-toolexec",
    "-overlay",
    "-pgo",
    "-buildmode",
    "-compiler",
    "-gccgoflags",
    "-installsuffix",
];

fn check(view: &DockerfileView, hits: &mut Hits) {
    for run in runs(view) {
        for cmd in run.commands.iter().filter(|cmd| cmd.is("go")) {
            let args = cmd.parse(GO_VALUE_OPTIONS);
            if args.subcommand() != Some("install") {
                continue;
            }
            let moving: Vec<&str> = args.rest().iter().copied().filter(|pkg| is_moving(pkg)).collect();
            if !moving.is_empty() {
                hits.push(
                    run.instruction.span,
                    format!(
                        "`go install` fetches {} at a moving version (write @vX.Y.Z)",
                        name_list(&moving)
                    ),
                );
            }
        }
    }
}

/// `pkg@latest`, `pkg@main`, `pkg@v1`: a query that resolves differently over
/// time. A full semantic version, a pseudo-version or a commit hash is fixed.
fn is_moving(package: &str) -> bool {
    let Some((_, version)) = package.rsplit_once('@') else { return false };
    if is_dynamic(version) {
        return false;
    }
    let full_semver = version
        .strip_prefix('v')
        .is_some_and(|v| v.split(['-', '+']).next().is_some_and(|core| core.split('.').count() == 3));
    let commit = version.len() >= 7 && version.chars().all(|c| c.is_ascii_hexdigit());
    !full_semver && !commit
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    fn messages(script: &str) -> Vec<String> {
        run_on_example(&RULE, &format!("FROM golang:1.22\nRUN {script}\n"))
            .into_iter()
            .map(|f| f.message)
            .collect()
    }

    #[test]
    fn fixed_versions_and_module_builds() {
        for script in [
            "go install ./cmd/server",
            "go install -ldflags='-s -w' .",
            "go install github.com/x/y/cmd/z",
            "go install github.com/x/y@v0.0.0-20240101000000-abcdef123456",
            "go install github.com/x/y@0123abcd",
            "go install github.com/x/y@${VERSION}",
        ] {
            assert!(messages(script).is_empty(), "{script}");
        }
    }

    #[test]
    fn queries_are_moving() {
        assert_eq!(
            messages("go install github.com/a/b@main github.com/c/d@v1 github.com/e/f@v1.2.3"),
            ["`go install` fetches github.com/a/b@main, github.com/c/d@v1 at a moving version (write @vX.Y.Z)"]
        );
    }
}
