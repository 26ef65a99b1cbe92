//! Shared judgement of "is this a credential": whether a variable or key name
//! says its value is a secret, and whether a value is plausibly the secret
//! itself rather than a reference, a switch or a placeholder. Rules for every
//! input kind (Dockerfile ENV/ARG, Compose `environment`, Kubernetes env and
//! ConfigMaps) use these so that they agree on what they report.

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

/// Splits `MYSQL_ROOT_PASSWORD`, `db-pass`, `spring.datasource.password` and
/// `apiKey` into upper-case words, so that every naming style compares alike.
pub fn words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut previous_lower = false;
    for c in name.chars() {
        if !c.is_ascii_alphanumeric() {
            words.extend((!current.is_empty()).then(|| std::mem::take(&mut current)));
            previous_lower = false;
            continue;
        }
        if c.is_ascii_uppercase() && previous_lower {
            words.push(std::mem::take(&mut current));
        }
        previous_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        current.push(c.to_ascii_uppercase());
    }
    words.extend((!current.is_empty()).then_some(current));
    words
}

/// Does an environment variable (or build argument) name say its value is a
/// secret? The name must end in a secret word: `DB_PASSWORD`, `NPM_TOKEN`,
/// `AWS_SECRET_ACCESS_KEY`, `SECRET_KEY_BASE`. Names that merely mention one
/// (`PASSWORD_MIN_LENGTH`, `POSTGRES_PASSWORD_FILE`, `TOKENIZERS_PARALLELISM`)
/// describe a secret rather than hold it, and names that say the value is
/// public (`NEXT_PUBLIC_API_KEY`, `STRIPE_PUBLISHABLE_KEY`) are meant to be seen.
pub fn names_a_secret(name: &str) -> bool {
    let mut words = words(name);
    if words.iter().any(|w| w == "PUBLIC" || w == "PUBLISHABLE") {
        return false;
    }
    // `SECRET_KEY_BASE` (Rails) and `TOKEN_VALUE` still hold the secret.
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

/// `true`, `no`, `0`, `off`, ...: a value that turns something on or off, such
/// as `MYSQL_ALLOW_EMPTY_PASSWORD=yes`, never a credential.
pub fn is_switch(value: &str) -> bool {
    let value = value.trim();
    ["true", "false", "yes", "no", "on", "off", "0", "1"].iter().any(|s| value.eq_ignore_ascii_case(s))
}

/// A value some tool replaces before it is used, not a secret: `${VAR}`,
/// `$(VAR)`, `{{ .Values.x }}`, `<path:...>`, SOPS `ENC[...]`, `ref+vault://`,
/// `vault:secret/...`, Grafana's `$__file{...}`, `$__env{...}` and `$__vault{...}`.
pub fn is_placeholder(value: &str) -> bool {
    let value = value.trim();
    value.contains("${")
        || ["$__file{", "$__env{", "$__vault{"].iter().any(|provider| value.contains(provider))
        || value.contains("$(")
        || value.contains("{{")
        || (value.starts_with('<') && value.ends_with('>'))
        || value.starts_with("ENC[")
        || value.starts_with("ref+")
        || value.starts_with("vault:")
}

/// `/run/secrets/token`, `./key.json`, `~/.npmrc`, `file:/etc/key`: where the
/// secret is, not the secret.
pub fn looks_like_path(value: &str) -> bool {
    ["/", "./", "~/", "file:"].iter().any(|prefix| value.starts_with(prefix))
}

/// `scheme://user:password@host` with a non-empty password.
pub fn has_url_password(value: &str) -> bool {
    let Some((_, rest)) = value.split_once("://") else { return false };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let Some((userinfo, _host)) = authority.rsplit_once('@') else { return false };
    userinfo.split_once(':').is_some_and(|(_, password)| !password.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_of_every_naming_style() {
        assert_eq!(words("MYSQL_ROOT_PASSWORD"), ["MYSQL", "ROOT", "PASSWORD"]);
        assert_eq!(words("apiKey"), ["API", "KEY"]);
        assert_eq!(words("spring.datasource.password"), ["SPRING", "DATASOURCE", "PASSWORD"]);
        assert_eq!(words("db--pass_"), ["DB", "PASS"]);
        assert_eq!(words("token2Refresh"), ["TOKEN2", "REFRESH"]);
        assert!(words("__").is_empty());
    }

    #[test]
    fn names_that_hold_a_secret() {
        for name in [
            "DB_PASSWORD",
            "dbPassword",
            "db-pass",
            "GITHUB_TOKEN",
            "API_KEY",
            "apiKey",
            "AWS_SECRET_ACCESS_KEY",
            "DJANGO_SECRET_KEY",
            "SECRET_KEY_BASE",
            "JWT_KEY",
            "MYSQL_PWD",
        ] {
            assert!(names_a_secret(name), "{name}");
        }
    }

    #[test]
    fn names_that_describe_or_publish_a_secret() {
        for name in [
            "PWD",
            "PASSWORD_MIN_LENGTH",
            "POSTGRES_PASSWORD_FILE",
            "TOKENIZERS_PARALLELISM",
            "SECRET_NAME",
            "CACHE_KEY",
            "GPG_KEY",
            "KEY",
            "PASSPORT_STRATEGY",
            "NEXT_PUBLIC_API_KEY",
            "STRIPE_PUBLISHABLE_KEY",
            "",
        ] {
            assert!(!names_a_secret(name), "{name}");
        }
    }

    #[test]
    fn values() {
        assert!(is_switch(" Yes ") && is_switch("0") && is_switch("OFF"));
        assert!(!is_switch("2") && !is_switch("hunter2"));
        for placeholder in
            ["${DB_PASSWORD}", "$(TOKEN)", "{{ .Values.token }}", "<path:kv#key>", "ENC[AES256]"]
        {
            assert!(is_placeholder(placeholder), "{placeholder}");
        }
        assert!(!is_placeholder("pa$$word") && !is_placeholder("<not-closed"));
        assert!(
            looks_like_path("/run/secrets/pg") && looks_like_path("./key.json") && looks_like_path("file:x")
        );
        assert!(!looks_like_path("s3cr3t") && !looks_like_path("../key"));
    }

    #[test]
    fn url_passwords() {
        assert!(has_url_password("postgres://app:hunter2@db:5432/app"));
        assert!(!has_url_password("redis://cache:6379/0"));
        assert!(!has_url_password("https://user@example.com/"));
        assert!(!has_url_password("https://user:@example.com/"));
        assert!(!has_url_password("https://example.com/?next=a:b@c"));
    }
}
