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

/// Last words of a variable name that say its value is a secret.
const SECRET_WORDS: &[&str] = &[
    "PASSWORD",
    "PASSWD",
    "PASS",
    "PWD",
    "PASSPHRASE",
    "SECRET",
    "TOKEN",
    "APIKEY",
    "CREDENTIALS",
    "PRIVATEKEY",
    "SECRETKEY",
    "ACCESSKEY",
];

/// Words that, followed by `KEY`, name a secret key (`API_KEY`, `APP_KEY`, ...).
const KEY_KINDS: &[&str] =
    &["API", "APP", "PRIVATE", "SECRET", "ACCESS", "ENCRYPTION", "SIGNING", "MASTER", "AUTH", "JWT", "HMAC"];

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
                if secret_name && !looks_like_path(&value) {
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
    let value = value.trim();
    let switch =
        ["true", "false", "yes", "no", "on", "off", "0", "1"].iter().any(|s| value.eq_ignore_ascii_case(s));
    !value.is_empty() && !switch && !value.contains('$')
}

/// `/run/secrets/token`, `./key.json`: where the secret is, not the secret.
fn looks_like_path(value: &str) -> bool {
    (value.starts_with('/') || value.starts_with("./") || value.starts_with("~/")) && !value.contains(' ')
}

/// Splits `MYSQL_ROOT_PASSWORD`, `db-pass` and `apiKey` into upper-case words.
fn words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut previous_lower = false;
    for c in name.chars() {
        if !c.is_ascii_alphanumeric() {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            previous_lower = false;
            continue;
        }
        if c.is_ascii_uppercase() && previous_lower {
            words.push(std::mem::take(&mut current));
        }
        previous_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        current.push(c.to_ascii_uppercase());
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

/// The name ends in a secret word: `DB_PASSWORD`, `NPM_TOKEN`,
/// `AWS_SECRET_ACCESS_KEY`, `SECRET_KEY_BASE`. Names that merely mention one
/// (`PASSWORD_MIN_LENGTH`, `POSTGRES_PASSWORD_FILE`, `TOKENIZERS_PARALLELISM`)
/// do not count.
pub(crate) fn names_a_secret(name: &str) -> bool {
    let mut words = words(name);
    // `NEXT_PUBLIC_API_KEY`, `STRIPE_PUBLISHABLE_KEY`: meant to be seen.
    if words.iter().any(|w| w == "PUBLIC" || w == "PUBLISHABLE") {
        return false;
    }
    if words.len() > 1 && words.last().is_some_and(|w| w == "BASE" || w == "VALUE") {
        words.pop();
    }
    let Some(last) = words.last() else { return false };
    // `PWD` alone is the shell's working directory.
    if last == "PWD" && words.len() == 1 {
        return false;
    }
    if SECRET_WORDS.contains(&last.as_str()) {
        return true;
    }
    last == "KEY" && words.len() > 1 && KEY_KINDS.contains(&words[words.len() - 2].as_str())
}

/// `scheme://user:password@host` with a non-empty password.
fn has_url_password(value: &str) -> bool {
    let Some((_, rest)) = value.split_once("://") else { return false };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let Some((userinfo, _host)) = authority.rsplit_once('@') else { return false };
    userinfo.split_once(':').is_some_and(|(_, password)| !password.is_empty())
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
