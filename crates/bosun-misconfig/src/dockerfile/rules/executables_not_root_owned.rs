use crate::dockerfile::{copy_paths, DockerfileView};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};
use bosun_syntax::dockerfile::{shell, Instruction, Keyword};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DF020",
        name: "executables-owned-by-runtime-user",
        title: "The user the container runs as owns its executables",
        severity: Severity::Medium,
        domain: Domain::Dockerfile,
        checklist: &["img.root-owned-executables"],
        aliases: &[],
        rationale: "Running as a non-root user only contains a compromise if that user cannot change the code \
                    it runs. When `COPY --chown` or `RUN chown` hands the application directory, a bin \
                    directory or the very program ENTRYPOINT/CMD starts to the runtime user, an attacker who \
                    gets code execution can rewrite the application or drop a backdoor that survives restarts \
                    of the process. Executables should stay owned by root and not be writable; only data \
                    directories (uploads, caches, state) need to belong to the runtime user. The rule \
                    reports ownership given, in the final image, to the user of its last USER, of a bin \
                    directory, of a path ENTRYPOINT/CMD runs, or of the whole build context copied into the \
                    directory the container starts in.",
        remediation: "Drop `--chown` from COPY of code and binaries (root ownership, world-readable, is enough to \
                      run them) and chown only the directories the app writes to.",
        bad_example: "FROM node:20-alpine\nWORKDIR /app\nCOPY --chown=node:node . .\nUSER node\nCMD [\"node\", \"server.js\"]\n",
        good_example: "FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nRUN mkdir -p /app/uploads && chown node:node /app/uploads\nUSER node\nCMD [\"node\", \"server.js\"]\n",
    },
    check: Check::Dockerfile(check),
};

/// A change of ownership: which instruction, to whom, and the paths it covers.
struct Grant<'a> {
    instruction: &'a Instruction,
    /// How the instruction gives ownership, for messages: `COPY --chown=app`.
    how: String,
    owner: String,
    paths: Vec<String>,
    /// The grant covers the whole build context (`COPY . .`) or a whole
    /// directory by `chown`, not individual files.
    whole_tree: bool,
}

fn check(view: &DockerfileView, hits: &mut Hits) {
    let Some(stage) = view.final_stage() else { return };
    let mut workdir: Option<String> = None;
    let mut grants = Vec::new();
    let mut user = None;
    let (mut entrypoint, mut cmd) = (None, None);
    for ancestor in view.lineage(stage.index).into_iter().rev() {
        for instruction in view.file.stage_instructions(ancestor) {
            let cwd = workdir.clone().unwrap_or_else(|| "/".to_string());
            match instruction.keyword {
                Keyword::Workdir => {
                    if let Some(path) = instruction.words().first() {
                        workdir = Some(join(&cwd, &view.expand_at(instruction, path)));
                    }
                }
                Keyword::User => user = instruction.words().first().map(|u| view.expand_at(instruction, u)),
                Keyword::Entrypoint => entrypoint = Some(instruction),
                Keyword::Cmd => cmd = Some(instruction),
                Keyword::Copy | Keyword::Add => grants.extend(copy_grant(view, instruction, &cwd)),
                Keyword::Run => grants.extend(chown_grants(view, instruction, &cwd)),
                _ => {}
            }
        }
    }
    let Some(user) = user.as_deref().and_then(account) else { return };
    let runtime_dir = workdir.clone().unwrap_or_else(|| "/".to_string());
    let targets: Vec<String> = [entrypoint, cmd]
        .into_iter()
        .flatten()
        .flat_map(|instruction| run_targets(instruction, &runtime_dir))
        .collect();
    for grant in grants {
        let Some(owner) = account(&grant.owner) else { continue };
        if !same_account(owner, user) {
            continue;
        }
        let reason = grant.paths.iter().find_map(|path| {
            if is_bin_dir(path) {
                return Some(format!("{path}, a directory of executables"));
            }
            if grant.whole_tree && workdir.as_deref() == Some(path.as_str()) {
                return Some(format!("the application directory {path} the container runs in"));
            }
            let target = targets.iter().find(|t| is_under(t, path))?;
            Some(if target == path {
                format!("{path}, which the container runs")
            } else {
                format!("{path}, which holds {target} that the container runs")
            })
        });
        if let Some(reason) = reason {
            hits.push(
                grant.instruction.span,
                format!("{} lets runtime user {user} rewrite {reason}", grant.how),
            );
        }
    }
}

fn copy_grant<'a>(view: &DockerfileView, instruction: &'a Instruction, cwd: &str) -> Option<Grant<'a>> {
    let owner = view.expand_at(instruction, instruction.flag_value("chown")?);
    let (sources, destination) = copy_paths(instruction)?;
    let destination = view.expand_at(instruction, &destination);
    let into_dir = destination.ends_with('/') || sources.len() > 1;
    let root = join(cwd, &destination);
    let from_context = instruction.flag("from").is_none();
    let whole_tree = sources.iter().any(|s| {
        let whole_context = from_context && matches!(s.as_str(), "." | "./" | "*" | "./*");
        whole_context || (!from_context && !has_extension(s))
    });
    let paths = sources
        .iter()
        .map(|source| {
            // A file copied into a directory lands under its own name; a
            // directory's contents land in the destination itself.
            if into_dir && has_extension(source) {
                join(&root, source.rsplit('/').next().unwrap_or(source))
            } else {
                root.clone()
            }
        })
        .collect();
    let how = format!("{} --chown={owner}", instruction.keyword_raw.to_ascii_uppercase());
    Some(Grant { instruction, how, owner, paths, whole_tree })
}

fn chown_grants<'a>(view: &DockerfileView, instruction: &'a Instruction, cwd: &str) -> Vec<Grant<'a>> {
    let mut grants = Vec::new();
    for command in shell::commands(&instruction.script()) {
        let Some(at) = command.words.iter().position(|w| w.rsplit('/').next() == Some("chown")) else {
            continue;
        };
        let mut operands = command.words[at + 1..].iter().filter(|w| !w.starts_with('-'));
        let Some(owner) = operands.next() else { continue };
        let owner = view.expand_at(instruction, owner);
        let paths: Vec<String> = operands.map(|p| join(cwd, &view.expand_at(instruction, p))).collect();
        grants.push(Grant { instruction, how: format!("RUN chown {owner}"), owner, paths, whole_tree: true });
    }
    grants
}

/// The user part of a `user[:group]` spec, unless it is root or unknown.
fn account(spec: &str) -> Option<&str> {
    let user = spec.split(':').next().unwrap_or(spec).trim();
    (!user.is_empty() && user != "root" && user != "0" && !user.contains('$')).then_some(user)
}

/// Names and numbers cannot be compared without the image's passwd, so a
/// name and a number are taken to be the same account.
fn same_account(a: &str, b: &str) -> bool {
    let numeric = |s: &str| s.bytes().all(|c| c.is_ascii_digit());
    a == b || numeric(a) != numeric(b)
}

/// Paths the container's command names: the program and script arguments.
fn run_targets(instruction: &Instruction, cwd: &str) -> Vec<String> {
    const SCRIPTS: &[&str] =
        &[".js", ".mjs", ".cjs", ".ts", ".py", ".rb", ".php", ".pl", ".sh", ".jar", ".dll"];
    shell::commands(&instruction.script())
        .into_iter()
        .flat_map(|command| command.words)
        .filter(|word| {
            !word.starts_with('-') && !word.contains("://") && !word.contains(['$', ' ', '\t', '\n'])
        })
        .filter(|word| word.contains('/') || SCRIPTS.iter().any(|ext| word.ends_with(ext)))
        .map(|word| join(cwd, &word))
        .collect()
}

fn is_bin_dir(path: &str) -> bool {
    path.split('/').any(|component| component == "bin" || component == "sbin")
}

fn has_extension(path: &str) -> bool {
    let name = path.trim_end_matches('/').rsplit('/').next().unwrap_or(path);
    name.rfind('.').is_some_and(|dot| dot > 0 && dot + 1 < name.len()) && !path.ends_with('/')
}

/// `path` resolved against `base` and normalised: absolute, no `.`, `..` or
/// trailing slash.
fn join(base: &str, path: &str) -> String {
    let full = if path.starts_with('/') { path.to_string() } else { format!("{base}/{path}") };
    let mut parts: Vec<&str> = Vec::new();
    for part in full.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            _ => parts.push(part),
        }
    }
    format!("/{}", parts.join("/"))
}

fn is_under(path: &str, root: &str) -> bool {
    path == root || root == "/" || path.strip_prefix(root).is_some_and(|rest| rest.starts_with('/'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    fn messages(text: &str) -> Vec<String> {
        run_on_example(&RULE, text).into_iter().map(|f| f.message).collect()
    }

    #[test]
    fn whole_app_dir_and_the_program_itself() {
        assert_eq!(
            messages(RULE.meta.bad_example),
            vec!["COPY --chown=node:node lets runtime user node rewrite the application directory /app the container runs in"]
        );
        let binary = "FROM alpine:3.20\nRUN adduser -D app\nCOPY --chown=app:app --from=build /out/server /srv/server\n\
                      USER app\nENTRYPOINT [\"/srv/server\"]\n";
        let binary = format!("FROM golang:1.22 AS build\nRUN go build -o /out/server .\n{binary}");
        assert_eq!(
            messages(&binary),
            vec!["COPY --chown=app:app lets runtime user app rewrite /srv/server, which the container runs"]
        );
    }

    #[test]
    fn bin_dirs_and_chown_of_the_workdir() {
        let text = "FROM python:3.12-slim\nRUN useradd -u 10001 app\nWORKDIR /opt/app\n\
                    COPY --chown=10001 tools/ /usr/local/bin/\nCOPY . .\nRUN chown -R app:app /opt/app\n\
                    USER app\nCMD [\"python\", \"-m\", \"app\"]\n";
        assert_eq!(
            messages(text),
            vec![
                "COPY --chown=10001 lets runtime user app rewrite /usr/local/bin, a directory of executables",
                "RUN chown app:app lets runtime user app rewrite the application directory /opt/app the container runs in",
            ]
        );
    }

    #[test]
    fn data_directories_other_users_and_root_are_fine() {
        let data = "FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nCOPY --chown=node:node data/ /app/data/\n\
                    COPY --chown=node config.json ./\nRUN chown node /app/cache\nUSER node\nCMD [\"node\", \"server.js\"]\n";
        assert!(messages(data).is_empty(), "{:?}", messages(data));
        let other = "FROM node:20-alpine\nWORKDIR /app\nCOPY --chown=builder . .\nUSER node\nCMD [\"node\", \"server.js\"]\n";
        assert!(messages(other).is_empty());
        let root = "FROM node:20-alpine\nWORKDIR /app\nCOPY --chown=root:root . .\nUSER node\nCMD [\"node\", \"server.js\"]\n";
        assert!(messages(root).is_empty());
        let as_root =
            "FROM node:20-alpine\nWORKDIR /app\nCOPY --chown=node . .\nCMD [\"node\", \"server.js\"]\n";
        assert!(messages(as_root).is_empty());
    }

    #[test]
    fn scripts_named_by_relative_paths() {
        let text = "FROM python:3.12-slim\nWORKDIR /srv\nCOPY --chown=app src/ ./src/\nUSER app\nCMD python src/main.py\n";
        assert_eq!(messages(text), vec!["COPY --chown=app lets runtime user app rewrite /srv/src, which holds /srv/src/main.py that the container runs"]);
    }

    #[test]
    fn paths_are_normalised() {
        assert_eq!(join("/app", "./x/../y/"), "/app/y");
        assert_eq!(join("/app", "/usr/local/bin/"), "/usr/local/bin");
        assert_eq!(join("/", "."), "/");
        assert!(is_under("/app/x", "/app") && !is_under("/application", "/app"));
    }
}
