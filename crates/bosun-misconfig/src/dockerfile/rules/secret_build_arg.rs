use super::secret_in_env_or_arg::is_literal;
use crate::credentials::names_a_secret;
use crate::dockerfile::DockerfileView;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};
use bosun_syntax::dockerfile::Keyword;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DF012",
        name: "secret-build-arg",
        title: "Secret passed as a build argument",
        severity: Severity::Medium,
        domain: Domain::Dockerfile,
        checklist: &["img.no-secrets", "img.secret-mounts"],
        aliases: &["DS-0031"],
        rationale: "Build arguments are not secret. The value given with `--build-arg` is written into the image \
                    history of every RUN that sees it (`docker history --no-trunc` shows it), into build \
                    provenance attestations, and into CI logs. An ARG whose name says it holds a password, \
                    token or key is a secret on its way into the image. Secret mounts give a RUN the value as a \
                    file or variable for that one command and leave no trace in layers or metadata. ARGs with \
                    a literal secret default are reported by DF011 instead.",
        remediation: "Replace the ARG with a secret mount: `RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN \
                      npm ci`, built with `docker build --secret id=npm_token,env=NPM_TOKEN .`.",
        bad_example: "FROM node:20-alpine\nARG NPM_TOKEN\nRUN echo \"//registry.npmjs.org/:_authToken=${NPM_TOKEN}\" > .npmrc && npm ci && rm .npmrc\n",
        good_example: "FROM node:20-alpine\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\n",
    },
    check: Check::Dockerfile(check),
};

fn check(view: &DockerfileView, hits: &mut Hits) {
    for arg in view.all(Keyword::Arg) {
        for (name, value) in arg.key_values() {
            if names_a_secret(&name) && !value.as_deref().is_some_and(is_literal) {
                hits.push(
                    arg.span,
                    format!(
                        "ARG {name} passes a secret as a build argument, which the image history records"
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    #[test]
    fn global_and_stage_args_with_or_without_defaults() {
        let text = "ARG GITHUB_TOKEN\nFROM alpine:3.20\nARG DB_PASSWORD=\"\"\nARG API_KEY=${GITHUB_TOKEN}\n\
                    ARG SIGNING_KEY=abc123\nARG VERSION=1.2\nARG PASSWORD_LENGTH\n";
        let lines: Vec<_> = run_on_example(&RULE, text).into_iter().map(|f| f.location.start_line).collect();
        // The literal default on line 5 is DF011's.
        assert_eq!(lines, vec![1, 3, 4]);
    }
}
