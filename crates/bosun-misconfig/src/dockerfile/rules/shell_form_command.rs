use crate::dockerfile::DockerfileView;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};
use bosun_syntax::dockerfile::{Arguments, Instruction, Keyword};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DF027",
        name: "shell-form-command",
        title: "ENTRYPOINT or CMD in shell form",
        severity: Severity::Low,
        domain: Domain::Dockerfile,
        checklist: &["img.lint"],
        aliases: &["DL3025"],
        rationale: "In shell form (`CMD node server.js`) the container's main process is `/bin/sh -c`, not the \
                    application. Depending on the shell, `docker stop` and Kubernetes' SIGTERM reach only the \
                    shell, the application never shuts down cleanly and is killed after the grace period, \
                    dropping in-flight requests. A shell-form ENTRYPOINT also ignores CMD and any arguments \
                    given at run time, and a shell-form CMD after an exec-form ENTRYPOINT is passed to it as \
                    `/bin/sh -c ...` arguments. Images without a shell fail to start at all. Only the \
                    ENTRYPOINT and CMD of the final image are checked; a command starting with `exec` hands \
                    over to the application and is fine.",
        remediation: "Use the JSON form, e.g. `CMD [\"node\", \"server.js\"]`; when a shell is needed, start the \
                      command with `exec`.",
        bad_example: "FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nCMD node server.js\n",
        good_example: "FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nCMD [\"node\", \"server.js\"]\n",
    },
    check: Check::Dockerfile(check),
};

fn check(view: &DockerfileView, hits: &mut Hits) {
    let Some(stage) = view.final_stage() else { return };
    let (mut entrypoint, mut cmd) = (None, None);
    for ancestor in view.lineage(stage.index).into_iter().rev() {
        for instruction in view.file.stage_instructions(ancestor) {
            match instruction.keyword {
                Keyword::Entrypoint => entrypoint = Some(instruction),
                Keyword::Cmd => cmd = Some(instruction),
                _ => {}
            }
        }
    }
    if let Some(entrypoint) = entrypoint.filter(|e| runs_through_shell(e)) {
        hits.push(
            entrypoint.span,
            "ENTRYPOINT in shell form runs under /bin/sh -c: stop signals may not reach the application, and CMD is ignored",
        );
        return;
    }
    if let Some(cmd) = cmd.filter(|c| runs_through_shell(c)) {
        let message = if entrypoint.is_some() {
            "CMD in shell form is handed to the ENTRYPOINT as \"/bin/sh -c ...\" arguments"
        } else {
            "CMD in shell form runs under /bin/sh -c: stop signals may not reach the application"
        };
        hits.push(cmd.span, message);
    }
}

/// Shell form with a command that does not `exec` the application.
fn runs_through_shell(instruction: &Instruction) -> bool {
    match &instruction.args {
        Arguments::Shell(text) => {
            let text = text.trim();
            !text.is_empty() && text != "exec" && !text.starts_with("exec ")
        }
        Arguments::Exec(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    fn messages(text: &str) -> Vec<String> {
        run_on_example(&RULE, text).into_iter().map(|f| f.message).collect()
    }

    #[test]
    fn entrypoint_comes_first_and_exec_is_fine() {
        let found = messages("FROM alpine:3.20\nENTRYPOINT /app/run\nCMD --verbose\n");
        assert_eq!(found.len(), 1);
        assert!(found[0].starts_with("ENTRYPOINT in shell form"));
        assert!(messages("FROM alpine:3.20\nCMD exec /app/run --port 80\n").is_empty());
    }

    #[test]
    fn shell_cmd_after_exec_entrypoint() {
        let found = messages("FROM alpine:3.20\nENTRYPOINT [\"/sbin/tini\", \"--\"]\nCMD /app/run\n");
        assert_eq!(
            found,
            vec!["CMD in shell form is handed to the ENTRYPOINT as \"/bin/sh -c ...\" arguments"]
        );
    }

    #[test]
    fn only_the_final_image_counts() {
        assert!(messages("FROM alpine:3.20 AS test\nCMD make test\nFROM alpine:3.20\nCMD [\"/app\"]\n")
            .is_empty());
        assert_eq!(messages("FROM alpine:3.20 AS base\nCMD /app\nFROM base\nRUN true\n").len(), 1);
    }
}
