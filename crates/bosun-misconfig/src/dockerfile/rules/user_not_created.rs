use crate::dockerfile::{copy_paths, reference_text, DockerfileView};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};
use bosun_syntax::dockerfile::{shell, ImageRef, Instruction, Keyword};
use std::collections::HashMap;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DF005",
        name: "user-not-created",
        title: "USER names an account that does not exist in the image",
        severity: Severity::Low,
        domain: Domain::Dockerfile,
        checklist: &["img.non-root-user"],
        aliases: &[],
        rationale: "A user name (or group name) in USER must exist in the image's /etc/passwd (or /etc/group); \
                    otherwise the next RUN fails, or, worse, the build succeeds and every container start fails \
                    with \"unable to find user\", which is often \"fixed\" by deleting the USER line and running \
                    as root. The rule only speaks up when it can know: the base image is a well-known one \
                    (Debian, Ubuntu, Alpine, BusyBox, the Red Hat family, the official language images, \
                    distroless, Chainguard, .NET, scratch) whose accounts are known, no RUN before the USER \
                    creates the account (useradd, adduser, groupadd, addgroup) in this stage or the stages it \
                    builds on, and nothing writes /etc/passwd. Numeric ids need no entry and are never reported.",
        remediation: "Create the account first (`RUN useradd --system --uid 10001 app` or `adduser -S -u 10001 \
                      app`), or use a numeric `USER 10001:10001`.",
        bad_example: "FROM debian:bookworm-slim\nCOPY app /usr/local/bin/app\nUSER app\nCMD [\"app\"]\n",
        good_example: "FROM debian:bookworm-slim\nRUN useradd --system --uid 10001 app\nCOPY app /usr/local/bin/app\nUSER app\nCMD [\"app\"]\n",
    },
    check: Check::Dockerfile(check),
};

/// Accounts the usual Debian, Ubuntu, Alpine and Red Hat family images ship.
const SYSTEM_USERS: &[&str] = &[
    "root",
    "daemon",
    "bin",
    "sys",
    "sync",
    "games",
    "man",
    "lp",
    "mail",
    "news",
    "uucp",
    "proxy",
    "www-data",
    "backup",
    "list",
    "irc",
    "gnats",
    "_apt",
    "nobody",
    "ubuntu",
    "shutdown",
    "halt",
    "operator",
    "adm",
    "cron",
    "ftp",
    "sshd",
    "ntp",
    "guest",
    "postmaster",
    "smmsp",
    "squid",
    "xfs",
    "at",
    "cyrus",
    "vpopmail",
];

const SYSTEM_GROUPS: &[&str] = &[
    "root", "daemon", "bin", "sys", "adm", "tty", "disk", "lp", "mail", "news", "uucp", "man", "proxy",
    "kmem", "dialout", "fax", "voice", "cdrom", "floppy", "tape", "sudo", "audio", "dip", "www-data",
    "backup", "operator", "list", "irc", "src", "gnats", "shadow", "utmp", "video", "sasl", "plugdev",
    "staff", "games", "users", "nogroup", "nobody", "wheel", "cron", "ftp", "sshd", "input", "netdev", "kvm",
    "ntp", "abuild", "ping", "ubuntu",
];

/// Docker Hub images built on those distributions that add no account of
/// their own, or one named after the image (`nginx`, `node`).
const KNOWN_HUB_IMAGES: &[&str] = &[
    "alpine",
    "debian",
    "ubuntu",
    "busybox",
    "centos",
    "fedora",
    "rockylinux",
    "almalinux",
    "amazonlinux",
    "oraclelinux",
    "python",
    "golang",
    "rust",
    "node",
    "ruby",
    "php",
    "perl",
    "openjdk",
    "eclipse-temurin",
    "amazoncorretto",
    "gcc",
    "buildpack-deps",
    "bash",
    "nginx",
    "httpd",
];

/// The accounts the base image brings, when it is one whose accounts are
/// known; `None` for any other image, about which the rule says nothing.
fn base_accounts(base: &ImageRef) -> Option<(Vec<&'static str>, Vec<&'static str>)> {
    if base.is_scratch() {
        return Some((Vec::new(), Vec::new()));
    }
    let registry = base.registry_or_default().to_ascii_lowercase();
    let repository = base.repository.to_ascii_lowercase();
    let (mut users, mut groups) = (SYSTEM_USERS.to_vec(), SYSTEM_GROUPS.to_vec());
    match registry.as_str() {
        "docker.io" | "index.docker.io" => {
            let name = repository.strip_prefix("library/").unwrap_or(&repository);
            let name = KNOWN_HUB_IMAGES.iter().find(|known| **known == name)?;
            users.push(name);
            groups.push(name);
        }
        "gcr.io" if repository.starts_with("distroless/") => {
            (users, groups) =
                (vec!["root", "nonroot", "nobody"], vec!["root", "nonroot", "nogroup", "nobody"]);
        }
        "cgr.dev" if repository.starts_with("chainguard/") => {
            (users, groups) =
                (vec!["root", "nonroot", "nobody"], vec!["root", "nonroot", "nogroup", "nobody"]);
        }
        "mcr.microsoft.com" if repository.starts_with("dotnet/") => {
            users.push("app");
            groups.push("app");
        }
        "registry.access.redhat.com" | "registry.redhat.io"
            if repository.starts_with("ubi") && repository.rsplit('/').next()?.starts_with("ubi") => {}
        _ => return None,
    }
    Some((users, groups))
}

/// What an instruction does to the account database.
enum Accounts {
    /// It writes /etc/passwd wholesale: any name may exist afterwards.
    Written,
    /// It creates these accounts (or groups).
    Created(Vec<String>),
}

/// The accounts one stage creates, each with the position of its first
/// creation, and from where on any name may exist (a copied /etc/passwd, or
/// `useradd $NAME` with a name only the build knows).
#[derive(Default)]
struct StageAccounts {
    created: HashMap<String, usize>,
    anything_from: Option<usize>,
}

impl StageAccounts {
    fn has(&self, name: &str, before: usize) -> bool {
        self.anything_from.is_some_and(|from| from < before)
            || self.created.get(name).is_some_and(|&at| at < before)
    }
}

fn check(view: &DockerfileView, hits: &mut Hits) {
    let instructions = &view.file.instructions;
    let mut stages: Vec<StageAccounts> = view.file.stages.iter().map(|_| StageAccounts::default()).collect();
    for (position, instruction) in instructions.iter().enumerate() {
        let Some(accounts) = instruction.stage.and_then(|s| stages.get_mut(s)) else { continue };
        match account_effect(view, instruction) {
            Some(Accounts::Created(names)) if names.iter().all(|name| !name.contains('$')) => {
                for name in names {
                    accounts.created.entry(name).or_insert(position);
                }
            }
            Some(_) => {
                accounts.anything_from.get_or_insert(position);
            }
            None => {}
        }
    }
    for (position, user) in instructions.iter().enumerate() {
        if user.keyword != Keyword::User {
            continue;
        }
        let Some(stage_index) = user.stage else { continue };
        let Some(spec) = user.words().first().map(|w| view.expand_at(user, w)) else { continue };
        if spec.contains('$') {
            continue;
        }
        let lineage = view.lineage(stage_index);
        let Some(root) = lineage.last() else { continue };
        let Some((base_users, base_groups)) = base_accounts(&root.base) else { continue };
        // Parent stages come earlier in the file, so "before the USER" covers them whole.
        let missing = |account: &str, known: &[&str]| {
            !account.is_empty()
                && !account.bytes().all(|b| b.is_ascii_digit())
                && !known.contains(&account)
                && !lineage.iter().any(|stage| stages[stage.index].has(account, position))
        };
        let (name, group) = match spec.split_once(':') {
            Some((name, group)) => (name, Some(group)),
            None => (spec.as_str(), None),
        };
        let base = reference_text(&root.base);
        if missing(name, &base_users) {
            hits.push(
                user.span,
                format!("USER \"{name}\" is never created in this Dockerfile and {base} does not ship it"),
            );
        } else if let Some(group) = group.filter(|g| missing(g, &base_groups)) {
            hits.push(
                user.span,
                format!(
                    "USER group \"{group}\" is never created in this Dockerfile and {base} does not ship it"
                ),
            );
        }
    }
}

/// The names given to account-creating commands, variables substituted.
/// Every non-option word after the command counts, so option values such as
/// `-G wheel` count too: that errs towards silence.
fn account_effect(view: &DockerfileView, instruction: &Instruction) -> Option<Accounts> {
    if writes_account_files(instruction) {
        return Some(Accounts::Written);
    }
    if instruction.keyword != Keyword::Run {
        return None;
    }
    let mut names = Vec::new();
    for command in shell::commands(&instruction.script()) {
        let creates = command.words.iter().position(|word| {
            matches!(
                word.rsplit('/').next(),
                Some("useradd" | "adduser" | "groupadd" | "addgroup" | "usermod")
            )
        });
        if let Some(at) = creates {
            let operands = command.words[at + 1..].iter().filter(|w| !w.starts_with('-'));
            names.extend(operands.map(|word| view.expand_at(instruction, word)));
        }
    }
    (!names.is_empty()).then_some(Accounts::Created(names))
}

/// Accounts may come from a copied or hand-edited /etc/passwd (the usual
/// trick for `scratch`), or from a whole root filesystem copied over `/`.
fn writes_account_files(instruction: &Instruction) -> bool {
    if let Some((sources, destination)) = copy_paths(instruction) {
        let destination = destination.trim_end_matches('/');
        return destination.is_empty()
            || destination == "/etc"
            || destination.ends_with("passwd")
            || sources.iter().any(|s| s.trim_end_matches('/') == "/etc" || s.ends_with("passwd"));
    }
    instruction.keyword == Keyword::Run && instruction.script().contains("/etc/passwd")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    fn messages(text: &str) -> Vec<String> {
        run_on_example(&RULE, text).into_iter().map(|f| f.message).collect()
    }

    #[test]
    fn names_the_user_and_the_base() {
        assert_eq!(
            messages("FROM alpine:3.20\nUSER svc\n"),
            vec!["USER \"svc\" is never created in this Dockerfile and alpine:3.20 does not ship it"]
        );
    }

    #[test]
    fn accounts_the_base_ships_are_fine() {
        for text in [
            "FROM node:20\nUSER node\n",
            "FROM nginx:1.27\nUSER nginx\n",
            "FROM gcr.io/distroless/static-debian12\nUSER nonroot:nonroot\n",
            "FROM mcr.microsoft.com/dotnet/aspnet:8.0\nUSER app\n",
            "FROM debian:12\nUSER www-data:www-data\n",
            "FROM ubuntu:24.04\nUSER nobody:nogroup\n",
            "FROM scratch\nUSER 65534:65534\n",
        ] {
            assert!(messages(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn unknown_bases_and_variables_say_nothing() {
        assert!(messages("FROM registry.example.com/base/java:21\nUSER app\n").is_empty());
        assert!(messages("FROM jenkins/jenkins:lts\nUSER jenkins\n").is_empty());
        assert!(messages("FROM alpine:3.20\nARG UID\nUSER $UID\n").is_empty());
    }

    #[test]
    fn accounts_created_in_a_parent_stage_or_copied_in() {
        let parent = "FROM alpine:3.20 AS base\nRUN addgroup -S grp && adduser -S -G grp app\nFROM base\nUSER app:grp\n";
        assert!(messages(parent).is_empty());
        let copied = "FROM alpine:3.20 AS build\nRUN adduser -D app\nFROM scratch\nCOPY --from=build /etc/passwd /etc/passwd\nUSER app\n";
        assert!(messages(copied).is_empty());
        let sibling = "FROM alpine:3.20 AS build\nRUN adduser -D app\nFROM alpine:3.20\nUSER app\n";
        assert_eq!(messages(sibling).len(), 1);
    }

    #[test]
    fn creation_after_the_user_line_is_too_late_and_groups_are_checked() {
        assert_eq!(messages("FROM debian:12\nUSER app\nRUN useradd app\n").len(), 1);
        let found = messages("FROM debian:12\nRUN useradd app\nUSER app:developers\n");
        assert_eq!(found, vec!["USER group \"developers\" is never created in this Dockerfile and debian:12 does not ship it"]);
        assert!(messages("FROM debian:12\nRUN groupadd -r developers && useradd -r -g developers app\nUSER app:developers\n").is_empty());
    }

    #[test]
    fn names_from_build_arguments() {
        let text = "FROM debian:12\nARG USERNAME=dev\nRUN useradd -m \"$USERNAME\"\nUSER ${USERNAME}\n";
        assert!(messages(text).is_empty());
        let unknown = "FROM debian:12\nARG USERNAME\nRUN useradd -m $USERNAME\nUSER dev\n";
        assert!(messages(unknown).is_empty());
    }

    #[test]
    fn scratch_has_no_accounts() {
        assert_eq!(messages("FROM scratch\nCOPY app /app\nUSER nobody\n").len(), 1);
    }
}
