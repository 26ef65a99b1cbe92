use crate::credentials::{has_url_password, is_switch, looks_like_path, names_a_secret};
use crate::dockerfile::DockerfileView;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};
use bosun_syntax::dockerfile::Keyword;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DF011",
        name: "secret-in-env-or-arg",
        title: "Secret value written into ENV or ARG",
        severity: Severity::High,
        domain: Domain::Dockerfile,
        checklist: &["img.no-secrets", "img.secret-mounts"],
        aliases: &["DS-0031"],
        rationale: "A password, token or key written in an ENV or ARG line is in version control for good, in \
                    every clone and fork, whichever stage it is in. ENV values are also stored in the image \
                    configuration: anyone who can pull the image reads them with `docker inspect`, and every \
                    process in every container inherits them. An ENV that copies a build argument \
                    (`ENV NPM_TOKEN=$NPM_TOKEN`) bakes the secret passed at build time into the final image the \
                    same way. Empty values, switches (`true`, `0`), paths to secret files and names that only \
                    mention a secret (`PASSWORD_MIN_LENGTH`, `POSTGRES_PASSWORD_FILE`) or say they are public \
                    (`NEXT_PUBLIC_API_KEY`) are not reported; URLs with a password in them are.",
        remediation: "Remove the value: pass build-time secrets with `RUN --mount=type=secret,id=...` and runtime \
                      secrets from the orchestrator (Kubernetes Secret, Compose `secrets:`, a `*_FILE` variable).",
        bad_example: "FROM python:3.12-slim\nENV DJANGO_SECRET_KEY=9f8e7d6c5b4a3f2e1d0c\nCMD [\"gunicorn\", \"app.wsgi\"]\n",
        good_example: "FROM python:3.12-slim\nENV DJANGO_SECRET_KEY_FILE=/run/secrets/django_secret_key\nCMD [\"gunicorn\", \"app.wsgi\"]\n",
    },
    check: Check::Dockerfile(check),
};

fn check(view: &DockerfileView, hits: &mut Hits) {
    let final_lineage: Vec<usize> = view
        .final_stage()
        .map(|s| view.lineage(s.index).iter().map(|s| s.index).collect())
        .unwrap_or_default();
    for instruction in &view.file.instructions {
        let keyword = match instruction.keyword {
            Keyword::Env => "ENV",
            Keyword::Arg => "ARG",
            _ => continue,
        };
        for (name, value) in instruction.key_values() {
            let Some(value) = value else { continue };
            let secret_name = names_a_secret(&name);
            if is_literal(&value) {
                // Where the secret is, not the secret; a value with spaces is not one path.
                let names_a_file = looks_like_path(&value) && !value.contains(' ');
                if secret_name && !names_a_file {
                    hits.push(instruction.span, format!("{keyword} {name} is set to a literal secret"));
                } else if has_url_password(&value) {
                    hits.push(
                        instruction.span,
                        format!("{keyword} {name} is set to a URL with a literal password"),
                    );
                }
            } else if secret_name
                && keyword == "ENV"
                && value.contains('$')
                && instruction.stage.is_some_and(|s| final_lineage.contains(&s))
            {
                hits.push(
                    instruction.span,
                    format!("ENV {name} stores the secret passed at build time in the image configuration"),
                );
            }
        }
    }
}

/// A value written out in the file, as opposed to empty, a switch, or taken
/// from a variable.
pub(crate) fn is_literal(value: &str) -> bool {
    !value.trim().is_empty() && !is_switch(value) && !value.contains('$')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    fn messages(lines: &str) -> Vec<String> {
        let text = format!("FROM alpine:3.20\n{lines}");
        run_on_example(&RULE, &text).into_iter().map(|f| f.message).collect()
    }

    #[test]
    fn literal_secrets_in_env_and_arg_defaults_without_the_value() {
        let found = messages(
            "ENV DB_PASSWORD=hunter2 LOG_LEVEL=info\nARG NPM_TOKEN=npm_abc123\nENV API_KEY s3cr3t value\n",
        );
        assert_eq!(
            found,
            vec![
                "ENV DB_PASSWORD is set to a literal secret",
                "ARG NPM_TOKEN is set to a literal secret",
                "ENV API_KEY is set to a literal secret",
            ]
        );
    }

    #[test]
    fn names_that_only_mention_a_secret_and_harmless_values() {
        let found = messages(
            "ENV PASSWORD_MIN_LENGTH=12 TOKENIZERS_PARALLELISM=false GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D\n\
             ENV POSTGRES_PASSWORD_FILE=/run/secrets/pg MYSQL_ALLOW_EMPTY_PASSWORD=yes API_TOKEN=\"\"\n\
             ENV GOOGLE_APPLICATION_CREDENTIALS=/var/secrets/google/key.json\nARG GITHUB_TOKEN\n\
             ENV NEXT_PUBLIC_FIREBASE_API_KEY=AIzaSyA-example\n",
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn urls_with_passwords() {
        let found = messages(
            "ENV PIP_INDEX_URL=https://build:t0ken@pypi.example.com/simple CACHE_URL=redis://cache:6379/0\n",
        );
        assert_eq!(found, vec!["ENV PIP_INDEX_URL is set to a URL with a literal password"]);
    }

    #[test]
    fn build_arguments_copied_into_the_final_image() {
        let text = "FROM node:20 AS build\nARG NPM_TOKEN\nENV NPM_TOKEN=$NPM_TOKEN\n\
                    FROM node:20\nARG NPM_TOKEN\nENV NPM_TOKEN=${NPM_TOKEN}\n";
        let found: Vec<_> = run_on_example(&RULE, text).into_iter().map(|f| f.location.start_line).collect();
        assert_eq!(found, vec![6]);
    }
}
