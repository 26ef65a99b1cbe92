use crate::dockerfile::DockerfileView;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};
use bosun_syntax::dockerfile::{ImageRef, Instruction, Keyword};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DF001",
        name: "final-user-root",
        title: "Image runs as root",
        severity: Severity::High,
        domain: Domain::Dockerfile,
        checklist: &["img.non-root-user"],
        aliases: &["DS-0002", "CKV_DOCKER_3", "DL3002"],
        rationale: "Without a USER instruction, or with USER root as the last one, the container's main \
                    process runs as root. A compromise of the application is then root inside the \
                    container, one kernel bug away from root on the host.",
        remediation: "Create an unprivileged user and switch to it with `USER` in the final stage.",
        bad_example: "FROM alpine:3.20\nRUN apk add --no-cache curl\nCMD [\"curl\"]\n",
        good_example: "FROM alpine:3.20\nRUN adduser -D app\nUSER app\nCMD [\"sh\"]\n",
    },
    check: Check::Dockerfile(check),
};

fn is_root(user: &str) -> bool {
    let user = user.split(':').next().unwrap_or(user).trim();
    user == "root" || user == "0"
}

/// The last USER that applies to a stage, following `FROM <earlier stage>`
/// chains, since a stage inherits its parent's user.
fn effective_user<'a>(view: &DockerfileView<'a>, mut stage_index: usize) -> Option<&'a Instruction> {
    for _ in 0..view.file.stages.len() {
        let stage = &view.file.stages[stage_index];
        let instructions = view.file.stage_instructions(stage);
        if let Some(user) = instructions.iter().rev().find(|i| i.keyword == Keyword::User) {
            return Some(user);
        }
        stage_index = stage.from_stage.filter(|&parent| parent < stage_index)?;
    }
    None
}

/// Base images known to set a non-root USER themselves (distroless `nonroot`
/// variants and the like).
fn base_sets_non_root_user(tag: Option<&str>) -> bool {
    tag.is_some_and(|t| t.split(['-', '.', '_']).any(|part| part == "nonroot" || part == "rootless"))
}

fn check(view: &DockerfileView, hits: &mut Hits) {
    let Some(stage) = view.final_stage() else { return };
    match effective_user(view, stage.index) {
        None if base_sets_non_root_user(root_base(view, stage.index).tag.as_deref()) => {}
        None => {
            hits.push(stage.span, "the final stage has no USER instruction, so the container runs as root")
        }
        Some(user) if user.words().first().is_some_and(|u| is_root(u)) => {
            hits.push(user.span, "the last USER of the final stage is root")
        }
        Some(_) => {}
    }
}

/// The external image at the root of a stage's `FROM` chain.
fn root_base<'a>(view: &DockerfileView<'a>, mut stage_index: usize) -> &'a ImageRef {
    for _ in 0..view.file.stages.len() {
        match view.file.stages[stage_index].from_stage {
            Some(parent) if parent < stage_index => stage_index = parent,
            _ => break,
        }
    }
    &view.file.stages[stage_index].base
}
