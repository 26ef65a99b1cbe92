//! Credentials in the configuration files of package managers, registries,
//! Git, Kubernetes clients and common applications. Most rules apply only to
//! their file (`paths`), where the field itself says what the value is, so a
//! value no provider rule recognises is still reported. The value is
//! free-form: references (`${NPM_TOKEN}`), defaults and examples are filtered
//! out with `placeholder::is_placeholder`, and when a provider rule reports
//! the same value (an `npm_` token in `.npmrc`) the engine keeps one finding.
//! JWTs are left to the JWT rules. AWS's shared `credentials` file belongs to
//! the cloud rules and `.env` files to the generic assignment rules.

use crate::checksum;
use crate::placeholder;
use crate::rule::{SecretRule, META};
use bosun_core::{RuleMeta, Severity};

pub static RULES: &[SecretRule] = &[
    SecretRule {
        meta: RuleMeta {
            id: "SEC201",
            name: "npmrc-auth-token",
            title: "npm registry token in .npmrc",
            severity: Severity::High,
            aliases: &["npm-access-token", "CKV_SECRET_12"],
            rationale: "An `_authToken` in `.npmrc` (or `npmAuthToken` in `.yarnrc.yml`) authenticates to the \
                        registry as its owner: it can read private packages and, with publish rights, push \
                        a malicious version of every package the owner maintains.",
            remediation: "Revoke the token on the registry (npm: `npm token revoke`), and write \
                          `_authToken=${NPM_TOKEN}` so that npm reads it from the environment.",
            bad_example: concat!(
                "registry=https://npm.pkg.acme.dev/\n",
                "//npm.pkg.acme.dev/:_authToken=9346bf6a-d2eb-4609-9ac7-88f45cd633c7\n",
            ),
            good_example: concat!(
                "registry=https://npm.pkg.acme.dev/\n",
                "//npm.pkg.acme.dev/:_authToken=${NPM_TOKEN}\n",
            ),
            ..META
        },
        keywords: &["_authtoken", "npmauthtoken"],
        pattern: r#"(?:_authToken|npmAuthToken)[ \t]*[=:][ \t]*["']?(?P<secret>[A-Za-z0-9._~+/=-]{8,})(?:["'\s]|$)"#,
        min_entropy: 3.0,
        validate: Some(literal_not_jwt),
        paths: &[r"(^|/)\.npmrc$", r"(^|/)\.yarnrc\.ya?ml$"],
        example_path: ".npmrc",
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC202",
            name: "npmrc-password",
            title: "npm registry password in .npmrc",
            severity: Severity::High,
            aliases: &["CKV_SECRET_4", "CKV_SECRET_10"],
            rationale: "`_auth` is base64 of `user:password` and `_password` base64 of a password: encoding, \
                        not encryption. Whoever reads the file logs in to the registry as that user.",
            remediation: "Change the password on the registry, replace it with a scoped token read from the \
                          environment (`_authToken=${NPM_TOKEN}`).",
            bad_example: "//registry.acme.dev/:_auth=Y2ktYm90OlI3blEyeFdrOUxtUDRzVHY=\n",
            good_example: "//registry.acme.dev/:_auth=${NPM_AUTH}\n",
            ..META
        },
        keywords: &["_auth", "_password"],
        pattern: r#"(?:^|[\s:/])(?:_auth|_password)[ \t]*=[ \t]*["']?(?P<secret>[A-Za-z0-9+/]{4,}={0,2})(?:["'\s]|$)"#,
        validate: Some(base64_credential),
        paths: &[r"(^|/)\.npmrc$"],
        example_path: ".npmrc",
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC203",
            name: "pypirc-password",
            title: "Package index password in .pypirc",
            severity: Severity::High,
            aliases: &["pypi-upload-token", "CKV_SECRET_10"],
            rationale: "The `password` of a `.pypirc` index section (a password or an upload token) lets \
                        whoever reads it publish releases of the owner's Python packages, to every user \
                        who installs them.",
            remediation: "Revoke the token or change the password on the index, and give twine the \
                          credential at run time (`TWINE_PASSWORD`, a keyring, or trusted publishing).",
            bad_example: concat!(
                "[distutils]\n",
                "index-servers = internal\n",
                "\n",
                "[internal]\n",
                "repository = https://pypi.acme.dev/simple/\n",
                "username = release-bot\n",
                "password = Xk29vLq81mZpT4wR\n",
            ),
            good_example: concat!(
                "[internal]\n",
                "repository = https://pypi.acme.dev/simple/\n",
                "username = release-bot\n",
                "# the password comes from TWINE_PASSWORD\n",
            ),
            ..META
        },
        keywords: &["password"],
        pattern: r"^[ \t]*password[ \t]*[:=][ \t]*(?P<secret>\S+)",
        validate: Some(literal),
        paths: &[r"(^|/)\.pypirc$"],
        example_path: ".pypirc",
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC204",
            name: "netrc-password",
            title: "Password in .netrc",
            severity: Severity::High,
            aliases: &["CKV_SECRET_10"],
            rationale: "`.netrc` gives curl, Git, pip, Heroku's CLI and others a login for a machine: \
                        the `password` (often an API token) authenticates whoever reads the file as that \
                        user.",
            remediation: "Rotate the credential on the service, keep `.netrc` out of the repository (it \
                          belongs in the home directory of the machine that uses it) or use a credential \
                          helper.",
            bad_example: concat!(
                "machine api.heroku.com\n",
                "  login ops@acme.dev\n",
                "  password 4f1d2c3b-8e7a-4b6c-9d0e-1f2a3b4c5d6e\n",
            ),
            good_example: concat!("machine api.heroku.com\n", "  login ops@acme.dev\n"),
            ..META
        },
        keywords: &["password"],
        pattern: r"(?:^|\s)password[ \t]+(?P<secret>\S+)",
        validate: Some(literal),
        paths: &[r"(^|/)[._]?netrc$"],
        example_path: ".netrc",
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC205",
            name: "docker-config-auth",
            title: "Container registry login in a Docker config",
            severity: Severity::High,
            aliases: &["dockerconfig-secret", "CKV_SECRET_4"],
            rationale: "An `auth` entry of a Docker `config.json` (or of a Kubernetes `.dockerconfigjson` \
                        Secret) is base64 of `user:password`: anyone who reads it can pull, and usually \
                        push, the registry's images.",
            remediation: "Change the password or revoke the token on the registry, and log in at run time \
                          (`docker login --password-stdin`, a credential helper, or workload identity).",
            bad_example: concat!(
                "{\n",
                "  \"auths\": {\n",
                "    \"registry.acme.dev\": {\n",
                "      \"auth\": \"Y2ktcHVzaDpUcTh2TjJ4TG00S3BSN3NXejlZYg==\"\n",
                "    }\n",
                "  }\n",
                "}\n",
            ),
            good_example: concat!(
                "{\n",
                "  \"auths\": { \"registry.acme.dev\": {} },\n",
                "  \"credsStore\": \"desktop\"\n",
                "}\n",
            ),
            ..META
        },
        keywords: &["\"auth\""],
        pattern: r#""auth"\s*:\s*"(?P<secret>[A-Za-z0-9+/]{8,}={0,2})""#,
        validate: Some(basic_auth_literal),
        example_path: ".docker/config.json",
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC206",
            name: "docker-config-identity-token",
            title: "Container registry identity token in a Docker config",
            severity: Severity::High,
            aliases: &["dockerconfig-secret"],
            rationale: "An `identitytoken` (or `registrytoken`) in a Docker `config.json` is an OAuth \
                        refresh or access token for the registry: it pulls and pushes images as the user \
                        who logged in.",
            remediation: "Sign out on the registry to revoke the token (`docker logout`), and use a \
                          credential helper so that tokens stay out of files.",
            bad_example: concat!(
                "{\n",
                "  \"auths\": {\n",
                "    \"registry.acme.dev\": {\n",
                "      \"identitytoken\": \"ofcq0AdxWaRflVRi3Bk2qpInworP1F0XuBikVrC7\"\n",
                "    }\n",
                "  }\n",
                "}\n",
            ),
            good_example: concat!("{\n", "  \"credHelpers\": { \"registry.acme.dev\": \"acme-login\" }\n", "}\n",),
            ..META
        },
        keywords: &["identitytoken", "registrytoken"],
        pattern: r#""(?:identitytoken|registrytoken)"\s*:\s*"(?P<secret>[^"\s]{16,})""#,
        min_entropy: 3.5,
        validate: Some(literal_not_jwt),
        example_path: ".docker/config.json",
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC207",
            name: "kubeconfig-credential",
            title: "Cluster credential in a kubeconfig",
            severity: Severity::Critical,
            aliases: &["CKV_SECRET_10"],
            rationale: "A kubeconfig user's `token`, `password` or OIDC `client-secret`/`refresh-token` \
                        authenticates to the cluster's API server as that user, frequently a cluster \
                        administrator. (Service account JWTs and `client-key-data` are reported by the \
                        token and key rules.)",
            remediation: "Revoke the token or change the password on the cluster, and authenticate with an \
                          `exec` credential plugin (cloud CLI, OIDC login) instead of a stored secret.",
            bad_example: concat!(
                "apiVersion: v1\n",
                "kind: Config\n",
                "users:\n",
                "- name: admin\n",
                "  user:\n",
                "    token: h8j2kq.4xq7n0c9v3m5w1zr\n",
            ),
            good_example: concat!(
                "users:\n",
                "- name: admin\n",
                "  user:\n",
                "    exec:\n",
                "      apiVersion: client.authentication.k8s.io/v1beta1\n",
                "      command: aws\n",
                "      args: [eks, get-token, --cluster-name, prod]\n",
            ),
            ..META
        },
        keywords: &["token", "password", "client-secret"],
        pattern: r#"(?:^|\s)(?:token|password|client-secret|refresh-token|id-token)["']?[ \t]*:[ \t]*["']?(?P<secret>[^\s"'#]{8,})"#,
        validate: Some(literal_not_jwt),
        paths: &[r"(^|/)(\.kube/config|kubeconfig[^/]*|[^/]*\.kubeconfig)$"],
        example_path: ".kube/config",
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC208",
            name: "git-credentials",
            title: "Git credential in .git-credentials",
            severity: Severity::Critical,
            aliases: &["CKV_SECRET_4"],
            rationale: "`.git-credentials` is Git's plain-text credential store: each line is a URL with the \
                        user's password or access token, which can push to every repository the user can.",
            remediation: "Revoke the token (or change the password) on the Git server, remove the file \
                          from the repository, and use a credential helper backed by the OS keychain.",
            bad_example: "https://deploy:9f3a7c1e5b2d8f4a6c0e1b3d5f7a9c2e4b6d8f0a@git.acme.dev\n",
            good_example: "https://deploy@git.acme.dev\n",
            ..META
        },
        keywords: &["http"],
        pattern: r#"https?://[^\s:/@]*:(?P<secret>[^\s/@]+)@[^\s/@]+"#,
        validate: Some(literal),
        paths: &[r"(^|/)\.git-credentials$"],
        example_path: ".git-credentials",
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC209",
            name: "maven-settings-password",
            title: "Repository password in Maven settings.xml",
            severity: Severity::High,
            aliases: &["CKV_SECRET_10"],
            rationale: "A `<password>` (or key `<passphrase>`) of a `<server>` in Maven's `settings.xml` \
                        deploys artifacts to that repository, or signs them, as its user. Values encrypted \
                        with Maven's master password (`{...}`) and `${env.X}` references are not reported.",
            remediation: "Change the password on the repository manager, and use `${env.MAVEN_PASSWORD}` \
                          or Maven's password encryption instead of the clear value.",
            bad_example: concat!(
                "<settings>\n",
                "  <servers>\n",
                "    <server>\n",
                "      <id>acme-releases</id>\n",
                "      <username>deployer</username>\n",
                "      <password>Zq4!mV9#tLr2Kx7p</password>\n",
                "    </server>\n",
                "  </servers>\n",
                "</settings>\n",
            ),
            good_example: concat!(
                "<server>\n",
                "  <id>acme-releases</id>\n",
                "  <username>deployer</username>\n",
                "  <password>${env.MAVEN_PASSWORD}</password>\n",
                "</server>\n",
            ),
            ..META
        },
        keywords: &["<password>", "<passphrase>"],
        pattern: r"<(?:password|passphrase)>[ \t]*(?P<secret>[^<\s]+)[ \t]*</(?:password|passphrase)>",
        validate: Some(literal),
        paths: &[r"(^|/)settings(-[\w.-]+)?\.xml$"],
        example_path: ".m2/settings.xml",
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC210",
            name: "nuget-cleartext-password",
            title: "Package feed password in NuGet.Config",
            severity: Severity::High,
            aliases: &["nuget-config-password"],
            rationale: "A `ClearTextPassword` in `NuGet.Config` package source credentials (often a personal \
                        access token) reads, and may push, the feed's packages as its user.",
            remediation: "Revoke the token on the feed, and reference an environment variable \
                          (`value=\"%NUGET_FEED_PAT%\"`) or use a credential provider.",
            bad_example: concat!(
                "<packageSourceCredentials>\n",
                "  <acme>\n",
                "    <add key=\"Username\" value=\"ci\" />\n",
                "    <add key=\"ClearTextPassword\" value=\"Rk7vQ2mZ9xLp4TwN8sYb\" />\n",
                "  </acme>\n",
                "</packageSourceCredentials>\n",
            ),
            good_example: concat!(
                "<packageSourceCredentials>\n",
                "  <acme>\n",
                "    <add key=\"Username\" value=\"ci\" />\n",
                "    <add key=\"ClearTextPassword\" value=\"%NUGET_FEED_PAT%\" />\n",
                "  </acme>\n",
                "</packageSourceCredentials>\n",
            ),
            ..META
        },
        keywords: &["cleartextpassword"],
        pattern: r#"(?i)<add\s+key\s*=\s*"ClearTextPassword"\s+value\s*=\s*"(?P<secret>[^"]+)""#,
        validate: Some(literal),
        paths: &[r"(?i)(^|/)nuget\.config$"],
        example_path: "NuGet.Config",
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC211",
            name: "s3cfg-secret-key",
            title: "S3 secret key in .s3cfg",
            severity: Severity::High,
            aliases: &["aws-secret-access-key"],
            rationale: "The `secret_key` of an s3cmd configuration (AWS, DigitalOcean Spaces, Ceph and other \
                        S3-compatible stores) signs requests as its access key: read, overwrite and delete \
                        the buckets it can reach.",
            remediation: "Delete the access key on the provider and create a new one, given to s3cmd through \
                          the environment (`AWS_SECRET_ACCESS_KEY`) rather than the file.",
            bad_example: concat!(
                "[default]\n",
                "host_base = nyc3.digitaloceanspaces.com\n",
                "secret_key = 3Hk9vQ2mZ7xLp4TwN8sYbR1cF6gJ0aE5uI3oP9qW\n",
            ),
            good_example: concat!(
                "[default]\n",
                "host_base = nyc3.digitaloceanspaces.com\n",
                "# keys come from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY\n",
                "secret_key =\n",
            ),
            ..META
        },
        keywords: &["secret_key", "access_token"],
        pattern: r"^[ \t]*(?:secret_key|access_token)[ \t]*=[ \t]*(?P<secret>\S+)",
        min_entropy: 3.0,
        validate: Some(literal),
        paths: &[r"(^|/)\.s3cfg$"],
        example_path: ".s3cfg",
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC212",
            name: "pgpass-password",
            title: "PostgreSQL password in .pgpass",
            severity: Severity::High,
            aliases: &["database-password"],
            rationale: "Each `.pgpass` line is `host:port:database:user:password`: the password logs in to \
                        that database as that user, with its privileges over the data.",
            remediation: "Change the database user's password, and keep `.pgpass` in the home directory of \
                          the machine that uses it (mode 0600), out of the repository.",
            bad_example: "db.acme.internal:5432:billing:billing_app:Vx8#kQ2m!Lp9zR4t\n",
            good_example: "db.acme.internal:5432:billing:billing_app:${PGPASSWORD}\n",
            ..META
        },
        // Lines have no fixed word; the default port or a wildcard field is in most.
        keywords: &["5432", "*:*", ":*:"],
        pattern: r"^(?:[^:\s\\]|\\.)+:(?:\d+|\*):(?:[^:\s\\]|\\.)+:(?:[^:\s\\]|\\.)+:(?P<secret>\S+)[ \t\r]*$",
        validate: Some(literal),
        paths: &[r"(^|/)\.pgpass$"],
        example_path: ".pgpass",
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC213",
            name: "wordpress-db-password",
            title: "WordPress database password",
            severity: Severity::High,
            aliases: &["CKV_SECRET_10"],
            rationale: "`DB_PASSWORD` in `wp-config.php` logs in to the site's database: every post, user \
                        and password hash, and the ability to create an administrator.",
            remediation: "Change the database user's password, and read it from the environment \
                          (`getenv('WORDPRESS_DB_PASSWORD')`) or a file outside the repository.",
            bad_example: "define( 'DB_PASSWORD', 'h7Kp!2vQzR9m' );\n",
            good_example: "define( 'DB_PASSWORD', getenv( 'WORDPRESS_DB_PASSWORD' ) );\n",
            ..META
        },
        keywords: &["db_password"],
        pattern: r#"define\(\s*['"]DB_PASSWORD['"]\s*,\s*['"](?P<secret>[^'"]+)['"]\s*\)"#,
        validate: Some(literal),
        paths: &[r"\.php$"],
        example_path: "wp-config.php",
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC214",
            name: "wordpress-auth-salt",
            title: "WordPress authentication key or salt",
            severity: Severity::Medium,
            aliases: &["CKV_SECRET_10"],
            rationale: "WordPress keys and salts (`AUTH_KEY`, `SECURE_AUTH_SALT`, ...) sign the login and \
                        nonce cookies; with them, and a user's password hash, an attacker forges that \
                        user's session.",
            remediation: "Generate new keys and salts (https://api.wordpress.org/secret-key/1.1/salt/), which \
                          logs every user out, and load them from the environment.",
            bad_example: "define( 'AUTH_KEY', '/D$~5QBOOqCI+XxG#])]EB|c4;#Q,7~]$7KK-ME5|Nw;C:Ye5wRId:$xtmJp];FK' );\n",
            good_example: "define( 'AUTH_KEY', 'put your unique phrase here' );\n",
            ..META
        },
        keywords: &["auth_key", "logged_in_key", "nonce_key", "auth_salt", "logged_in_salt", "nonce_salt"],
        pattern: r#"define\(\s*['"](?:SECURE_)?(?:AUTH|LOGGED_IN|NONCE)_(?:KEY|SALT)['"]\s*,\s*['"](?P<secret>[^'"]{32,})['"]\s*\)"#,
        min_entropy: 4.0,
        paths: &[r"\.php$"],
        example_path: "wp-config.php",
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC215",
            name: "rails-secret-key-base",
            title: "Rails secret_key_base",
            severity: Severity::High,
            aliases: &["generic-api-key"],
            rationale: "`secret_key_base` signs and encrypts Rails sessions and cookies and derives the keys \
                        of `credentials.yml.enc`: whoever has it can log in as any user, and on older apps \
                        turn a forged cookie into remote code execution.",
            remediation: "Generate a new one (`bin/rails secret`), which ends every session, and provide it \
                          through `SECRET_KEY_BASE` or encrypted credentials.",
            bad_example: concat!(
                "production:\n",
                "  secret_key_base: 991e7d858d186294c0ab701453752f75d8d1ce859913579e5863fbc147c29eb0fdb4605c8ed3b8930b497d87e2b3496a52e2c47f2dca482e0de94d2725cff4f8\n",
            ),
            good_example: concat!("production:\n", "  secret_key_base: <%= ENV[\"SECRET_KEY_BASE\"] %>\n"),
            ..META
        },
        keywords: &["secret_key_base", "secretkeybase", "secret.key.base", "secret-key-base"],
        pattern: r#"(?i:secret[_.-]?key[_.-]?base)\\?["']?[ \t]*(?::|=>?)[ \t]*\\?["']?(?P<secret>[0-9a-f]{64,})\b"#,
        min_entropy: 3.0,
        ..SecretRule::DEFAULT
    },
];

/// A literal value, not a reference, a default or an example.
fn literal(value: &str) -> bool {
    !placeholder::is_placeholder(value)
}

/// A literal that is not a JWT: JWTs (ID tokens, service account tokens) are
/// reported, with their claims checked, by the JWT rules.
fn literal_not_jwt(value: &str) -> bool {
    literal(value) && !checksum::jwt(value)
}

/// npm's `_auth` (base64 of `user:password`) and `_password` (base64 of the
/// password): text once decoded, with a literal password.
fn base64_credential(value: &str) -> bool {
    let Some(text) = checksum::decode_base64_text(value) else { return false };
    if text.is_empty() || text.chars().any(char::is_control) {
        return false;
    }
    match text.split_once(':') {
        Some((user, password)) => !user.is_empty() && literal(password),
        None => literal(&text),
    }
}

/// Base64 of `user:password` with a literal password.
fn basic_auth_literal(value: &str) -> bool {
    checksum::basic_auth(value) && base64_credential(value)
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::family_ids;
    use std::ops::RangeInclusive;

    const FAMILY: RangeInclusive<&str> = "SEC201"..="SEC215";

    #[test]
    fn file_rules_apply_to_their_files_only() {
        assert_eq!(
            family_ids(
                FAMILY,
                "frontend/.npmrc",
                "//r.acme.dev/:_authToken=9346bf6a-d2eb-4609-9ac7-88f45cd633c7\n"
            ),
            ["SEC201"]
        );
        assert!(family_ids(
            FAMILY,
            "docs/npm.md",
            "//r.acme.dev/:_authToken=9346bf6a-d2eb-4609-9ac7-88f45cd633c7\n"
        )
        .is_empty());
        assert_eq!(
            family_ids(FAMILY, ".yarnrc.yml", "npmAuthToken: \"9346bf6a-d2eb-4609-9ac7-88f45cd633c7\"\n"),
            ["SEC201"]
        );
        assert_eq!(
            family_ids(FAMILY, "home/_netrc", "machine git.acme.dev login ci password Tq8vN2xLm4KpR7\n"),
            ["SEC204"]
        );
        assert!(family_ids(FAMILY, "notes.txt", "machine git.acme.dev login ci password Tq8vN2xLm4KpR7\n")
            .is_empty());
        for path in [".kube/config", "deploy/kubeconfig-prod.yaml", "ci/prod.kubeconfig", "kubeconfig"] {
            assert_eq!(family_ids(FAMILY, path, "    password: Tq8vN2xLm4KpR7\n"), ["SEC207"], "{path}");
        }
        assert!(family_ids(FAMILY, "k8s/values.yaml", "    password: Tq8vN2xLm4KpR7\n")
            .iter()
            .all(|id| id != "SEC207"));
    }

    #[test]
    fn references_and_encrypted_values_are_not_reported() {
        assert!(family_ids(FAMILY, ".npmrc", "//r.acme.dev/:_authToken=\"${NPM_TOKEN}\"\n").is_empty());
        assert!(family_ids(FAMILY, ".npmrc", "_auth=dXNlcjpwYXNzd29yZA==\n").is_empty(), "user:password");
        assert!(
            family_ids(FAMILY, ".m2/settings.xml", "<password>{COQLCE6DU6GtcS5P=}</password>\n").is_empty()
        );
        assert!(family_ids(FAMILY, ".pypirc", "password = <your PyPI token>\n").is_empty());
        assert!(family_ids(FAMILY, ".pgpass", "*:*:*:postgres:postgres\n").is_empty());
        assert_eq!(family_ids(FAMILY, ".pgpass", "*:*:*:replicator:Vx8kQ2mLp9zR4t\r\n"), ["SEC212"]);
        let sample = "define( 'DB_PASSWORD', 'password_here' );\n";
        assert!(family_ids(FAMILY, "wp-config-sample.php", sample).is_empty());
    }

    #[test]
    fn docker_auth_must_decode_to_a_login() {
        assert!(
            family_ids(FAMILY, "config.json", "{\"auth\": \"bm90IGEgbG9naW4=\"}\n").is_empty(),
            "not user:password"
        );
        // Kubernetes pull secrets carry the same JSON, base64-encoded once more.
        let secret = "apiVersion: v1\nkind: Secret\ntype: kubernetes.io/dockerconfigjson\nmetadata:\n  name: pull\ndata:\n  .dockerconfigjson: eyJhdXRocyI6eyJyZWdpc3RyeS5hY21lLmRldiI6eyJhdXRoIjoiWTJrdGNIVnphRHBVY1RoMlRqSjRURzAwUzNCU04zTlhlamxaWWc9PSJ9fX0=\n";
        assert_eq!(family_ids(FAMILY, "k8s/pull-secret.yaml", secret), ["SEC205"]);
    }

    #[test]
    fn kubeconfig_jwts_are_left_to_the_token_rules() {
        let text = "users:\n- name: ci\n  user:\n    token: eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6Y2k6ZGVwbG95In0.c2lnbmF0dXJlc2lnbmF0dXJl\n";
        assert!(family_ids(FAMILY, ".kube/config", text).is_empty());
    }
}
