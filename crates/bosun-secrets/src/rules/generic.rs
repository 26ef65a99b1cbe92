//! Generic credentials: a literal assigned to a name that says password,
//! secret, API key or token, in the common syntaxes (`.env` and properties
//! `KEY=value`, YAML `key: value`, JSON `"key": "value"`, code `key = "value"`,
//! `key := "value"`, `key => 'value'`, XML `<password>value</password>`, PHP
//! `define('KEY', 'value')`, .NET `<add key="Key" value="value"/>`, Dockerfile
//! `ENV KEY value`, CLI flags `--password value`), and credentials in HTTP
//! headers and curl commands.
//!
//! Precision comes from the shape of the name and of the value:
//! - the name must end with the keyword, so `secret_name`, `password_file`,
//!   `token_url`, `api_key_id`, `passwordHash` (names, paths, references,
//!   ids) never match; names whose last word before the keyword says it holds
//!   something else (`hashed_password`, `next_page_token`, `csrf_token`,
//!   `existingSecret`, `searchApiKey`) are matched by a first alternative
//!   without a secret, which the engine skips;
//! - the value must be a quoted string or a bare token, long and random enough
//!   (entropy), and not a placeholder (`placeholder::is_placeholder`: `${X}`,
//!   `os.environ[...]`, `getpass()`, identifiers such as `DB_PASSWORD` or
//!   `userInput`, types such as `string`, defaults such as `changeme`,
//!   ciphertext such as SOPS or KMS blobs);
//! - `pwd` (the working directory in shells) counts only with a quoted value.
//!
//! UUIDs are reported when the name says secret, key or token (several
//! providers' keys are UUIDs) and never when it ends with `_id`. JWTs are left
//! to the JWT rules, which check their claims.

use crate::checksum;
use crate::placeholder;
use crate::rule::{SecretRule, META};
use bosun_core::{RuleMeta, Severity};

/// Where a name starts: line start or a character names do not contain; a
/// single `:` counts (Ruby's `:password =>`), and PowerShell's `$env:`, not
/// `::` (a type such as `AWS::SecretsManager::Secret`) nor `word:`
/// (`arn:...:secret`).
macro_rules! name_start {
    () => {
        r"(?:^|[^\w.:-]|(?:^|[^\w:]):|\$env:)"
    };
}

/// The part of a name before its keyword (`DB_`, `spring.datasource.`, `x-`).
macro_rules! name_head {
    () => {
        r"[\w.-]{0,40}?"
    };
}

/// After the keyword: the name ends (a closing quote, possibly escaped), an
/// optional type annotation (`password: str =`), the assignment and an
/// optional opening quote. A `:` needs a space or a quote after it (YAML,
/// JSON), so that `arn:...:secret:name` and other `a:b` strings do not count.
macro_rules! assign {
    () => {
        concat!(
            r#"\\?["'`]?(?:[ \t]*:[ \t]*[A-Za-z_][\w.<>\[\]|]*)?[ \t]*"#,
            r#"(?:(?:=|:=|=>|\?=|\|\|=)[ \t]*\\?["'`]?|:(?:[ \t]+\\?["'`]?|\\?["'`]))"#
        )
    };
}

/// An XML element named by the keyword: `<password>`, `<db.password>` (not a
/// regex's named group, `(?P<secret>`).
macro_rules! element {
    ($keyword:literal) => {
        concat!(r"(?:^|[^\w?])<[\w.:-]*?", $keyword, ">")
    };
}

/// The value: at least `min` + 2 characters without whitespace, quotes, `<>`,
/// `&`, `,`, square brackets or backslashes (`os.environ["X"]` leaves the name
/// `os.environ`, a placeholder); not starting with `=` or `:` (comparisons,
/// paths), a bracket (regexes, code) or `@` (`<password>@host` in URL
/// templates), and not ending with `;` or a closing bracket.
macro_rules! value {
    ($min:literal) => {
        concat!(
            r#"(?P<secret>[^\s"'`<>\\&,=:\[\]()^@][^\s"'`<>\\&,\[\]]{"#,
            $min,
            r#",}[^\s"'`<>\\&,;)\]}])"#
        )
    };
}

/// Other ways files name a value, for a name ending with the keyword: PHP
/// `define('NAME', '`, .NET `<add key="Name" value="`, Dockerfile `ENV NAME value`.
macro_rules! named {
    ($($keyword:tt)+) => {
        concat!(
            r#"\bdefine\([ \t]*['"][\w.-]*?"#,
            $($keyword)+,
            r#"['"][ \t]*,[ \t]*['"]"#,
            r#"|<add[ \t]+key[ \t]*=[ \t]*"[\w.:-]*?"#,
            $($keyword)+,
            r#""[ \t]+value[ \t]*=[ \t]*""#,
            r#"|^[ \t]*(?-i:ENV)[ \t]+[\w.-]*?"#,
            $($keyword)+,
            r#"[ \t]+\\?["']?"#
        )
    };
}

/// Names that hold something else than the credential their keyword says:
/// password hashes and form fields, references to Kubernetes Secrets,
/// pagination and one-time tokens, keys meant to be public.
macro_rules! not_password {
    () => {
        r"(?:hash(?:ed)?|encrypted|crypted|salted|digest|confirm(?:ation)?|forgot|reset)[_.-]?passw(?:or)?d"
    };
}

macro_rules! not_secret {
    () => {
        r"(?:existing|external|use|create|pull|tls|ssl|sealed|k8s|kube|kubernetes|vault)[_.-]?secrets?"
    };
}

macro_rules! not_token {
    () => {
        concat!(
            r"(?:next|prev(?:ious)?|page|paging|pagination|continuation|cursor|sync|csrf|xsrf|forgery|verification",
            r"|verify|reset|confirm(?:ation)?|invite|invitation|unsubscribe|registration|device|push|fcm|apns",
            r"|cancel(?:lation)?|idempotency|magic|email|resume|client|request|change|lock|update|lifecycle|action",
            r"|unit|input|output|starting|purchase|import|public|publishable|anon)[_.-]?tokens?"
        )
    };
}

macro_rules! not_secret_key {
    () => {
        r"(?:search|public|publishable|site|browser|anon)[_.-]?(?:api[_.-]?)?key"
    };
}

/// A first alternative for those names, without a secret group: the engine
/// skips its matches, and the assignment is consumed.
macro_rules! skip {
    ($($names:tt)+) => {
        concat!(name_start!(), r"[\w.-]*?", $($names)+, r"\b|", named!($($names)+))
    };
}

/// A CLI flag naming the keyword: `--db-password value`, `--token=value`.
macro_rules! flag {
    ($keyword:literal) => {
        concat!(r"(?:^|\s)--[\w-]*", $keyword, r#"(?:=|[ \t]+)\\?["'`]?"#)
    };
}

/// A generic rule's pattern: first the `skip`ped names, then a value of at
/// least `min` + 2 characters after a CLI flag naming `flag`, an XML element
/// naming `element`, or a name ending with `name` (in `named!`'s syntaxes or
/// assigned).
macro_rules! keyword_assignment {
    (skip: $skip:expr, flag: $flag:literal, element: $element:literal, name: $name:literal, min: $min:literal) => {
        concat!(
            "(?i)(?:",
            skip!($skip),
            "|(?:",
            flag!($flag),
            "|",
            element!($element),
            "|",
            named!($name),
            "|",
            name_start!(),
            name_head!(),
            $name,
            assign!(),
            ")",
            value!($min),
            ")"
        )
    };
}

/// `key`, `api_key`, `apiKey`, `api.key`, `API-KEY` for each kind of key.
macro_rules! key_keywords {
    ($($word:literal),*) => {
        &[$(concat!($word, "key"), concat!($word, "_key"), concat!($word, "-key"), concat!($word, ".key")),*]
    };
}

pub static RULES: &[SecretRule] = &[
    SecretRule {
        meta: RuleMeta {
            id: "SEC227",
            name: "generic-password-assignment",
            title: "Password assigned in code or configuration",
            severity: Severity::Medium,
            aliases: &["generic-api-key", "CKV_SECRET_10"],
            rationale: "A literal password in a configuration file, a script or code logs in to whatever it \
                        belongs to for everyone who can read the repository; the name alone does not say \
                        which service, so the scope is unknown.",
            remediation: "Change the password on the service it belongs to, and read it at run time from the \
                          environment or a secret store (`os.environ[\"DB_PASSWORD\"]`, `${DB_PASSWORD}`).",
            bad_example: "spring.datasource.password=Xk29vLq81mZpT4\n",
            good_example: "spring.datasource.password=${DB_PASSWORD}\n",
            ..META
        },
        keywords: &["pass", "pwd", "mysql"],
        pattern: concat!(
            "(?i)(?:",
            skip!(not_password!()),
            "|(?:",
            flag!("(?:password|passwd|passphrase)"),
            // openssl `-passin pass:SECRET`, mysql `-pSECRET`.
            r#"|(?:^|\s)-pass(?:in|out)?[ \t]+\\?["']?pass:"#,
            r#"|\bmysql(?:dump|admin|sh)?\b[^\n]*?[ \t](?-i:-p)\\?["'`]?"#,
            "|",
            element!("passw(?:or)?d"),
            "|",
            named!("(?:passw(?:or)?d|passphrase|[_.-]pass)"),
            "|",
            name_start!(),
            name_head!(),
            r"(?:passw(?:or)?d|passphrase|[_.-]pass)",
            assign!(),
            "|",
            name_start!(),
            name_head!(),
            "pwd",
            r#"\\?["'`]?[ \t]*(?:=|:=|=>|:)[ \t]*\\?["'`]"#,
            ")",
            value!("6"),
            ")"
        ),
        min_entropy: 2.5,
        validate: Some(not_jwt),
        generic: true,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC228",
            name: "generic-secret-assignment",
            title: "Secret assigned in code or configuration",
            severity: Severity::Medium,
            aliases: &["generic-api-key", "CKV_SECRET_10"],
            rationale: "A literal assigned to a name ending in `secret` (`client_secret`, `webhook_secret`, \
                        `SECRET_KEY`) is usually an OAuth client secret, a signing or encryption key: with it \
                        an attacker impersonates the application, forges sessions or webhooks, or decrypts \
                        its data.",
            remediation: "Rotate the secret where it was issued, and load it at run time from the environment \
                          or a secret store.",
            bad_example: "OAUTH_CLIENT_SECRET=7dHq2LmXv9RkT4pZw8YbN3cF\n",
            good_example: concat!(
                "OAUTH_CLIENT_SECRET=${OAUTH_CLIENT_SECRET}\n",
                "existingSecret: harbor-core-tls\n",
                "secret_name: my-k8s-secret\n",
            ),
            ..META
        },
        keywords: &["secret"],
        pattern: keyword_assignment!(
            skip: not_secret!(),
            flag: "secret",
            element: "secret",
            name: "secret(?:[_.-]?key)?",
            min: "8"
        ),
        min_entropy: 3.0,
        validate: Some(opaque_secret),
        generic: true,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC229",
            name: "generic-api-key-assignment",
            title: "API key assigned in code or configuration",
            severity: Severity::Medium,
            aliases: &["generic-api-key", "CKV_SECRET_10"],
            rationale: "A literal assigned to a name such as `api_key`, `access_key`, `private_key` or \
                        `encryption_key` is a key for some service or for the application's own \
                        cryptography; whoever reads it can call the service as the application or undo its \
                        encryption.",
            remediation: "Revoke the key where it was issued and create a new one, loaded at run time from \
                          the environment or a secret store.",
            bad_example: "const apiKey = \"f3Zq9VhX2kLm7RtP4wYc8Nb1\";\n",
            good_example: concat!("const apiKey = process.env.ACME_API_KEY;\n", "api_key_id: f3Zq9VhX2kLm7RtP4wYc8Nb1\n"),
            ..META
        },
        keywords: key_keywords!(
            "api",
            "access",
            "private",
            "auth",
            "client",
            "master",
            "encryption",
            "signing",
            "app",
            "license",
            "licence",
            "subscription",
            "consumer",
            "developer",
            "service",
            "fernet",
            "hmac",
            "aes",
            "jwt",
            "cipher",
            "crypto"
        ),
        pattern: keyword_assignment!(
            skip: not_secret_key!(),
            flag: "(?:api|access|private)[_-]?key",
            element: "(?:api|access|private)[_.-]?key",
            name: "(?:api|access|private|auth|client|master|encryption|signing|app|fernet|hmac|aes|jwt|cipher|crypto|licen[cs]e|subscription|consumer|developer|service)[_.-]?key",
            min: "14"
        ),
        min_entropy: 3.0,
        validate: Some(opaque_key),
        generic: true,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC230",
            name: "generic-token-assignment",
            title: "Token assigned in code or configuration",
            severity: Severity::Medium,
            aliases: &["generic-api-key", "CKV_SECRET_10"],
            rationale: "A literal assigned to a name ending in `token` (`access_token`, `AUTH_TOKEN`, \
                        `botToken`) is a bearer credential for some service: whoever holds it acts as its \
                        owner, within its scopes, until it is revoked. Pagination, CSRF, device and \
                        one-time tokens are not reported.",
            remediation: "Revoke the token where it was issued, and have the application read a new one at \
                          run time from the environment or a secret store.",
            bad_example: "  auth_token: \"Qx7vN2kLp9RmT4wZs8YbH3cF6gJ1\"\n",
            good_example: concat!(
                "  auth_token: \"${AUTH_TOKEN}\"\n",
                "  next_page_token: \"Qx7vN2kLp9RmT4wZs8YbH3cF6gJ1\"\n",
                "  token_url: \"https://auth.acme.dev/oauth/token\"\n",
            ),
            ..META
        },
        keywords: &["token"],
        pattern: keyword_assignment!(
            skip: not_token!(),
            flag: "token",
            element: "token",
            name: "token",
            min: "14"
        ),
        min_entropy: 3.0,
        validate: Some(opaque_key),
        generic: true,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC231",
            name: "basic-auth-header",
            title: "HTTP Basic credentials in an Authorization header",
            severity: Severity::Medium,
            aliases: &["curl-auth-header", "CKV_SECRET_4"],
            rationale: "`Authorization: Basic` carries base64 of `user:password`: encoding, not encryption. \
                        Whoever reads the header logs in to the service as that user.",
            remediation: "Change the password on the service, and build the header at run time from \
                          credentials in the environment or a secret store.",
            bad_example: "curl -H \"Authorization: Basic Y2ktYm90OlI3blEyeFdrOUxtUDRzVHY=\" https://api.acme.dev/v1/builds\n",
            good_example: "curl -H \"Authorization: Basic dXNlcm5hbWU6cGFzc3dvcmQ=\" https://api.example.com/\n",
            ..META
        },
        keywords: &["authorization"],
        pattern: r#"(?i)\bauthorization\b\\?["']?[ \t]*[:=,][ \t]*\\?["'`]?[ \t]*basic[ \t]+(?P<secret>[A-Za-z0-9+/]{8,}={0,2})(?:[^A-Za-z0-9+/=]|$)"#,
        validate: Some(basic_auth_literal),
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC232",
            name: "bearer-token-header",
            title: "Bearer token in an Authorization header",
            severity: Severity::Medium,
            aliases: &["curl-auth-header"],
            rationale: "A token written into an `Authorization: Bearer` header (a curl command in a script, \
                        a request in a test or a README) is a working credential for that API until it is \
                        revoked.",
            remediation: "Revoke the token, and build the header at run time from a token in the environment \
                          (`Authorization: Bearer $API_TOKEN`).",
            bad_example: "curl -H 'Authorization: Bearer 8fK2vLq9XmZ4tR7wP3nY6cB1hJ5sD0gA' https://api.acme.dev/v2/deploys\n",
            good_example: "curl -H \"Authorization: Bearer $API_TOKEN\" https://api.acme.dev/v2/deploys\n",
            ..META
        },
        keywords: &["bearer"],
        pattern: r#"(?i)\bauthorization\b\\?["']?[ \t]*[:=,][ \t]*\\?["'`]?[ \t]*bearer[ \t]+(?P<secret>[A-Za-z0-9._~+/-]{20,}={0,2})(?:[^A-Za-z0-9._~+/=-]|$)"#,
        min_entropy: 3.5,
        validate: Some(not_jwt),
        generic: true,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC233",
            name: "curl-user-password",
            title: "Password in a curl command",
            severity: Severity::Medium,
            aliases: &["curl-auth-user", "CKV_SECRET_4"],
            rationale: "`curl -u user:password` in a script, a CI job or a README logs in to the service as \
                        that user for everyone who reads it, and the command line also shows in process \
                        lists and shell history.",
            remediation: "Change the password, and let curl read it from a `.netrc` outside the repository \
                          (`--netrc-file`) or from the environment (`-u \"$API_USER:$API_PASSWORD\"`).",
            bad_example: "curl -u deploy:Tq8vN2xLm4KpR7sW -X POST https://ci.acme.dev/job/release/build\n",
            good_example: "curl -u \"deploy:$DEPLOY_PASSWORD\" -X POST https://ci.acme.dev/job/release/build\n",
            ..META
        },
        keywords: &["curl"],
        pattern: r#"\bcurl\b[^\n]*?[ \t](?:-u|--user)(?:[ \t]+|=)\\?["']?[^\s:"']*:(?P<secret>[^\s"'\\]+)"#,
        validate: Some(not_jwt),
        generic: true,
        ..SecretRule::DEFAULT
    },
];

/// JWTs are judged by the JWT rules (claims, expiry).
fn not_jwt(value: &str) -> bool {
    !(value.starts_with("eyJ") && value.matches('.').count() == 2)
}

/// Not a JWT, not a Kubernetes-style resource name (`harbor-core-2`,
/// `my-release-postgres16`: lower-case words and digits joined by `-` or `.`
/// with at least one word of four letters that is not hexadecimal; UUIDs and
/// hex keys are not names), without a typed run such as `1234` or `abcd`, and
/// not a publishable key.
fn opaque_secret(value: &str) -> bool {
    opaque_value(value) && random_enough(value, 3.2)
}

fn opaque_key(value: &str) -> bool {
    opaque_value(value) && random_enough(value, 3.5)
}

/// Random enough to be generated: hexadecimal has at most 4 bits a character
/// and needs 3.0 (the rules' minimum), other alphabets `min`.
fn random_enough(value: &str, min: f32) -> bool {
    value.bytes().all(|b| b.is_ascii_hexdigit()) || crate::entropy::shannon(value) >= min
}

fn opaque_value(value: &str) -> bool {
    not_jwt(value)
        && !resource_name(value)
        && placeholder::ascending_run(&value.to_ascii_lowercase()) < 4
        && !PUBLISHABLE_PREFIXES.iter().any(|p| value.starts_with(p))
}

/// Keys made to be shipped to browsers and apps: PostHog project keys, Mapbox
/// and Stripe publishable keys.
const PUBLISHABLE_PREFIXES: &[&str] = &["phc_", "pk.", "pk_live_", "pk_test_"];

fn resource_name(value: &str) -> bool {
    if !value.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.') {
        return false;
    }
    let segments: Vec<&str> = value.split(['-', '.']).collect();
    // `postgres16`, `v2`, `core`: letters then digits, not `mhgrkp9cy1r5`.
    let wordy = |s: &&str| {
        let letters = s.trim_end_matches(|c: char| c.is_ascii_digit());
        letters.chars().all(|c| c.is_ascii_lowercase())
    };
    segments.len() >= 2
        && segments.iter().all(|s| !s.is_empty() && wordy(s))
        && segments.iter().any(|s| {
            s.len() >= 4
                && s.chars().all(|c| c.is_ascii_lowercase())
                && !s.chars().all(|c| c.is_ascii_hexdigit())
        })
}

/// Base64 of `user:password` with a literal password.
fn basic_auth_literal(value: &str) -> bool {
    checksum::basic_auth(value)
        && checksum::decode_base64_text(value)
            .and_then(|pair| pair.split_once(':').map(|(_, password)| !placeholder::is_placeholder(password)))
            .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{findings, ids};

    /// The secrets the generic rules find in `text`.
    fn found(text: &str) -> Vec<String> {
        findings("app.txt", text)
            .into_iter()
            .filter(|f| ("SEC227"..="SEC233").contains(&f.rule_id.as_str()))
            .map(|f| f.secret.map(|s| s.shown).unwrap_or_default())
            .collect()
    }

    #[test]
    fn assignments_in_common_syntaxes() {
        let password = "Xk29vLq81mZpT4";
        for text in [
            format!("DB_PASSWORD={password}"),
            format!("export DB_PASSWORD=\"{password}\""),
            format!("  password: {password}"),
            format!("  password: '{password}'  # prod"),
            format!("{{\"password\": \"{password}\", \"user\": \"app\"}}"),
            format!("password = \"{password}\""),
            format!("db.password := \"{password}\""),
            format!("'password' => '{password}',"),
            format!(":password => \"{password}\""),
            format!("<password>{password}</password>"),
            format!("spring.datasource.password={password}"),
            format!("pg_dump --password {password} app"),
            format!("docker login --password={password} registry.acme.dev"),
            format!("mysql -u root -p{password} app"),
            format!("mysqldump -uroot -p'{password}' app"),
            format!("openssl pkcs12 -export -passout pass:{password} -out a.p12"),
            format!("DB_PASS={password}"),
            format!("const pwd = \"{password}\";"),
            format!("password: str = \"{password}\""),
            format!("conn = connect(host=h, password='{password}')"),
            format!("$env:DB_PASSWORD = '{password}'"),
            format!("\\\"password\\\": \\\"{password}\\\""),
        ] {
            assert_eq!(found(&text), [password], "{text}");
        }
    }

    #[test]
    fn names_references_and_code_are_not_passwords() {
        for text in [
            "password = os.environ[\"DB_PASSWORD\"]",
            "password: ${DB_PASSWORD}",
            "password = \"\"",
            "password = None",
            "password_field = \"password\"",
            "\"password\": \"{{ .Values.db.password }}\"",
            "password: string;",
            "  password?: string;",
            "def login(username: str, password: str) -> bool:",
            "fun login(password: String): Boolean",
            "if password == \"\":",
            "if password == \"Xk29vLq81mZpT4\":",
            "if (password !== confirmPassword) {",
            "pwd = os.getcwd()",
            "cd $PWD/build",
            "hashed_password = \"$2b$12$KIXQJ3a9u1G0pH1yYzF5UeWm8y7b6V5c4X3z2Q1w0E9r8T7y6U5i\"",
            "password = getpass.getpass(\"Password: \")",
            "password = request.form['password']",
            "self.password = password",
            "password: !vault |",
            "password: \"Mot de passe\"",
            "password: Passwort",
            "password_min_length: 12",
            "password = DEFAULT_PASSWORD",
            "mysql -u root -p app",
            "mysql -h db -P 3306 -u app",
            "password: hunter2hunter2",
            "password: changeme123",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }

    #[test]
    fn secrets_keys_and_tokens_need_random_values() {
        assert_eq!(found("client_secret: 7dHq2LmXv9RkT4pZw8YbN3cF"), ["7dHq2LmXv9RkT4pZw8YbN3cF"]);
        assert_eq!(
            found("SECRET_KEY = 'django-insecure-q8#v2^zl!7xk@4m9r$1t0w&b3n6yp'"),
            ["django-insecure-q8#v2^zl!7xk@4m9r$1t0w"]
        );
        assert_eq!(found("x-api-key: f3Zq9VhX2kLm7RtP4wYc8Nb1"), ["f3Zq9VhX2kLm7RtP4wYc8Nb1"]);
        assert_eq!(
            found("APP_KEY=base64:3q2+7w0T1u8k4WcXhR9mZ1yP5nL0sV2aF6gJ8dQ4eBc="),
            ["base64:3q2+7w0T1u8k4WcXhR9mZ1yP5nL0sV2aF6gJ8dQ4eBc="]
        );
        assert_eq!(found("botToken = \"Qx7vN2kLp9RmT4wZs8YbH3cF6gJ1\""), ["Qx7vN2kLp9RmT4wZs8YbH3cF6gJ1"]);
        assert_eq!(
            found("acme_api_key: 1b4e28ba-2fa1-11d2-883f-0016d3cca427"),
            ["1b4e28ba-2fa1-11d2-883f-0016d3cca427"]
        );
        for text in [
            "secret_name: my-k8s-secret",
            "secretName: db-credentials",
            "existingSecret: harbor-core-2",
            "secret: my-release-postgres16",
            "imagePullSecret: regcred-prod",
            "secret_id: 1b4e28ba-2fa1-11d2-883f-0016d3cca427",
            "api_key_id: f3Zq9VhX2kLm7RtP4wYc8Nb1",
            "api_key = get_api_key()",
            "public_key: MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE",
            "token_url = \"https://auth.acme.dev/oauth/token\"",
            "token_type: Bearer",
            "nextPageToken: \"CiAKGjBpNDd2Nmp2Zml2cXRwYjBpOXA0ZmNkMm\"",
            "next_page_token = \"CiAKGjBpNDd2Nmp2Zml2cXRwYjBpOXA0ZmNkMm\"",
            "csrf_token: \"a8f5f167f44f4964e6c998dee827110c\"",
            "max_tokens: 4096",
            "admin_token: ${ADMIN_TOKEN}",
            "token: ${{ secrets.GITHUB_TOKEN }}",
            "\"integrity\": \"sha512-Q6dRZsBBkbD3lZk8WyeKGNhm2yHdtC4gplPSvvG4BuaLf8xtIe+Dc4MxoDNk3KiQiq1u5Eg8iSXV7XG7Y/kAmA==\"",
            "private_key: \"-----BEGIN PRIVATE KEY-----\\n<redacted>\\n-----END PRIVATE KEY-----\"",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
        assert_eq!(
            found("admin_token: Qx7vN2kLp9RmT4wZs8YbH3cF6gJ1"),
            ["Qx7vN2kLp9RmT4wZs8YbH3cF6gJ1"],
            "admin is not a 'min' token"
        );
        let hex = "ebb2a59cd58e715ee25aab5bfe3d9237";
        assert_eq!(found(&format!("export AUTH_TOKEN=\"{hex}\"")), [hex], "hex needs less entropy");
        assert!(found("auth_token: \"aaaabbbbccccdddd1111\"").is_empty());
    }

    #[test]
    fn php_defines_dotnet_settings_and_dockerfile_env() {
        let token = "rhKAqAQTsU1kGlwpDstUzRuWnFgKEJk6HB1kQu19";
        assert_eq!(found(&format!("define('API_TOKEN', '{token}');")), [token]);
        assert_eq!(found(&format!("<add key=\"AppSecret\" value=\"{token}\" />")), [token]);
        assert_eq!(found(&format!("ENV SERVICE_API_KEY {token}")), [token]);
        assert_eq!(found(&format!("\"FernetKey\": \"{token}=\"")), [format!("{token}=")]);
        assert!(found("define('DB_PASSWORD', getenv('DB_PASSWORD'));").is_empty());
        assert!(found("ENV API_TOKEN=\"\"").is_empty());
    }

    #[test]
    fn public_and_encrypted_values_are_not_reported() {
        for text in [
            "algoliaSearchApiKey = \"24cacb0023dbfec54b474f12013db59e\"",
            "RECAPTCHA_SITE_KEY=6LcX9vQpAAAAAKx3mN7bT2wZr5yQ8uJ1sH4dF0gE",
            "<add key=\"AlgoliaSearchApiKey\" value=\"db015ec977e358f02f9dd61e47c7233b\" />",
            "define('HASHED_PASSWORD', '$2y$10$abcdefghijklmnopqrstuv');",
            "API_KEY=AQICAHhKajjZ3iwuC9DxmDFxjEaMmDCSHj0LL3glVZWSJqzaOhAkDon8OtAvs8KmFJsrf",
            "  <password>{JQXzevUp1b1tBJK+nWomtSGab50mmH8wi+iFzKDWmhA=}</password>",
            "\"AWS::SecretsManager::Secret\": \"c85175a4ebcce361f0\",",
            "arn:aws:secretsmanager:us-west-2:123456789012:secret:MyTestDatabaseSecret-a1b2c3",
            "POSTHOG_PROJECT_API_KEY=phc_tyjEP8rovbeNv9TAlDLpmPh1Z3RXV8FCH78i0frjhvx",
            "mapbox.public.token = pk.eyJ1IjogImFjbWUtbWFwcyIsICJhIjogImV0dXptMm9ncTFsciJ9.9tcb_prVCovTZldb0l8wli",
            "DB_PASSWORD: ENC[AES256_GCM,data:Tr0ub4dorXk29,iv:abc,tag:def,type:str]",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }

    #[test]
    fn headers_and_curl() {
        assert_eq!(
            found(
                "requests.get(url, headers={\"Authorization\": \"Bearer 8fK2vLq9XmZ4tR7wP3nY6cB1hJ5sD0gA\"})"
            ),
            ["8fK2vLq9XmZ4tR7wP3nY6cB1hJ5sD0gA"]
        );
        assert!(found("headers: { Authorization: `Bearer ${token}` }").is_empty());
        assert!(found("Authorization: Bearer <token>").is_empty());
        assert_eq!(
            found("GET / HTTP/1.1\r\nAuthorization: Basic Y2ktYm90OlI3blEyeFdrOUxtUDRzVHY=\r\n"),
            ["Y2ktYm90OlI3blEyeFdrOUxtUDRzVHY="]
        );
        assert!(found("Authorization: Basic bm90IGEgbG9naW4=").is_empty(), "not user:password");
        assert!(found("curl -u elastic:changeme http://localhost:9200").is_empty());
        assert!(found("curl -u \"$USER:$PASS\" https://x").is_empty());
        assert_eq!(found("curl --user=ci:Tq8vN2xLm4KpR7sW https://x"), ["Tq8vN2xLm4KpR7sW"]);
    }

    #[test]
    fn provider_rules_win_over_generic_ones() {
        // A GitHub token assigned to a token variable: one finding, the provider's.
        let text = "GITHUB_TOKEN=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\n";
        assert_eq!(ids("ci.env", text), ["SEC040"]);
    }
}
