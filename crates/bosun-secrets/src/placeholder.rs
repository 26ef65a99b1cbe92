//! Values that only look like secrets: references to where the secret really
//! is, template variables, documentation examples and obvious dummies, names
//! and code. Applied to generic rules, whose patterns match any assigned value,
//! and called by the validators of rules whose value is free-form (passwords in
//! configuration files and connection strings).

/// True when `value` is a reference, a template or a stand-in, not a credential.
pub fn is_placeholder(value: &str) -> bool {
    let value = value.trim().trim_matches(|c| c == '"' || c == '\'' || c == '`');
    if value.len() < 6 {
        return true;
    }
    // What closes the expression the value sits in (`f(token=request.key):`)
    // says nothing about the value itself.
    let value = value.trim_end_matches([')', ':', ';', ',', '}', ']']);
    is_documentation_example(value)
        || is_reference(value)
        || is_dummy(value)
        || is_code_expression(value)
        || is_name(value)
        || is_hash(value)
        || is_number(value)
}

/// Values that standards and vendors print in their documentation: OAuth 2.0's
/// (RFC 6749) example tokens and client credentials, OAuth 1.0's (RFC 5849).
/// Copies of them in docstrings and tests are everywhere and grant nothing.
fn is_documentation_example(value: &str) -> bool {
    const EXAMPLES: &[&str] = &[
        "2YotnFZFEjr1zCsicMWpAA",
        "tGzv3JOkF0XG5Qx2TlKWIA",
        "SplxlOBeZQQYbYS6WxSbIA",
        "czZCaGRSa3F0MzpnWDFmQmF0M2JW",
        "gX1fBat3bV",
        "8xLOxBtZp8",
        "hh5s93j4hdidpola",
        "hdk48Djdsa",
        "kd94hf93k423kf44",
        "pfkkdhi9sl3r4s00",
        "nnch734d00sl2jdk",
        "dh893hdasih9",
    ];
    EXAMPLES.iter().any(|example| value.contains(example))
}

/// `${VAR}`, `$VAR`, `{{ .Values.x }}`, `<your-key>`, SOPS `ENC[...]`,
/// `ref+vault://`, `vault:secret/...`, `%(password)s`, `@Value("${x}")`,
/// `{password}` (Python format strings), `@DB_PASSWORD@` (Maven filtering),
/// `__DB_PASSWORD__` (release pipelines' token replacement), `((password))`
/// (Concourse), Jasypt `ENC(...)`, Spring `{cipher}...`, YAML tags (`!vault`,
/// `!Ref`), ARNs, Azure Key Vault and 1Password (`op://`) references, file
/// paths and URLs.
fn is_reference(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    let wrapped = |open: &str, close: &str| {
        value.len() > open.len() + close.len() && value.starts_with(open) && value.ends_with(close)
    };
    value.contains("${")
        || value.contains("$(")
        || value.contains("{{")
        || value.contains("#{")
        || value.contains("%(")
        || value.contains("((")
        || (value.starts_with('$') && value[1..].chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
        || wrapped("<", ">")
        || wrapped("[", "]")
        || wrapped("{", "}")
        || wrapped("%", "%")
        || wrapped("@", "@")
        || wrapped("__", "__")
        || value.starts_with("ENC[")
        || value.starts_with("ENC(")
        || value.starts_with('!')
        || lower.starts_with("{cipher}")
        || lower.starts_with("@microsoft.keyvault")
        || lower.starts_with("ref+")
        || lower.starts_with("vault:")
        || lower.starts_with("secretsmanager:")
        || lower.starts_with("arn:")
        || is_url(&lower)
        || is_format_field(value)
        || is_encrypted(value)
        || is_option_list(value)
        || is_resource_path(value)
        // `{JQXzev...=` and other values cut before their closing brace.
        || (value.starts_with('{') && !value.contains('}'))
        // `$dir/private/cakey.pem`, `$insta::secret`: a variable and a path.
        || value.strip_prefix('$').is_some_and(|rest| {
            let name = rest.trim_start_matches(|c: char| c.is_ascii_alphanumeric() || c == '_');
            name.len() < rest.len() && name.starts_with(['/', '.', ':'])
        })
        || ["$__file{", "$__env{", "$__vault{"].iter().any(|p| value.contains(p))
        || ["/run/secrets/", "/var/run/secrets/", "file:", "~/", "./", "../"]
            .iter()
            .any(|p| lower.starts_with(p))
        || is_absolute_path(value)
}

/// `https://...`, `s3://...`, `file://...`, `op://...`: where the secret is.
fn is_url(lower: &str) -> bool {
    lower.split_once("://").is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '.' | '-'))
    })
}

/// `{password}`, `{password!r`, `{0}`: a format string's field, cut or not
/// (but not Spring's `{noop}Tr0ub4dor&3`, a clear password after its encoder).
fn is_format_field(value: &str) -> bool {
    value.strip_prefix('{').is_some_and(|rest| {
        let field: String = rest.chars().take_while(|&c| c != '}' && c != '!' && c != ':').collect();
        let after = &rest[field.len()..];
        !field.is_empty()
            && field.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '[' | ']'))
            && (after.is_empty() || after == "}" || after.starts_with(['!', ':']))
    })
}

/// `id=npm_token`, `src=.env`: Docker's `--secret` and `--mount` options, not
/// a value.
fn is_option_list(value: &str) -> bool {
    const OPTIONS: &[&str] =
        &["id", "src", "source", "env", "type", "target", "dst", "uid", "gid", "mode", "required"];
    value.split_once('=').is_some_and(|(key, rest)| !rest.is_empty() && OPTIONS.contains(&key))
}

/// `organizations/8c2a4b12-5d31-4e0f-9a7b-2f6e1c3d4b5a/apiKeys/1`: the name of
/// a resource in an API (words, ids and numbers between slashes), not a key.
fn is_resource_path(value: &str) -> bool {
    let segments: Vec<&str> = value.split('/').collect();
    let id = |s: &str| {
        s.chars().all(|c| c.is_ascii_hexdigit() || c == '-') && s.contains('-')
            || s.chars().all(|c| c.is_ascii_digit())
    };
    segments.len() >= 3
        && segments.iter().all(|s| {
            !s.is_empty() && (id(s) || s.chars().all(|c| c.is_ascii_alphabetic() || matches!(c, '_' | '-')))
        })
        && segments.iter().any(|s| s.len() >= 4 && s.chars().all(|c| c.is_ascii_alphabetic()))
}

/// Ciphertext that only its key can open: AWS KMS blobs (`AQICAH...`),
/// Bitnami sealed secrets (`AgB...`, hundreds of characters), Ansible Vault.
fn is_encrypted(value: &str) -> bool {
    value.starts_with("AQICAH")
        || value.starts_with("$ANSIBLE_VAULT")
        || (value.starts_with("Ag") && value.len() >= 300)
}

/// `/etc/app/db-password`: a path where the secret is kept.
fn is_absolute_path(value: &str) -> bool {
    let mut segments = value.split('/');
    segments.next() == Some("")
        && value.matches('/').count() >= 2
        && segments.all(|s| s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')))
}

/// Words that mark a value as an example, plus values with too little variety
/// to be generated (`xxxxxxxx`, `12345678`, `abcdefgh`).
const DUMMY_WORDS: &[&str] = &[
    "example",
    "sample",
    "changeme",
    "change_me",
    "change-me",
    "placeholder",
    "your_",
    "your-",
    "yourpass",
    "insert",
    "replace",
    "redacted",
    "dummy",
    "fake",
    "notreal",
    "not_real",
    "not-a-real",
    "xxxx",
    "****",
    "....",
    "todo",
    "fixme",
    "secret_here",
    "password_here",
    "enter_",
    "put_your",
    "my_secret",
    "mysecret",
    "mypassword",
    "password123",
    "passw0rd",
    "p@ssw0rd",
    "hunter2",
    "letmein",
    "qwerty",
    "abcdef123",
    "123456",
    "000000",
    "<none>",
    "test1234",
    "testtest",
    // A chosen secret does not spell out the word; stand-ins and examples do.
    "password",
    "passwd",
    "pass@word",
    "p@ssword",
    "p@55w0rd",
    "pa55word",
    "pa$$word",
    "p4ssw0rd",
    "a1b2c3",
    "1a2b3c",
    "...",
];

/// Whole values (compared without case, digits and punctuation at the end)
/// that are defaults or stand-ins, never a chosen secret: `password`,
/// `Password1!`, `postgres`, `secret123`, `changeit`.
const DUMMY_VALUES: &[&str] = &[
    "password",
    "passwd",
    "pass",
    "pwd",
    "secret",
    "secrets",
    "changeit",
    "admin",
    "administrator",
    "root",
    "postgres",
    "postgresql",
    "mysql",
    "mariadb",
    "mongo",
    "mongodb",
    "redis",
    "rabbitmq",
    "guest",
    "test",
    "tests",
    "testing",
    "default",
    "user",
    "username",
    "token",
    "apikey",
    "api_key",
    "key",
    "value",
    "string",
    "demo",
    "sample",
    "foobar",
    "foo",
    "bar",
    "baz",
    "elastic",
    "kibana",
    "oracle",
    "tiger",
    "scott",
    "sa",
    "dev",
    "development",
    "local",
    "localhost",
    "docker",
    "vagrant",
    "ubuntu",
    "welcome",
    "credentials",
    "topsecret",
    "supersecret",
    "s3cret",
    "s3cr3t",
    "undefined",
    "null",
    "nil",
    "none",
    "true",
    "false",
];

fn is_dummy(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    if DUMMY_WORDS.iter().any(|w| lower.contains(w)) {
        return true;
    }
    let stem = lower.trim_end_matches(|c: char| c.is_ascii_digit() || c.is_ascii_punctuation());
    if DUMMY_VALUES.contains(&stem) {
        return true;
    }
    let distinct = {
        let mut seen = [false; 256];
        value.bytes().filter(|&b| !std::mem::replace(&mut seen[b as usize], true)).count()
    };
    distinct <= 3 || is_sequence(&lower) || ascending_run(&lower) >= 5
}

/// The longest run of consecutive characters (`12345`, `abcde`) in `value`:
/// typed by hand, not generated.
pub fn ascending_run(value: &str) -> usize {
    let bytes = value.as_bytes();
    let (mut longest, mut run) = (usize::from(!bytes.is_empty()), 1);
    for w in bytes.windows(2) {
        run = if w[1] == w[0].wrapping_add(1) && w[1].is_ascii_alphanumeric() { run + 1 } else { 1 };
        longest = longest.max(run);
    }
    longest
}

/// `abcdefgh`, `12345678`: consecutive characters.
fn is_sequence(value: &str) -> bool {
    let bytes = value.as_bytes();
    bytes.len() >= 6 && bytes.windows(2).all(|w| w[1] == w[0].wrapping_add(1))
}

/// Source code on the right of an assignment: `os.environ["X"]`,
/// `getenv("X")`, `config.password`, `this.secret`, `process.env.TOKEN`,
/// function calls and indexing (`getpass(prompt`, `request.form[`, cut where a
/// quote or a space ended the match). A literal secret is a quoted string or a
/// bare token.
fn is_code_expression(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    if [
        "getenv",
        "environ",
        "process.env",
        "env(",
        "env[",
        "os.getenv",
        "config.",
        "settings.",
        "self.",
        "this.",
    ]
    .iter()
    .any(|p| lower.contains(p))
        || (value.ends_with(')') && value.contains('('))
    {
        return true;
    }
    // `name(` or `name[` after a (dotted) identifier, whatever follows.
    match value.find(['(', '[']) {
        Some(at) if at > 0 => {
            // `getpass`, `os.environ`, `_make_token`, `SecretStr`; not `aB3x`.
            // Rust paths and macros too: `token::Brace(`, `parenthesized!(`.
            let callee = value[..at].strip_suffix('!').unwrap_or(&value[..at]);
            callee.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
                && callee.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | ':'))
                && (callee.contains(['.', '_', ':'])
                    || callee.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
                    || is_name(callee))
        }
        _ => false,
    }
}

/// Identifiers and words rather than generated values: `DB_PASSWORD`,
/// `db-password`, `dbPassword`, `Values.password`, `secret/data/app` (a Vault
/// path), `string`, `Passwort`: a variable or a resource name, a type, a
/// label. Random tokens have digits, or mix cases inside their segments.
fn is_name(value: &str) -> bool {
    if is_identifier_chain(value) {
        return true;
    }
    if !value.chars().all(|c| c.is_ascii_alphabetic() || matches!(c, '_' | '-' | '.' | '/')) {
        return names_a_secret(value);
    }
    let segments: Vec<&str> = value.split(['_', '-', '.', '/']).filter(|s| !s.is_empty()).collect();
    let single_case = |s: &str| {
        s.chars().all(|c| c.is_ascii_lowercase())
            || s.chars().all(|c| c.is_ascii_uppercase())
            || (s.starts_with(|c: char| c.is_ascii_uppercase())
                && s[1..].chars().all(|c| c.is_ascii_lowercase()))
    };
    match segments.as_slice() {
        [] => true,
        [word] => (word.len() <= 12 && single_case(word)) || is_camel_case(word),
        _ => segments.iter().all(|s| single_case(s) || is_camel_case(s)),
    }
}

/// `dbPassword`, `myApiToken`: a lower-case word then capitalised words of at
/// least two letters each.
fn is_camel_case(word: &str) -> bool {
    let mut parts = word.split(|c: char| c.is_ascii_uppercase());
    let Some(first) = parts.next() else { return false };
    first.len() >= 2
        && first.chars().all(|c| c.is_ascii_lowercase())
        && word.chars().filter(|c| c.is_ascii_uppercase()).count() >= 1
        && parts.all(|p| p.len() >= 2 && p.chars().all(|c| c.is_ascii_lowercase()))
}

/// Code identifiers, possibly dotted or namespaced: `rsa.RSAPrivateKey`,
/// `_PasswordType`, `SecretStr`, `Ed25519PrivateKey`,
/// `InvalidContinuationToken`, `serverlessrepo:applicationId`. Split at `_`,
/// `.`, `:`, case changes and digits, every word is well-cased and at least
/// two letters long; digits only end a short word (`Ed25519`, `X25519`,
/// `b64`), two of them at least. At least two words have three letters or
/// more, and words average three and a half letters: chunks of random text
/// (`Gk5PQXVpx`, `za80bzWa`) are shorter. One word sequence ending in digits
/// with no separator (`BlueHarborPass99`) is left alone: that is how people
/// choose passwords.
fn is_identifier_chain(value: &str) -> bool {
    // A macro's name: `syn::Token!`.
    let value = value.strip_suffix('!').unwrap_or(value);
    if !value.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | ':'))
        || value.starts_with(|c: char| c.is_ascii_digit())
    {
        return false;
    }
    if !value.contains(['_', '.', ':']) && value.ends_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let (mut words, mut letters, mut long_words) = (0, 0, 0);
    for segment in value.split(['_', '.', ':']).filter(|s| !s.is_empty()) {
        let parts = split_words(segment);
        for (i, word) in parts.iter().enumerate() {
            if word.chars().all(|c| c.is_ascii_digit()) {
                let after_short_word = i > 0 && parts[i - 1].len() <= 5;
                if word.len() < 2 || !after_short_word {
                    return false;
                }
                continue;
            }
            let followed_by_number =
                parts.get(i + 1).is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit()));
            let well_cased = word.chars().all(|c| c.is_ascii_uppercase())
                || word.chars().all(|c| c.is_ascii_lowercase())
                || (word.starts_with(|c: char| c.is_ascii_uppercase())
                    && word[1..].chars().all(|c| c.is_ascii_lowercase()));
            if !well_cased || (word.len() == 1 && !followed_by_number) {
                return false;
            }
            if followed_by_number {
                // `Ed25519`, `MLKEM768`: a name with its number, neutral.
                continue;
            }
            words += 1;
            letters += word.len();
            if word.len() >= 3 {
                long_words += 1;
            }
        }
    }
    long_words >= 2 && letters * 2 >= words * 7
}

/// `RSAPrivateKey25519` → `RSA`, `Private`, `Key`, `25519`.
fn split_words(segment: &str) -> Vec<&str> {
    let bytes = segment.as_bytes();
    let mut words = Vec::new();
    let mut start = 0;
    for i in 1..bytes.len() {
        let (prev, cur) = (bytes[i - 1], bytes[i]);
        let next_lower = bytes.get(i + 1).is_some_and(u8::is_ascii_lowercase);
        let boundary = (prev.is_ascii_lowercase() && cur.is_ascii_uppercase())
            || (prev.is_ascii_digit() != cur.is_ascii_digit())
            || (prev.is_ascii_uppercase() && cur.is_ascii_uppercase() && next_lower);
        if boundary {
            words.push(&segment[start..i]);
            start = i;
        }
    }
    if start < bytes.len() {
        words.push(&segment[start..]);
    }
    words
}

/// `4096`, `-2146893773`, `1.5`: numbers.
fn is_number(value: &str) -> bool {
    let digits = value.strip_prefix('-').unwrap_or(value);
    digits.starts_with(|c: char| c.is_ascii_digit()) && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
}

/// Names of secrets rather than secrets: `prod-db-password`, `app_secret_2`,
/// `github-token`, `api.key.v2` (segments, one of them a word that names a kind
/// of secret).
fn names_a_secret(value: &str) -> bool {
    const KINDS: &[&str] = &[
        "secret",
        "secrets",
        "password",
        "passwd",
        "pwd",
        "token",
        "key",
        "apikey",
        "credentials",
        "creds",
        "cred",
    ];
    if !value.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '/' | ':')) {
        return false;
    }
    let segments: Vec<&str> = value.split(['_', '-', '.', '/', ':']).filter(|s| !s.is_empty()).collect();
    segments.len() >= 2 && segments.iter().any(|s| KINDS.contains(&s.to_ascii_lowercase().as_str()))
}

/// Password hashes (bcrypt, crypt(3), Argon2, PBKDF2, LDAP `{SSHA}`): what a
/// system stores to check a password, not a credential one can present.
fn is_hash(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    [
        "$2a$",
        "$2b$",
        "$2y$",
        "$1$",
        "$5$",
        "$6$",
        "$apr1$",
        "$argon2",
        "$scrypt$",
        "$pbkdf2",
        "pbkdf2_sha",
        "{ssha}",
        "{sha}",
        "{bcrypt}$",
        "{crypt}",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::is_placeholder;

    #[test]
    fn references_templates_and_dummies_are_placeholders() {
        for value in [
            "${DB_PASSWORD}",
            "$DB_PASSWORD",
            "{{ .Values.password }}",
            "<your-api-key>",
            "ENC[AES256_GCM,data:abc]",
            "changeme",
            "xxxxxxxxxxxx",
            "12345678",
            "os.environ['API_KEY']",
            "process.env.TOKEN",
            "getPassword()",
            "/run/secrets/db",
            "short",
            "YOUR_API_KEY_HERE",
            "request.resource_owner_key):",
            "2YotnFZFEjr1zCsicMWpAA",
        ] {
            assert!(is_placeholder(value), "{value}");
        }
    }

    #[test]
    fn more_reference_syntaxes_are_placeholders() {
        for value in [
            "{password}",
            "{db_pass}",
            "@db.password@",
            "__DB_PASSWORD__",
            "((postgres_password))",
            "ENC(G6N718UuyPE5bHyWKyuLQSm02auQPUtm)",
            "{cipher}AQB7Rm0cCh28ZzdI",
            "!vault |",
            "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/db)",
            "op://infra/postgres/password",
            "https://vault.internal/v1/secret/db",
            "/etc/app/secrets/db-password",
            "./secrets/db.txt",
            "{COQLCE6DU6GtcS5P=}",
            "{JQXzevUp1b1tBJK+nWomtSGab50mmH8wi+iFzKDWmhA=",
            "$dir/private/cakey.pem",
            "$insta::secret",
            "AQICAHhKajjZ3iwuC9DxmDFxjEaMmDCSHj0LL3glVZWSJqzaOhAkDon8OtAvs8KmFJsrf",
        ] {
            assert!(is_placeholder(value), "{value}");
        }
    }

    #[test]
    fn default_and_stand_in_values_are_placeholders() {
        for value in
            ["password", "Password1!", "postgres", "secret123", "changeit", "guest", "elastic", "username"]
        {
            assert!(is_placeholder(value), "{value}");
        }
    }

    #[test]
    fn names_types_and_code_are_placeholders() {
        for value in [
            "DB_PASSWORD",
            "db_password",
            "dbPassword",
            "userInput",
            "args.password",
            "string",
            "Passwort",
            "my-k8s-secret",
            "postgres-credentials",
            "app_secret_2",
            "getpass(prompt",
            "request.form[",
            "base64.b16encode(random_bytes[8:]",
            "_RunVarToken(self",
            "rsa.RSAPrivateKey",
            "_PasswordType",
            "Ed25519PrivateKey",
            "rust_openssl.hpke.MLKEM768X25519PrivateKey",
            "x25519.X25519PrivateKey",
            "syn::Token!",
            "SecretStr",
            "ed25519.Ed25519PrivateKey",
            "FilterOrBool",
            "token::Brace(span",
            "parenthesized!(content",
            "true/false",
            "secret/data/billing",
            "id=npm_token",
            "organizations/8c2a4b12-5d31-4e0f-9a7b-2f6e1c3d4b5a/apiKeys/1",
            "Cell::new",
            "InvalidContinuationToken",
            "Token.Name.Builtin.SchemeFunction",
            "serverlessrepo:applicationId",
            "-2146893773",
            "{password!r",
            "s3://bucket/creds.json",
            "arn:aws-cn:iam::aws:policy/IAMUserChangePassword",
            "generatedwebdavpassword1",
            "AB1C2defGHijkLMNo3PqQRstUvwxyz",
        ] {
            assert!(is_placeholder(value), "{value}");
        }
    }

    #[test]
    fn password_hashes_are_not_credentials() {
        for value in [
            "$2b$12$KIXQJ3a9u1G0pH1yYzF5UeWm8y7b6V5c4X3z2Q1w0E9r8T7y6U5i",
            "$6$rounds=5000$salt$hash",
            "{SSHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=",
            "pbkdf2_sha256$260000$abc$def",
        ] {
            assert!(is_placeholder(value), "{value}");
        }
    }

    #[test]
    fn generated_values_are_not_placeholders() {
        for value in [
            "Xk29vLq81mZpT4",
            "s3cr3t-Pa55-2024-zq",
            "9f8e7d6c5b4a3f2e1d0c",
            "qVfkGhTrWmZpLxNa",
            "1b4e28ba-2fa1-11d2-883f-0016d3cca427",
            "base64:3q2+7w0T1u8k4WcXhR9mZ1yP5nL0sV2aF6gJ8dQ4eBc=",
            "{noop}Tr0ub4dor&3",
            "aB3x(9!kL2q",
            "Summer2024!x",
            "BlueHarborPass99",
            "tulip22x!q",
            "ofcq0AdxWaRflVRi3Bk2qpInworP1F0XuBikVrC7",
            "c85175a4ebcce361",
            "amzn1.account.AF6RHO7KZU5XRVQJGXK6HB56KR2A",
            "ivSmQDBbT/+Zb/ZPMciD3IRnInuLlO5feHrJk4Hc",
            "XP7q3x3x0uyyUQ.IpkhV4qjlx",
            "za80bzWaEEXUedWXCI",
            "qka=yYaBA2-UrFY",
            "Gk5PQXVpxXlnxd5ifhXp",
            "YM3QnVuEffRmafgca",
        ] {
            assert!(!is_placeholder(value), "{value}");
        }
    }
}
