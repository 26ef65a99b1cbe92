use crate::compose::interpolate::has_variables;
use crate::compose::ComposeService;
use crate::credentials::{has_url_password, is_switch, names_a_secret};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};
use bosun_syntax::yaml::{Node, Value};
use bosun_syntax::Span;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DC019",
        name: "compose-environment-secret",
        title: "Compose service has a secret written into the file",
        severity: Severity::Medium,
        domain: Domain::Compose,
        checklist: &["img.no-secrets", "img.secret-mounts"],
        aliases: &[],
        rationale: "A password, token or key written as a literal in `environment` or `build.args` lives in \
                    version control forever, in every clone and fork, and shows up in `docker inspect`; \
                    build args are also recorded in the image's history. Values taken from the environment \
                    (`${DB_PASSWORD}`), empty values and names passed through without a value are not \
                    reported, nor are `*_FILE` variables that point at a mounted secret.",
        remediation: "Use a Compose `secrets:` entry (read from `/run/secrets/<name>`, or via a `*_FILE` \
                      variable), or `${VAR}` interpolation from an untracked `.env` file.",
        bad_example: "services:\n  db:\n    image: postgres:16.3\n    environment:\n      POSTGRES_PASSWORD: s3cr3t-Passw0rd\n",
        good_example: "services:\n  db:\n    image: postgres:16.3\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/db_password\n      POSTGRES_USER: ${DB_USER}\n    secrets:\n      - db_password\nsecrets:\n  db_password:\n    file: ./db_password.txt\n",
    },
    check: Check::ComposeService(check),
};

fn check(service: &ComposeService, hits: &mut Hits) {
    let build_args = service.get("build").and_then(|b| b.get("args"));
    let sources = [(service.get("environment"), "environment"), (build_args, "build args")];
    for (variables, place) in sources {
        for (name, value, span) in variables.map(variables_of).unwrap_or_default() {
            let Some(value) = value.filter(|v| is_literal(v)) else { continue };
            let reason = if names_a_secret(&name) {
                "a literal secret"
            } else if has_url_password(&value) {
                "a URL with a literal password"
            } else {
                continue;
            };
            hits.push(span, format!("{} sets {name} to {reason} in {place}", service.label()));
        }
    }
}

/// `NAME: value` mappings and `- NAME=value` lists; a name alone (`- NAME`)
/// has no value, Compose passes it through from the shell.
fn variables_of(node: &Node) -> Vec<(String, Option<String>, Span)> {
    if node.is_map() {
        return node
            .string_entries()
            .map(|(name, value)| {
                let text = match value.value {
                    Value::Bool(_) => None,
                    _ => value.scalar_text(),
                };
                (name, text, value.span)
            })
            .collect();
    }
    node.as_seq()
        .iter()
        .filter_map(|item| {
            let text = item.scalar_text()?;
            let (name, value) = match text.split_once('=') {
                Some((name, value)) => (name, Some(value.to_string())),
                None => (text.as_str(), None),
            };
            Some((name.trim().to_string(), value, item.span))
        })
        .collect()
}

/// A value written out in the file, as opposed to empty, a switch, or taken
/// from the environment (Compose's own interpolation: `$$` is a literal dollar).
fn is_literal(value: &str) -> bool {
    !value.trim().is_empty() && !is_switch(value) && !has_variables(value.trim())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    fn messages(environment: &str) -> Vec<String> {
        let text = format!("services:\n  app:\n    image: app:2.0\n    environment:\n{environment}");
        run_on_example(&RULE, &text).into_iter().map(|f| f.message).collect()
    }

    #[test]
    fn reads_the_list_syntax_and_names_the_variable_not_the_value() {
        let found = messages("      - API_KEY=abcd1234\n      - DEBUG=1\n      - apiToken=xyz\n");
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0], "service \"app\" sets API_KEY to a literal secret in environment");
        assert!(!found.iter().any(|m| m.contains("abcd1234")));
    }

    #[test]
    fn values_from_elsewhere_are_fine() {
        let found = messages(
            "      DB_PASSWORD: ${DB_PASSWORD}\n      REDIS_PASSWORD: ${REDIS_PASSWORD:-}\n      SMTP_PASS: $SMTP_PASS\n\
             \x20     GITHUB_TOKEN:\n      JWT_SECRET: \"\"\n      MYSQL_ALLOW_EMPTY_PASSWORD: \"yes\"\n\
             \x20     MYSQL_RANDOM_ROOT_PASSWORD: true\n      POSTGRES_PASSWORD_FILE: /run/secrets/pg\n",
        );
        assert!(found.is_empty(), "{found:?}");
        let passed_through = messages("      - GITHUB_TOKEN\n      - NPM_TOKEN=\n");
        assert!(passed_through.is_empty(), "{passed_through:?}");
    }

    #[test]
    fn names_that_only_mention_a_secret_are_fine() {
        let found = messages(
            "      PASSWORD_MIN_LENGTH: 12\n      ACCESS_TOKEN_EXPIRE_MINUTES: 30\n      TOKENIZERS_PARALLELISM: \"false\"\n\
             \x20     SECRET_NAME: prod/db\n      PWD: /app\n      CACHE_KEY: v2\n      PASSPORT_STRATEGY: local\n",
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn finds_secret_keys_escaped_dollars_and_urls_with_passwords() {
        let found = messages(
            "      SECRET_KEY_BASE: 9f8e7d6c\n      AWS_SECRET_ACCESS_KEY: wJalrXUtnFEMI\n      ADMIN_PASSWORD: pa$$word\n\
             \x20     DATABASE_URL: postgres://app:hunter2@db:5432/app\n      CACHE_URL: redis://cache:6379/0\n\
             \x20     MQ_URL: amqp://guest:${MQ_PASSWORD}@mq/\n",
        );
        assert_eq!(found.len(), 4, "{found:?}");
        assert!(found[3].contains("DATABASE_URL to a URL with a literal password"), "{}", found[3]);
    }

    #[test]
    fn build_args_are_checked_too() {
        let text =
            "services:\n  app:\n    build:\n      context: .\n      args:\n        NPM_TOKEN: npm_abc123\n";
        let found: Vec<_> = run_on_example(&RULE, text).into_iter().map(|f| f.message).collect();
        assert_eq!(found, vec!["service \"app\" sets NPM_TOKEN to a literal secret in build args"]);
    }
}
