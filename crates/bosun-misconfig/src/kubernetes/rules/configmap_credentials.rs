use crate::credentials::{is_placeholder, is_switch, looks_like_path, words};
use crate::kubernetes::K8sObject;
use crate::rule::{Check, Hits, Rule};
use bosun_core::config::Config;
use bosun_core::{Domain, RuleMeta, Severity};
use bosun_syntax::Span;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "K8S073",
        name: "configmap-credentials",
        title: "ConfigMap holds what looks like a credential",
        severity: Severity::Medium,
        domain: Domain::Kubernetes,
        checklist: &["img.no-secrets", "img.secret-mounts"],
        aliases: &["KSV-0109"],
        rationale: "ConfigMaps are meant for non-confidential settings: RBAC roles commonly let many more \
                    people and controllers read them than Secrets, they are printed in logs and dashboards, \
                    and they are never encrypted at rest. A password, token or key stored in one leaks \
                    through all of those. Keys are judged by name (password, token, secret, api key, private \
                    key, ... as the last word), so names that only describe a credential (`token_ttl`, \
                    `password_file`, `secret_name`) are skipped; settings inside file-like values (`key = value`, \
                    `key: value`) are judged the same way. Values are never quoted in findings.",
        remediation: "Move the value into a Secret (ideally from an external secret store) and reference it \
                      with `secretKeyRef` or a volume.",
        bad_example: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shop\ndata:\n  DB_HOST: db.shop.svc\n  DB_PASSWORD: s3cr3t-Passw0rd\n",
        good_example: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shop\ndata:\n  DB_HOST: db.shop.svc\n  DB_PASSWORD_FILE: /run/secrets/db/password\n  TOKEN_TTL: 15m\n",
    },
    check: Check::Object(check),
};

/// Words that name a credential when a key ends with them.
const CREDENTIAL_WORDS: &[&str] = &[
    "PASSWORD",
    "PASSWD",
    "PWD",
    "PASS",
    "PASSPHRASE",
    "SECRET",
    "SECRETS",
    "TOKEN",
    "APIKEY",
    "CREDENTIAL",
    "CREDENTIALS",
    "PRIVATEKEY",
];

/// Kinds of key that are credentials (`api_key`, `secretAccessKey`, ...).
const KEY_KINDS: &[&str] =
    &["API", "PRIVATE", "ACCESS", "SECRET", "AUTH", "ENCRYPTION", "SIGNING", "MASTER", "CLIENT"];

/// Setting values, beside switches, that a credential key may hold
/// (`password: required`, `token: none`).
const SETTING_WORDS: &[&str] =
    &["null", "none", "enabled", "disabled", "required", "optional", "auto", "default"];

/// Trailing words that say how a credential is written, not what it is about
/// (`password_hash`, `token_value`, `private_key_pem`).
const ENCODINGS: &[&str] = &["VALUE", "PEM", "BASE64", "B64", "HASH", "STR", "STRING", "RAW", "PLAIN"];

/// The key names a credential when its last word does: `db_password` and
/// `secretKey` hold one, `password_file`, `token_ttl` and `secret_name` only
/// describe one.
fn names_a_credential(key: &str) -> bool {
    let words = words(key);
    let mut core = words.as_slice();
    while let [rest @ .., last] = core {
        if last.chars().all(|c| c.is_ascii_digit()) || ENCODINGS.contains(&last.as_str()) {
            core = rest;
        } else {
            break;
        }
    }
    match core {
        [.., kind, last] if last == "KEY" => KEY_KINDS.contains(&kind.as_str()),
        [.., last] => CREDENTIAL_WORDS.contains(&last.as_str()),
        [] => false,
    }
}

/// A value that could be a credential: not empty or too short to be one, not
/// a number, a setting word, a path or a placeholder.
fn could_be_credential(value: &str) -> bool {
    let value = value.trim().trim_matches(|c| c == '"' || c == '\'');
    value.chars().count() >= 4
        && !value.chars().all(|c| c.is_ascii_digit())
        && !is_switch(value)
        && !SETTING_WORDS.iter().any(|word| value.eq_ignore_ascii_case(word))
        && !looks_like_path(value)
        && !is_placeholder(value)
}

/// `key = value`, `key: value`, `export KEY=value`, `"key": "value",` in a file-like value.
fn setting(line: &str) -> Option<(&str, &str)> {
    let line = line.trim();
    if line.is_empty() || line.starts_with(['#', ';', '/', '[', '<']) {
        return None;
    }
    let line = line.strip_prefix("export ").unwrap_or(line);
    let separator = line.find([':', '='])?;
    let key = line[..separator].trim().trim_matches(|c| c == '"' || c == '\'');
    let value = line[separator + 1..].trim().trim_end_matches(',');
    (!key.is_empty() && !key.contains(char::is_whitespace)).then_some((key, value))
}

fn check(object: &K8sObject, _config: &Config, hits: &mut Hits) {
    if object.kind != "ConfigMap" {
        return;
    }
    let Some(data) = object.root.get("data") else { return };
    for (key, value) in data.string_entries() {
        let Some(text) = value.scalar_text() else { continue };
        if !text.trim_end().contains('\n') {
            if names_a_credential(&key) && could_be_credential(&text) {
                hits.push(
                    value.span,
                    format!("ConfigMap \"{}\" key \"{key}\" holds what looks like a credential", object.name),
                );
            }
            continue;
        }
        // A block scalar's span starts at its first content line; a quoted value
        // spread over lines has a one-line span and its findings stay on it.
        let block = value.span.end_line > value.span.start_line;
        for (index, line) in text.lines().enumerate() {
            let Some((name, setting_value)) = setting(line) else { continue };
            if names_a_credential(name) && could_be_credential(setting_value) {
                let span = if block {
                    Span::line((value.span.start_line + index as u32).min(value.span.end_line))
                } else {
                    value.span
                };
                hits.push(
                    span,
                    format!(
                        "ConfigMap \"{}\" key \"{key}\" sets \"{name}\" to what looks like a credential",
                        object.name
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

    fn configmap(data: &str) -> String {
        format!("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n{data}")
    }

    #[test]
    fn key_names() {
        for key in [
            "DB_PASSWORD",
            "dbPassword",
            "spring.datasource.password",
            "API_KEY",
            "githubToken",
            "client-secret",
            "DB_PASS",
            "AWS_SECRET_ACCESS_KEY",
            "secretKey",
            "admin_password_hash",
            "TOKEN_2",
        ] {
            assert!(names_a_credential(key), "{key}");
        }
        for key in [
            "SECRET_NAME",
            "TOKEN_TTL",
            "passwordMinLength",
            "api_url",
            "PASSWORD_FILE",
            "keycloak_realm",
            "bypass",
            "tokenizer",
            "aws_access_key_id",
            "tokenRefresh",
            "password_file_password_policy",
            "key",
            "monkey",
        ] {
            assert!(!names_a_credential(key), "{key}");
        }
    }

    #[test]
    fn values_that_are_not_credentials() {
        let text = configmap("  A_TOKEN: \"\"\n  B_PASSWORD: \"true\"\n  C_TOKEN: \"3600\"\n  D_SECRET: /var/run/secrets/x\n  E_PASSWORD: ${E_PASSWORD}\n  F_TOKEN: abc\n");
        assert!(run_on_example(&RULE, &text).is_empty());
    }

    #[test]
    fn single_values_point_at_the_value_and_never_quote_it() {
        let findings = run_on_example(&RULE, RULE.meta.bad_example);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].location.start_line, 7);
        assert_eq!(
            findings[0].message,
            "ConfigMap \"shop\" key \"DB_PASSWORD\" holds what looks like a credential"
        );
        assert!(!findings[0].message.contains("s3cr3t"));
    }

    #[test]
    fn settings_inside_files() {
        let text = configmap("  application.properties: |\n    server.port=8080\n    # password=commented\n    spring.datasource.password=hunter22\n    spring.datasource.password-file=/run/x\n  config.yaml: |\n    auth:\n      token: \"abcd1234efgh\"\n      tokenTTL: 5m\n");
        let findings = run_on_example(&RULE, &text);
        assert_eq!(findings.len(), 2, "{findings:#?}");
        assert_eq!(findings[0].location.start_line, 9);
        assert!(findings[0].message.contains("sets \"spring.datasource.password\""));
        assert_eq!(findings[1].location.start_line, 13);
    }

    #[test]
    fn other_kinds_are_not_configmaps() {
        let text = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  PASSWORD: hunter22\n";
        assert!(run_on_example(&RULE, text).is_empty());
    }

    #[test]
    fn grafana_variable_providers_are_references_not_credentials() {
        let text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: grafana-ini\ndata:\n  grafana.ini: |\n    [security]\n    admin_password = $__file{/etc/secrets/admin_password}\n    secret_key = $__env{GF_SECRET_KEY}\n    [auth.generic_oauth]\n    client_secret = $__vault{kv:secret/grafana:client_secret}\n    [database]\n    password = hunter2hunter2\n";
        let findings = run_on_example(&RULE, text);
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert_eq!(findings[0].location.start_line, 13);
    }
}
