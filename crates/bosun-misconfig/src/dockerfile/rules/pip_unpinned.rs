use crate::dockerfile::commands::{env_set, is_dynamic, name_list, runs};
use crate::dockerfile::packages::PipCall;
use crate::dockerfile::DockerfileView;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DF041",
        name: "pip-package-unpinned",
        title: "pip installs packages named without a version",
        severity: Severity::Low,
        domain: Domain::Dockerfile,
        checklist: &["img.lint", "img.fixed-tags"],
        aliases: &["DL3013"],
        rationale: "`pip install flask` takes the newest release on PyPI at build time, and with it the \
                    newest release of every dependency. A rebuild can pick up a breaking change or a \
                    compromised release without any change to the repository.",
        remediation: "Pin packages (`flask==3.0.3`), or install from a requirements file with pinned versions \
                      (`pip install -r requirements.txt`) or under a constraints file (`-c constraints.txt`).",
        bad_example: "FROM python:3.12-slim\nRUN pip install --no-cache-dir flask gunicorn==22.0.0\n",
        good_example: "FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install --no-cache-dir --upgrade pip \\\n && pip install --no-cache-dir -r requirements.txt gunicorn==22.0.0\n",
    },
    check: Check::Dockerfile(check),
};

/// pip's own tooling: upgrading it is routine and does not change what the
/// application runs.
const INSTALLER: &[&str] = &["pip", "setuptools", "wheel"];

fn check(view: &DockerfileView, hits: &mut Hits) {
    for run in runs(view) {
        if env_set(view, run.position, "PIP_CONSTRAINT") {
            continue;
        }
        for cmd in &run.commands {
            let Some(pip) = PipCall::of(cmd) else { continue };
            if !pip.is_install() || pip.args.has(&["-c", "--constraint", "--build-constraint"]) {
                continue;
            }
            let unpinned: Vec<&str> = pip
                .args
                .rest()
                .iter()
                .copied()
                .filter(|spec| !is_pinned_or_local(spec) && !is_installer(spec))
                .collect();
            if !unpinned.is_empty() {
                hits.push(
                    run.instruction.span,
                    format!(
                        "`{}` installs {} without a version (write name==version)",
                        pip.label,
                        name_list(&unpinned)
                    ),
                );
            }
        }
    }
}

/// A requirement with a version specifier or direct reference, or a local
/// path, archive or URL rather than a name looked up on an index.
fn is_pinned_or_local(spec: &str) -> bool {
    is_dynamic(spec)
        || spec.contains(['=', '<', '>', '@', '/'])
        || spec.starts_with(['.', '~'])
        || [".whl", ".tar.gz", ".zip", ".tgz"].iter().any(|ext| spec.ends_with(ext))
}

fn is_installer(spec: &str) -> bool {
    let name = spec.split('[').next().unwrap_or(spec).to_ascii_lowercase();
    INSTALLER.contains(&name.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    fn messages(script: &str) -> Vec<String> {
        run_on_example(&RULE, &format!("FROM python:3.12-slim\nRUN {script}\n"))
            .into_iter()
            .map(|f| f.message)
            .collect()
    }

    #[test]
    fn names_what_is_unpinned() {
        assert_eq!(
            messages("python3 -m pip install -U 'uvicorn[standard]' pip 'fastapi~=0.111' -i https://pypi.example/simple"),
            ["`python3 -m pip install` installs uvicorn[standard] without a version (write name==version)"]
        );
        assert_eq!(messages("uv pip install --system ruff").len(), 1);
    }

    #[test]
    fn files_paths_and_constraints_are_fine() {
        for script in [
            "pip install -r requirements.txt",
            "pip install --requirement=requirements.txt",
            "pip install .",
            "pip install -e ./libs/core",
            "pip install /wheels/app-1.0-py3-none-any.whl",
            "pip3 install -c constraints.txt flask",
            "pip install 'app @ git+https://github.com/x/app@v1.2'",
            "pip install --upgrade pip setuptools wheel",
            "pip install $PACKAGES",
            "pip download flask",
        ] {
            assert!(messages(script).is_empty(), "{script}");
        }
        let constrained = "FROM python:3.12-slim\nENV PIP_CONSTRAINT=/c.txt\nRUN pip install flask\n";
        assert!(run_on_example(&RULE, constrained).is_empty());
    }
}
