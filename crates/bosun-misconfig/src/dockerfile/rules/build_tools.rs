use crate::dockerfile::commands::{is_dynamic, name_list, runs, shipped_stages, Run};
use crate::dockerfile::packages::{bare_name, Action, Manager, PackageCall};
use crate::dockerfile::DockerfileView;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DF058",
        name: "build-tools-in-final-image",
        title: "Compilers and build tools are installed in the final image",
        severity: Severity::Medium,
        domain: Domain::Dockerfile,
        checklist: &["img.multistage", "img.minimal-base"],
        aliases: &[],
        rationale: "gcc, make, a Go or Rust toolchain or Maven in the image that ships let anyone who gets a \
                    shell in the container compile and run their own tools, and add hundreds of packages \
                    to patch. A multi-stage build compiles in a builder stage and copies only the result \
                    into the final one.",
        remediation: "Move the build into a stage of its own (`FROM ... AS build`) and `COPY --from=build` the \
                      artifacts; or remove the tools in the same RUN (`apk add --virtual .build-deps ... && \
                      apk del .build-deps`).",
        bad_example: "FROM python:3.12-slim\nCOPY requirements.txt .\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends gcc=4:12.2.0-3 libpq-dev=15.8-0+deb12u1 \\\n && pip install --no-cache-dir -r requirements.txt \\\n && rm -rf /var/lib/apt/lists/*\n",
        good_example: "FROM python:3.12-slim AS build\nCOPY requirements.txt .\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends gcc=4:12.2.0-3 libpq-dev=15.8-0+deb12u1 \\\n && pip wheel --no-cache-dir --wheel-dir /wheels -r requirements.txt\n\nFROM python:3.12-slim\nCOPY --from=build /wheels /wheels\nRUN pip install --no-cache-dir /wheels/*\n",
    },
    check: Check::Dockerfile(check),
};

const TOOLCHAIN: &[&str] = &[
    "gcc",
    "g++",
    "gcc-c++",
    "clang",
    "make",
    "cmake",
    "autoconf",
    "automake",
    "libtool",
    "build-essential",
    "build-base",
    "alpine-sdk",
    "golang",
    "golang-go",
    "go",
    "rust",
    "rustc",
    "cargo",
    "maven",
    "gradle",
];

/// Toolchain packages that distributions also ship per version: `gcc-12`, `clang-17`, `golang-1.22`.
const VERSIONED: &[&str] = &["gcc", "g++", "clang", "golang"];

/// One install of build tools, and what would remove them again.
struct Install<'r> {
    run: &'r Run<'r>,
    command: usize,
    label: String,
    manager: Manager,
    tools: Vec<String>,
    /// The apk `--virtual` group the packages were added under.
    group: Option<String>,
}

fn check(view: &DockerfileView, hits: &mut Hits) {
    let shipped = shipped_stages(view);
    let runs: Vec<Run> = runs(view).into_iter().filter(|run| run.ships(&shipped)).collect();
    let mut installs = Vec::new();
    for run in &runs {
        for (command, cmd) in run.commands.iter().enumerate() {
            let Some(call) = PackageCall::of(cmd) else { continue };
            if call.action != Action::Install {
                continue;
            }
            let tools: Vec<String> = call
                .named_packages()
                .into_iter()
                .filter(|package| is_toolchain(call.manager, package))
                .map(String::from)
                .collect();
            if !tools.is_empty() {
                let group = call.args.values(&["-t", "--virtual"]).next().map(String::from);
                installs.push(Install {
                    run,
                    command,
                    label: call.label,
                    manager: call.manager,
                    tools,
                    group,
                });
            }
        }
    }
    for install in installs {
        let kept: Vec<&str> = install
            .tools
            .iter()
            .map(String::as_str)
            .filter(|tool| !removed_later(&runs, &install, tool))
            .collect();
        if !kept.is_empty() {
            hits.push(
                install.run.instruction.span,
                format!(
                    "`{}` puts the build tools {} into the final image and nothing removes them",
                    install.label,
                    name_list(&kept)
                ),
            );
        }
    }
}

fn is_toolchain(manager: Manager, package: &str) -> bool {
    let name = bare_name(manager, package).to_ascii_lowercase();
    let versioned = VERSIONED.iter().any(|tool| {
        name.strip_prefix(tool)
            .and_then(|rest| rest.strip_prefix('-'))
            .is_some_and(|v| v.starts_with(|c: char| c.is_ascii_digit()))
    });
    let group = name == "@development-tools" || name == "@development" || name.contains("development tools");
    TOOLCHAIN.contains(&name.as_str()) || versioned || group
}

/// A later removal (in the same RUN after the install, or in a later RUN of
/// the shipped stages) names the tool, its apk group, or a `$VARIABLE` that
/// may hold either. For apt, `apt-mark auto` followed by an autoremove (the
/// official images' pattern) removes everything not marked manual again.
fn removed_later(runs: &[Run], install: &Install, tool: &str) -> bool {
    let start = runs.iter().position(|run| std::ptr::eq(run, install.run)).unwrap_or(0);
    let tool_name = bare_name(install.manager, tool);
    runs[start..].iter().enumerate().any(|(offset, run)| {
        let from = if offset == 0 { install.command + 1 } else { 0 };
        let later = run.commands.get(from..).unwrap_or_default();
        let marked_auto = install.manager == Manager::Apt
            && later
                .iter()
                .any(|cmd| cmd.is("apt-mark") && cmd.args.first().is_some_and(|verb| verb == "auto"));
        marked_auto
            || later.iter().filter_map(PackageCall::of).any(|call| {
                call.action == Action::Remove
                    && call.operands.iter().any(|op| {
                        is_dynamic(op)
                            || bare_name(call.manager, op) == tool_name
                            || install.group.as_deref() == Some(op)
                    })
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    fn messages(text: &str) -> Vec<String> {
        run_on_example(&RULE, text).into_iter().map(|f| f.message).collect()
    }

    fn run(script: &str) -> Vec<String> {
        messages(&format!("FROM alpine:3.20\nRUN {script}\n"))
    }

    #[test]
    fn names_the_tools_left_behind() {
        assert_eq!(
            run("apk add --no-cache gcc musl-dev make cmake~3.29 && make && apk del make"),
            ["`apk add` puts the build tools gcc, cmake~3.29 into the final image and nothing removes them"]
        );
        assert_eq!(run("apt-get install -y g++-12 build-essential").len(), 1);
        assert_eq!(run("dnf -y groupinstall 'Development Tools'").len(), 1);
        assert_eq!(run("dnf install -y gcc-8.5.0-4.el8 && dnf clean all").len(), 1);
    }

    #[test]
    fn removed_tools_are_fine() {
        for script in [
            "apk add --no-cache --virtual .build-deps gcc musl-dev && pip install x && apk del .build-deps",
            "apt-get install -y gcc && make && apt-get purge -y --auto-remove gcc",
            "apt-get install -y gcc make && apt-get purge -y $BUILD_DEPS",
            "savedAptMark=\"$(apt-mark showmanual)\"; apt-get install -y gcc make; make; apt-mark auto '.*' > /dev/null; apt-mark manual $savedAptMark; apt-get purge -y --auto-remove",
            "apk add --no-cache libpq musl",
        ] {
            assert!(run(script).is_empty(), "{script}");
        }
        let later = "FROM alpine:3.20\nRUN apk add --no-cache gcc\nRUN apk del gcc\n";
        assert!(messages(later).is_empty());
    }

    #[test]
    fn builder_stages_may_have_tools() {
        let text = "FROM golang:1.22 AS build\nRUN apt-get install -y make\nFROM alpine:3.20\nCOPY --from=build /out/app /app\n";
        assert!(messages(text).is_empty());
    }
}
