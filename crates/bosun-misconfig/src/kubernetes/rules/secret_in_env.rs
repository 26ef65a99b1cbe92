use crate::credentials::{is_placeholder, is_switch, looks_like_path, words};
use crate::kubernetes::Workload;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "K8S030",
        name: "secret-in-env-value",
        title: "Credential written as a literal environment variable",
        severity: Severity::High,
        domain: Domain::Kubernetes,
        checklist: &["img.no-secrets", "img.secret-mounts"],
        aliases: &["env-var-secret", "sensitiveContainerEnvVar"],
        rationale: "A password or token written into the manifest is in the repository, in every copy of the \
                    manifest, in the object stored by the API server (readable by anyone who can read the \
                    workload, which is wider than who can read Secrets) and in `kubectl describe`. It cannot \
                    be rotated without a deploy.",
        remediation: "Move the value to a Secret and reference it with `valueFrom.secretKeyRef`, or mount the Secret as a file.",
        bad_example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n    - name: api\n      image: api:1.0\n      env:\n        - name: DB_PASSWORD\n          value: hunter2-prod\n",
        good_example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n    - name: api\n      image: api:1.0\n      env:\n        - name: DB_PASSWORD\n          valueFrom:\n            secretKeyRef:\n              name: api-db\n              key: password\n        - name: DB_PASSWORD_FILE\n          value: /run/secrets/db/password\n        - name: TOKEN_TTL_SECONDS\n          value: \"3600\"\n        - name: ADMIN_TOKEN\n          value: $(BOOTSTRAP_TOKEN)\n",
    },
    check: Check::Workload(check),
};

/// Name words that say the value is a credential.
const SECRET_WORDS: &[&str] = &[
    "PASSWORD",
    "PASSWD",
    "PASSPHRASE",
    "SECRET",
    "TOKEN",
    "APIKEY",
    "CREDENTIAL",
    "CREDENTIALS",
    "PRIVATEKEY",
];

/// Word pairs that say the same once split (`API_KEY`, `ACCESS_KEY`, ...).
const SECRET_PAIRS: &[(&str, &str)] = &[
    ("API", "KEY"),
    ("ACCESS", "KEY"),
    ("PRIVATE", "KEY"),
    ("SECRET", "KEY"),
    ("AUTH", "KEY"),
    ("CLIENT", "SECRET"),
];

/// A final word that makes the variable about the credential rather than the
/// credential itself: `TOKEN_FILE`, `PASSWORD_PATH`, `SECRET_NAME`, `API_KEY_ID`.
const DESCRIPTIVE_SUFFIXES: &[&str] = &[
    "FILE",
    "PATH",
    "DIR",
    "NAME",
    "ID",
    "URL",
    "URI",
    "ENDPOINT",
    "HEADER",
    "TTL",
    "EXPIRY",
    "EXPIRATION",
    "TIMEOUT",
    "LENGTH",
    "ENABLED",
    "DISABLED",
    "ENABLE",
    "TYPE",
    "MODE",
    "REF",
    "LOCATION",
    "AUDIENCE",
    "ISSUER",
    "SCOPE",
    "SCOPES",
    "FORMAT",
    "PREFIX",
    "POLICY",
    "SIZE",
    "REQUIRED",
    "STORE",
    "BACKEND",
    "PROVIDER",
    "ROTATION",
];

/// Does the variable name say it holds a credential? Wider than
/// [`crate::credentials::names_a_secret`]: a secret word anywhere in the name
/// counts (`DB_PASSWORD_PROD`), unless the last word says the variable is
/// about the credential (`TOKEN_TTL`).
fn names_a_secret(name: &str) -> bool {
    let words = words(name);
    let Some(last) = words.last() else { return false };
    if DESCRIPTIVE_SUFFIXES.contains(&last.as_str()) {
        return false;
    }
    words.iter().any(|w| SECRET_WORDS.contains(&w.as_str()))
        || words.windows(2).any(|pair| SECRET_PAIRS.contains(&(pair[0].as_str(), pair[1].as_str())))
}

/// Is the literal value plausibly the credential itself? Empty values,
/// numbers, switches, paths (`GOOGLE_APPLICATION_CREDENTIALS=/var/secrets/key.json`
/// says where the secret is) and references to other variables (`$(VAR)`,
/// `${VAR}`) or to a templating tool are not.
fn is_literal_secret(value: &str) -> bool {
    let value = value.trim();
    !value.is_empty()
        && !is_placeholder(value)
        && value.parse::<f64>().is_err()
        && !is_switch(value)
        && !looks_like_path(value)
}

fn check(workload: &Workload, hits: &mut Hits) {
    for container in workload.containers() {
        for var in container.get("env").map(|e| e.as_seq()).unwrap_or_default() {
            let (Some(name_node), Some(value)) = (var.get("name"), var.get("value")) else { continue };
            let name = name_node.scalar_text().unwrap_or_default();
            if names_a_secret(&name) && value.scalar_text().is_some_and(|v| is_literal_secret(&v)) {
                // Point at the name, not the value, so that the quoted snippet does
                // not spread the credential into reports.
                hits.push(name_node.span, format!("{} sets {name} to a literal value", container.label()));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    #[test]
    fn classifies_names() {
        for name in [
            "DB_PASSWORD",
            "dbPassword",
            "API_KEY",
            "apiKey",
            "GITHUB_TOKEN",
            "AWS_SECRET_ACCESS_KEY",
            "OAUTH_CLIENT_SECRET",
            "SECRET_KEY_BASE",
        ] {
            assert!(names_a_secret(name), "{name}");
        }
        for name in [
            "PWD",
            "PASSWORD_FILE",
            "TOKEN_PATH",
            "AWS_ACCESS_KEY_ID",
            "SECRET_NAME",
            "CSRF_TOKEN_HEADER",
            "KEYCLOAK_URL",
            "TOKENIZER_MODEL",
            "SECRET_STORE",
            "SESSION_SECRET_ROTATION",
            "VAULT_TOKEN_BACKEND",
        ] {
            assert!(!names_a_secret(name), "{name}");
        }
    }

    #[test]
    fn the_message_never_contains_the_value() {
        let findings = run_on_example(&RULE, RULE.meta.bad_example);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].message, "container \"api\" sets DB_PASSWORD to a literal value");
        assert!(findings[0].snippet.iter().all(|line| !line.text.contains("hunter2")));
    }

    #[test]
    fn a_path_says_where_the_credential_is() {
        let text = RULE.meta.bad_example.replace(
            "        - name: DB_PASSWORD\n          value: hunter2-prod\n",
            "        - name: GOOGLE_APPLICATION_CREDENTIALS\n          value: /var/secrets/google/key.json\n\
             \x20       - name: SECRET_STORE\n          value: aws-secrets-manager\n",
        );
        assert!(run_on_example(&RULE, &text).is_empty());
    }
}
