//! Private keys (RSA, EC, DSA, OpenSSH, PGP, PKCS#8, PuTTY, SSH2) and signed
//! tokens (JWT).
//!
//! A key is reported only with its body and its END line: a header alone (a
//! check for the header in code, a truncated example in docs) is not a key.
//! The body is matched however the file carries it: PEM lines, indented under
//! a YAML block scalar, inside a JSON or HCL string with `\n` escapes, or split
//! into concatenated string literals in code. The body is then decoded and its
//! structure checked (a DER private key, an OpenSSH or ssh.com key blob, an
//! OpenPGP secret-key packet), which also tells unencrypted keys (CRITICAL)
//! from passphrase-protected ones (MEDIUM).

use crate::checksum;
use crate::rule::{SecretRule, META};
use bosun_core::{RuleMeta, Severity};

/// One or more line breaks inside an armored block as files carry them: an
/// escaped `\n` (JSON, HCL, YAML double-quoted strings; escaped up to three
/// times), a newline and the next line's indentation, the end of one string
/// literal and the start of the next (`\n" +` then `"`), or spaces (keys pasted
/// onto one line).
macro_rules! gap {
    () => {
        r#"(?:(?:\\{1,3}r)?\\{1,3}n|\r?\n[ \t]*|["'`][ \t]*[+,.]?[ \t]*(?:\r?\n[ \t]*(?:[+.][ \t]*)?)?["'`]|[ \t]+){1,3}"#
    };
}

/// Base64 lines separated by line breaks: the secret.
macro_rules! body {
    () => {
        concat!(r"(?P<secret>[A-Za-z0-9+/=]+(?:", gap!(), r"[A-Za-z0-9+/=]+)*)")
    };
}

/// An armored block: the `begin` line, `headers`, the body, the `end` line.
macro_rules! armored {
    ($begin:expr, $headers:expr, $end:expr) => {
        concat!($begin, $headers, "(?:", gap!(), ")?", body!(), "(?:", gap!(), ")?", $end)
    };
}

/// A PEM block with `label`: header, body, END line.
macro_rules! pem {
    ($label:literal) => {
        armored!(concat!("-----BEGIN ", $label, "-----"), "", concat!("-----END ", $label, "-----"))
    };
}

/// Armor headers (`Version: GnuPG v2`, `Comment: "rsa-key"`), one per line.
macro_rules! armor_headers {
    () => {
        concat!("(?:", gap!(), r#"[A-Za-z][\w-]*:[^\r\n\\]*)*"#)
    };
}

/// A PuTTY key file up to its private lines: header, `Encryption:` (the
/// given cipher), comment, the public lines, key-derivation fields (v3).
macro_rules! putty_head {
    ($encryption:literal) => {
        concat!(
            r"PuTTY-User-Key-File-[23]:[ \t]*[\w@.-]+",
            gap!(),
            r"Encryption:[ \t]*",
            $encryption,
            armor_headers!(),
            "(?:",
            gap!(),
            "[A-Za-z0-9+/=]+)+",
            armor_headers!(),
            gap!(),
            r"Private-Lines:[ \t]*\d+"
        )
    };
}

const PEER_KEY_ALIASES: &[&str] = &["private-key", "CKV_SECRET_13"];

const KEY_REMEDIATION: &str = "Treat the key as compromised: revoke or replace it wherever it is trusted \
                               (authorized_keys, certificates, deploy keys), delete it from the repository \
                               and its history, and mount it at run time from a secret store.";

pub static RULES: &[SecretRule] = &[
    SecretRule {
        meta: RuleMeta {
            id: "SEC190",
            name: "rsa-private-key",
            title: "RSA private key",
            severity: Severity::Critical,
            aliases: PEER_KEY_ALIASES,
            rationale: "An unencrypted PKCS #1 RSA private key lets whoever reads it impersonate the server, \
                        user or signer it belongs to: log in over SSH, terminate TLS for its names, decrypt \
                        recorded traffic, sign code or tokens the key's holders trust.",
            remediation: KEY_REMEDIATION,
            bad_example: concat!(
                "tls:\n",
                "  key: |\n",
                "    -----BEGIN RSA PRIVATE KEY-----\n",
                "    MIGFAgEAAhh9aYKTlunmsTFkrmR12n+RlKTPQnV/HRECAwEAAQIYVjJSoQY0tW5M\n",
                "    OJrzUqwsgU1yd2KmavUBAg0AqW+kKY+ZkLTyQnZJAg0AvXwGgBVMsFl3P1CJAgwe\n",
                "    LHKIsDkByyeFbHkCDQCtDymgsdNo/U08NoECDHWtea7aqKrd5SuRpg==\n",
                "    -----END RSA PRIVATE KEY-----\n",
            ),
            good_example: concat!(
                "key = open(os.environ[\"TLS_KEY_FILE\"]).read()\n",
                "if not key.startswith(\"-----BEGIN RSA PRIVATE KEY-----\"):\n",
                "    raise ValueError(\"expected a PKCS#1 key\")\n",
            ),
            ..META
        },
        keywords: &["begin rsa private key"],
        pattern: pem!("RSA PRIVATE KEY"),
        validate: Some(checksum::der_private_key),
        multiline: true,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC191",
            name: "ec-private-key",
            title: "EC private key",
            severity: Severity::Critical,
            aliases: PEER_KEY_ALIASES,
            rationale: "An unencrypted SEC 1 elliptic-curve private key lets whoever reads it sign as its \
                        owner: serve TLS for the owner's names, issue tokens (ES256 JWTs) the owner's \
                        services accept, sign releases or transactions.",
            remediation: KEY_REMEDIATION,
            bad_example: concat!(
                "-----BEGIN EC PRIVATE KEY-----\n",
                "MHcCAQEEILLhEyVueIh0j1VKeX/prVUb+jmOpugn+w6WB1frK84RoAoGCCqGSM49\n",
                "AwEHoUQDQgAEIWb5/DIR/rrwfJlhPL1CoJZ4BobXmc18H6WNJgq6cKq8Z5WsK7bF\n",
                "cN9tDUaMYqwxiOXm60BiU76rhIznrB5tzw==\n",
                "-----END EC PRIVATE KEY-----\n",
            ),
            good_example: concat!(
                "-----BEGIN EC PARAMETERS-----\n",
                "BggqhkjOPQMBBw==\n",
                "-----END EC PARAMETERS-----\n",
                "-----BEGIN PUBLIC KEY-----\n",
                "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEIWb5/DIR/rrwfJlhPL1CoJZ4BobX\n",
                "mc18H6WNJgq6cKq8Z5WsK7bFcN9tDUaMYqwxiOXm60BiU76rhIznrB5tzw==\n",
                "-----END PUBLIC KEY-----\n",
            ),
            ..META
        },
        keywords: &["begin ec private key"],
        pattern: pem!("EC PRIVATE KEY"),
        validate: Some(checksum::der_private_key),
        multiline: true,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC192",
            name: "dsa-private-key",
            title: "DSA private key",
            severity: Severity::Critical,
            aliases: PEER_KEY_ALIASES,
            rationale: "An unencrypted DSA private key lets whoever reads it sign as its owner, typically \
                        to log in over SSH to every host that lists the matching public key.",
            remediation: KEY_REMEDIATION,
            bad_example: concat!(
                "-----BEGIN DSA PRIVATE KEY-----\n",
                "MFoCAQACFHxMijqct3ipv3jS8MGwtJO4d3blAgkAjjVgP9PmhkECFFxnCfzs60QU\n",
                "1rR7sOD5VT83vVr8AhQRtkyp2sldcOMBpG3NDkNlFSDqdwIIT42R6iq+oq0=\n",
                "-----END DSA PRIVATE KEY-----\n",
            ),
            good_example: concat!(
                "Paste the key, for example:\n",
                "-----BEGIN DSA PRIVATE KEY-----\n",
                "MIIBuwIBAAKBgQD...\n",
                "-----END DSA PRIVATE KEY-----\n",
            ),
            ..META
        },
        keywords: &["begin dsa private key"],
        pattern: pem!("DSA PRIVATE KEY"),
        validate: Some(checksum::der_private_key),
        multiline: true,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC193",
            name: "openssh-private-key",
            title: "OpenSSH private key",
            severity: Severity::Critical,
            aliases: PEER_KEY_ALIASES,
            rationale: "An OpenSSH private key without a passphrase logs in as its owner to every host, \
                        Git server and deploy target that trusts the matching public key, with no further \
                        secret to guess.",
            remediation: "Remove the public key from every authorized_keys file, deploy-key list and SSH \
                          certificate authority that trusts it, generate a new key kept out of the \
                          repository (an SSH agent or the CI system's secret store), and purge the old one \
                          from history.",
            bad_example: concat!(
                "-----BEGIN OPENSSH PRIVATE KEY-----\n",
                "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n",
                "QyNTUxOQAAACCVQEp24FTzgEYHHFc0I8PWZ1igjtJGQnhxyrCbVAcDBwAAAJAAxSAbAMUg\n",
                "GwAAAAtzc2gtZWQyNTUxOQAAACCVQEp24FTzgEYHHFc0I8PWZ1igjtJGQnhxyrCbVAcDBw\n",
                "AAAECeG0b2Jccb+zvsXVYmhhKN83W6yU0COtyH34+j9U9gv5VASnbgVPOARgccVzQjw9Zn\n",
                "WKCO0kZCeHHKsJtUBwMHAAAACWRlcGxveUBjaQECAwQ=\n",
                "-----END OPENSSH PRIVATE KEY-----\n",
            ),
            good_example: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJVASnbgVPOARgccVzQjw9ZnWKCO0kZCeHHKsJtUBwMH deploy@ci\n",
            ..META
        },
        keywords: &["begin openssh private key"],
        pattern: pem!("OPENSSH PRIVATE KEY"),
        validate: Some(openssh_unencrypted),
        multiline: true,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC194",
            name: "pgp-private-key",
            title: "PGP private key block",
            severity: Severity::Critical,
            aliases: PEER_KEY_ALIASES,
            rationale: "An OpenPGP secret key exported without a passphrase lets whoever reads it sign \
                        releases, commits and packages as its owner and decrypt everything encrypted to \
                        the owner.",
            remediation: "Revoke the key (publish its revocation certificate to the keyservers and to \
                          everyone who trusts it), create a new one, keep it in a hardware token or a \
                          secret store, and purge the old one from history.",
            bad_example: concat!(
                "-----BEGIN PGP PRIVATE KEY BLOCK-----\n",
                "\n",
                "lFgEawj80RYJKwYBBAHaRw8BAQdAHHOIxkBrFLoneY6qhGwoFZiDFLXxdvOVyDyE\n",
                "4ElNv3IAAP4vj7g+H3QSBztMaNwxVimB8quVTvv+fReKcF8L6TRyuw8V\n",
                "=rLuW\n",
                "-----END PGP PRIVATE KEY BLOCK-----\n",
            ),
            good_example: concat!(
                "-----BEGIN PGP PUBLIC KEY BLOCK-----\n",
                "\n",
                "mDMEawj80RYJKwYBBAHaRw8BAQdAHHOIxkBrFLoneY6qhGwoFZiDFLXxdvOVyDyE\n",
                "-----END PGP PUBLIC KEY BLOCK-----\n",
            ),
            ..META
        },
        keywords: &["begin pgp private key block"],
        pattern: armored!("-----BEGIN PGP PRIVATE KEY BLOCK-----", armor_headers!(), "-----END PGP PRIVATE KEY BLOCK-----"),
        validate: Some(pgp_unprotected),
        multiline: true,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC195",
            name: "pkcs8-private-key",
            title: "PKCS #8 private key",
            severity: Severity::Critical,
            aliases: PEER_KEY_ALIASES,
            rationale: "An unencrypted PKCS #8 private key (any algorithm: RSA, EC, Ed25519) lets whoever \
                        reads it act as its owner. Google Cloud service-account JSON files carry one in \
                        `private_key`, which is the whole of the account's credential.",
            remediation: KEY_REMEDIATION,
            bad_example: concat!(
                "{\n",
                "  \"issuer\": \"https://auth.acme.dev\",\n",
                "  \"signing_key\": \"-----BEGIN PRIVATE KEY-----\\nMC4CAQAwBQYDK2VwBCIEIO1vh3S9g0RU3fyL/qQ7EsvkrwCIu6sWxYjil3vXTEqH\\n-----END PRIVATE KEY-----\\n\"\n",
                "}\n",
            ),
            good_example: concat!(
                "{\n",
                "  \"issuer\": \"https://auth.acme.dev\",\n",
                "  \"signing_key\": \"-----BEGIN PRIVATE KEY-----\\n<redacted>\\n-----END PRIVATE KEY-----\\n\"\n",
                "}\n",
            ),
            ..META
        },
        keywords: &["begin private key"],
        pattern: pem!("PRIVATE KEY"),
        validate: Some(checksum::der_private_key),
        multiline: true,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC196",
            name: "encrypted-private-key",
            title: "Passphrase-protected private key",
            severity: Severity::Medium,
            aliases: PEER_KEY_ALIASES,
            rationale: "A private key encrypted with a passphrase (encrypted PKCS #8, legacy PEM with \
                        `Proc-Type: 4,ENCRYPTED`, OpenSSH, PGP, PuTTY or ssh.com keys with a cipher) is not \
                        usable as it stands, but anyone with the file can try passphrases offline for as \
                        long as they like; short or reused passphrases fall.",
            remediation: "Rotate the key if its passphrase is weak or shared, and keep key files out of the \
                          repository (a secret store or the CI system's file secrets) even when encrypted.",
            bad_example: concat!(
                "resource \"local_sensitive_file\" \"signing_key\" {\n",
                "  filename = \"signing.pem\"\n",
                "  content  = <<-EOT\n",
                "    -----BEGIN ENCRYPTED PRIVATE KEY-----\n",
                "    MIGbMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAh5mqaBbxOwGwICCAAw\n",
                "    DAYIKoZIhvcNAgkFADAdBglghkgBZQMEASoEEAmcScyAGK87roM7foPmHDAEQDu0\n",
                "    AEKsQ7VZ25g3kK3dosTC6LYXGdCu35u/ft+Dt5Tu4VR0GV7YrjIWkflEbXsfIAaz\n",
                "    c67PKI8NDqL2iU/1ZGU=\n",
                "    -----END ENCRYPTED PRIVATE KEY-----\n",
                "  EOT\n",
                "}\n",
            ),
            good_example: concat!(
                "resource \"local_sensitive_file\" \"signing_key\" {\n",
                "  filename = \"signing.pem\"\n",
                "  content  = data.vault_generic_secret.signing.data[\"key\"]\n",
                "}\n",
            ),
            ..META
        },
        keywords: &[
            "begin encrypted private key",
            "4,encrypted",
            "begin openssh private key",
            "begin pgp private key block",
            "begin ssh2 encrypted private key",
            "putty-user-key-file-",
        ],
        pattern: concat!(
            "(?:-----BEGIN ENCRYPTED PRIVATE KEY-----",
            r"|Proc-Type:[ \t]*4,ENCRYPTED",
            gap!(),
            r"DEK-Info:[ \t]*[A-Z0-9-]+,[0-9A-Fa-f]+",
            "|-----BEGIN OPENSSH PRIVATE KEY-----",
            "|-----BEGIN PGP PRIVATE KEY BLOCK-----",
            armor_headers!(),
            "|---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----",
            armor_headers!(),
            "|",
            putty_head!(r"aes[\w-]*"),
            ")(?:",
            gap!(),
            ")?",
            body!(),
            "(?:",
            gap!(),
            r")?(?:-----END (?:ENCRYPTED |RSA |EC |DSA |OPENSSH )?PRIVATE KEY-----",
            "|-----END PGP PRIVATE KEY BLOCK-----|---- END SSH2 ENCRYPTED PRIVATE KEY ----|Private-MAC:)",
        ),
        validate: Some(encrypted_private_key),
        multiline: true,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC197",
            name: "putty-private-key",
            title: "PuTTY private key",
            severity: Severity::Critical,
            aliases: PEER_KEY_ALIASES,
            rationale: "A PuTTY key file (`.ppk`) with `Encryption: none` holds the private key in clear: \
                        whoever reads it logs in to every host and Git server that trusts the key.",
            remediation: "Remove the public key from every authorized_keys file and deploy-key list that \
                          trusts it, generate a new key protected by a passphrase or an agent, and purge the \
                          old file from history.",
            bad_example: concat!(
                "PuTTY-User-Key-File-3: ssh-ed448\n",
                "Encryption: none\n",
                "Comment: deploy@build-01\n",
                "Public-Lines: 2\n",
                "AAAACXNzaC1lZDQ0OAAAADnydtJqkRBGOGQUqt3RNgD9RgInrBLwh0+swfd9ti0m\n",
                "pQSPW1C62S9btyLWWudaUx09QMuul1R8HgA=\n",
                "Private-Lines: 2\n",
                "AAAAOgDyD06dwA4foIk4CQiD5BxPtGR7ReexJ9Gln4NUT2i9cwjODkL/erfuvYqi\n",
                "pbqJ9oayybiyW7V6wtA=\n",
                "Private-MAC: f4882eab8917a13827e0f11bc6653afe97d2f1482ec31015a6fb458d1eaafe3b\n",
            ),
            good_example: concat!(
                "---- BEGIN SSH2 PUBLIC KEY ----\n",
                "Comment: \"deploy@build-01\"\n",
                "AAAACXNzaC1lZDQ0OAAAADnydtJqkRBGOGQUqt3RNgD9RgInrBLwh0+swfd9ti0m\n",
                "pQSPW1C62S9btyLWWudaUx09QMuul1R8HgA=\n",
                "---- END SSH2 PUBLIC KEY ----\n",
            ),
            ..META
        },
        keywords: &["putty-user-key-file-"],
        pattern: concat!(
            putty_head!("none"),
            gap!(),
            body!(),
            gap!(),
            "Private-MAC:"
        ),
        min_entropy: 3.0,
        validate: Some(putty_private_blob),
        multiline: true,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC198",
            name: "ssh2-private-key",
            title: "SSH2 (ssh.com) private key",
            severity: Severity::Critical,
            aliases: PEER_KEY_ALIASES,
            rationale: "A private key in the ssh.com (SSH2, Tectia) format whose cipher is `none`: despite \
                        the `ENCRYPTED` in its header, it is in clear, and logs in to every host that \
                        trusts its public key.",
            remediation: "Remove the public key from every host that trusts it, generate a new key kept in \
                          an agent or a secret store, and purge the old file from history.",
            bad_example: concat!(
                "---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----\n",
                "Comment: \"rsa-key-20240611\"\n",
                "P2/56wAAAJcAAAA3aWYtbW9kbntzaWdue3JzYS1wa2NzMS1zaGExfSxlbmNyeXB0e3JzYS\n",
                "1wa2NzMXYyLW9hZXB9fQAAAARub25lAAAASAAAAERI13bXBeRu+hg6rUlDDBm9sqZV4o/A\n",
                "g2jnXZtBwYnrMOEnNvZ2//wpngF6Q4BWoDyiKTK6qqzJutAHPxLr8kuVF75s1g==\n",
                "---- END SSH2 ENCRYPTED PRIVATE KEY ----\n",
            ),
            good_example: concat!(
                "---- BEGIN SSH2 PUBLIC KEY ----\n",
                "Comment: \"rsa-key-20240611\"\n",
                "AAAAC3NzaC1lZDI1NTE5AAAAIOb4Th1TbC5lBggKI8VgSLJ60jvpZIh0QNL/Uk7w\n",
                "bzPk\n",
                "---- END SSH2 PUBLIC KEY ----\n",
            ),
            ..META
        },
        keywords: &["begin ssh2 encrypted private key"],
        pattern: armored!("---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----", armor_headers!(), "---- END SSH2 ENCRYPTED PRIVATE KEY ----"),
        validate: Some(ssh2_unencrypted),
        multiline: true,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC199",
            name: "json-web-token",
            title: "JSON Web Token",
            severity: Severity::Medium,
            aliases: &["jwt", "jwt-token", "CKV_SECRET_9"],
            rationale: "A signed JWT is a bearer credential: whoever holds it is the subject it names, with \
                        its scopes, until it expires; tokens without an expiry, or with a distant one, are \
                        as good as a password. Supabase `anon` keys (public by design) are not reported.",
            remediation: "Revoke the token (or rotate the key that signed it if it cannot be revoked), and \
                          have the application obtain short-lived tokens at run time instead of storing one.",
            bad_example: "API_TOKEN=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJzdmMtYmlsbGluZyIsInNjb3BlIjoiaW52b2ljZXM6d3JpdGUiLCJpYXQiOjE3MTgwMDAwMDAsImV4cCI6NDEwMjQ0NDgwMH0.dBnF1CyptIAxKL-adf3mKB8yytvWmKuAzMHlPDXPzA0\n",
            good_example: "SUPABASE_ANON_KEY=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZSIsInJlZiI6InF3aGZrZGpzdWV5cnRhbHNrZGpmIiwicm9sZSI6ImFub24iLCJpYXQiOjE3MTgwMDAwMDAsImV4cCI6MjAzMzU3NjAwMH0.hALStBMSC75NJCSNsUCMmjPqVrEsgwNjBa2ba1xRvqU\n",
            ..META
        },
        keywords: &["eyj"],
        pattern: r"\b(?P<secret>eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}={0,2})(?:[^A-Za-z0-9_.=-]|$)",
        validate: Some(general_jwt),
        // The signature of jwt.io's example token, copied into countless docs and tests.
        allow_regexes: &["SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c$"],
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC200",
            name: "kubernetes-service-account-token",
            title: "Kubernetes service account token",
            severity: Severity::High,
            aliases: &["jwt", "jwt-token", "CKV_SECRET_9"],
            rationale: "A service account token authenticates to the cluster's API server as that service \
                        account, with every permission its roles grant; CI and operator accounts often can \
                        create workloads or read every Secret. Legacy tokens (`kubernetes/serviceaccount`) \
                        never expire.",
            remediation: "Delete the token's Secret (legacy tokens) or rotate the service account's signing \
                          key, then use short-lived projected tokens or workload identity federation \
                          instead of a stored token.",
            bad_example: concat!(
                "users:\n",
                "- name: deployer\n",
                "  user:\n",
                "    token: eyJhbGciOiJSUzI1NiIsImtpZCI6IlhxM25WN2ZUejBiWXcyTGhLOXNEcFI0bUM4dUoxYUVlNmdXa041b1F5WnMifQ.eyJpc3MiOiJrdWJlcm5ldGVzL3NlcnZpY2VhY2NvdW50Iiwia3ViZXJuZXRlcy5pby9zZXJ2aWNlYWNjb3VudC9uYW1lc3BhY2UiOiJjaSIsImt1YmVybmV0ZXMuaW8vc2VydmljZWFjY291bnQvc2VjcmV0Lm5hbWUiOiJkZXBsb3llci10b2tlbi14N2sycCIsImt1YmVybmV0ZXMuaW8vc2VydmljZWFjY291bnQvc2VydmljZS1hY2NvdW50Lm5hbWUiOiJkZXBsb3llciIsInN1YiI6InN5c3RlbTpzZXJ2aWNlYWNjb3VudDpjaTpkZXBsb3llciJ9.TmnRbN7O75sinTu2e_RpP8hPSQm0lxaIMKQAb5Jx4LstCVazxukE3mUYTlb9MepRU-VYhNZK6WxvPxEpHBYdUQ\n",
            ),
            good_example: concat!(
                "users:\n",
                "- name: deployer\n",
                "  user:\n",
                "    tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token\n",
            ),
            ..META
        },
        keywords: &["eyj"],
        pattern: r"\b(?P<secret>eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}={0,2})(?:[^A-Za-z0-9_.=-]|$)",
        validate: Some(kubernetes_jwt),
        ..SecretRule::DEFAULT
    },
];

/// Whether a key's owner protected it with a passphrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Protection {
    Clear,
    Passphrase,
}

/// Big-endian fields of SSH and OpenPGP binary formats.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, rest) = (self.0.get(..n)?, self.0.get(n..)?);
        self.0 = rest;
        Some(head)
    }

    fn u8(&mut self) -> Option<u8> {
        self.take(1).map(|b| b[0])
    }

    fn u16(&mut self) -> Option<usize> {
        self.take(2).map(|b| usize::from(b[0]) << 8 | usize::from(b[1]))
    }

    fn u32(&mut self) -> Option<usize> {
        self.take(4).map(|b| b.iter().fold(0usize, |acc, &x| acc << 8 | usize::from(x)))
    }

    /// An SSH `string`: a 32-bit length, then that many bytes.
    fn string(&mut self) -> Option<&'a [u8]> {
        let len = self.u32()?;
        self.take(len)
    }

    /// An OpenPGP multiprecision integer: a 16-bit bit count, then the bytes.
    fn mpi(&mut self) -> Option<()> {
        let bits = self.u16()?;
        self.take(bits.div_ceil(8)).map(|_| ())
    }

    /// An OpenPGP curve OID: a length octet (not 0 or 0xFF), then the OID.
    fn oid(&mut self) -> Option<()> {
        let len = self.u8()?;
        (len != 0 && len != 0xff).then_some(())?;
        self.take(usize::from(len)).map(|_| ())
    }
}

/// `openssh-key-v1`: the cipher named after the magic; `none` is clear.
fn openssh_protection(bytes: &[u8]) -> Option<Protection> {
    let mut reader = Reader(bytes.strip_prefix(b"openssh-key-v1\0")?);
    let cipher = reader.string()?;
    let _kdf = reader.string()?;
    Some(if cipher == b"none" { Protection::Clear } else { Protection::Passphrase })
}

/// The ssh.com format: magic `3f6ff9eb`, total length (at most the blob's),
/// key type, cipher.
fn ssh2_protection(bytes: &[u8]) -> Option<Protection> {
    let mut reader = Reader(bytes);
    if reader.u32()? != 0x3f6f_f9eb || reader.u32()? > bytes.len() {
        return None;
    }
    let _key_type = reader.string()?;
    let cipher = reader.string()?;
    Some(if cipher == b"none" { Protection::Clear } else { Protection::Passphrase })
}

/// An OpenPGP armored block's first packet, a secret-key packet (tag 5): its
/// string-to-key usage octet says whether the key material is encrypted. The
/// armor's CRC-24 line, when present, must match.
fn pgp_protection(text: &str) -> Option<Protection> {
    let mut lines = checksum::armor_lines(text);
    let crc = match lines.last() {
        Some(last) if last.len() == 5 && last.starts_with('=') => Some(lines.pop()?[1..].to_string()),
        _ => None,
    };
    let bytes = checksum::decode_base64(&lines.concat())?;
    if let Some(crc) = crc {
        let expected = checksum::decode_base64(&crc)?;
        if checksum::crc24(&bytes).to_be_bytes()[1..] != expected[..] {
            return None;
        }
    }
    let mut reader = Reader(&bytes);
    let header = reader.u8()?;
    let (tag, len) = match header {
        h if h & 0xc0 == 0xc0 => {
            let first = reader.u8()?;
            let len = match first {
                0..=191 => usize::from(first),
                192..=223 => ((usize::from(first) - 192) << 8) + usize::from(reader.u8()?) + 192,
                255 => reader.u32()?,
                _ => return None,
            };
            (h & 0x3f, len)
        }
        h if h & 0x80 == 0x80 => {
            let len = match h & 0x03 {
                0 => usize::from(reader.u8()?),
                1 => reader.u16()?,
                2 => reader.u32()?,
                _ => return None,
            };
            ((h >> 2) & 0x0f, len)
        }
        _ => return None,
    };
    if tag != 5 {
        return None;
    }
    let mut packet = Reader(reader.take(len)?);
    let version = packet.u8()?;
    let _created = packet.take(4)?;
    let algorithm = packet.u8()?;
    match version {
        4 => match algorithm {
            1..=3 => (0..2).try_for_each(|_| packet.mpi())?,
            16 | 20 => (0..3).try_for_each(|_| packet.mpi())?,
            17 => (0..4).try_for_each(|_| packet.mpi())?,
            18 => {
                packet.oid()?;
                packet.mpi()?;
                let kdf = packet.u8()?;
                packet.take(usize::from(kdf))?;
            }
            19 | 22 => {
                packet.oid()?;
                packet.mpi()?;
            }
            25 | 27 => drop(packet.take(32)?),
            26 => drop(packet.take(56)?),
            28 => drop(packet.take(57)?),
            _ => return None,
        },
        5 | 6 => {
            let len = packet.u32()?;
            packet.take(len)?;
        }
        _ => return None,
    }
    Some(if packet.u8()? == 0 { Protection::Clear } else { Protection::Passphrase })
}

fn openssh_unencrypted(text: &str) -> bool {
    checksum::armor_decode(text).and_then(|b| openssh_protection(&b)) == Some(Protection::Clear)
}

fn ssh2_unencrypted(text: &str) -> bool {
    checksum::armor_decode(text).and_then(|b| ssh2_protection(&b)) == Some(Protection::Clear)
}

fn pgp_unprotected(text: &str) -> bool {
    pgp_protection(text) == Some(Protection::Clear)
}

/// PuTTY's private lines: base64 of SSH-encoded key fields.
fn putty_private_blob(text: &str) -> bool {
    checksum::armor_decode(text).is_some_and(|b| b.len() >= 20)
}

/// A passphrase-protected key in any of the formats the pattern accepts:
/// OpenSSH, ssh.com and OpenPGP keys say so inside (their clear forms are other
/// rules' findings); encrypted PKCS #8 is a DER SEQUENCE of the encryption
/// algorithm and the encrypted key; legacy PEM and PuTTY bodies are block-cipher
/// output, whole blocks.
fn encrypted_private_key(text: &str) -> bool {
    if let Some(protection) = pgp_protection(text) {
        return protection == Protection::Passphrase;
    }
    let Some(bytes) = checksum::armor_decode(text) else { return false };
    if let Some(protection) = openssh_protection(&bytes).or_else(|| ssh2_protection(&bytes)) {
        return protection == Protection::Passphrase;
    }
    match checksum::der_sequence(&bytes) {
        Some(content) => content.first() == Some(&0x30),
        None => bytes.len() >= 32 && bytes.len() % 8 == 0,
    }
}

/// The payload of a JWT, as JSON text without whitespace.
fn jwt_payload(token: &str) -> Option<String> {
    let payload = token.split('.').nth(1)?;
    let json = checksum::decode_base64_text(payload)?;
    Some(json.chars().filter(|c| !c.is_whitespace()).collect())
}

/// Issued by a Kubernetes API server for a service account: legacy tokens name
/// the issuer `kubernetes/serviceaccount`, bound tokens carry a
/// `kubernetes.io` claim; both have `system:serviceaccount:` subjects.
fn is_kubernetes(payload: &str) -> bool {
    payload.contains("\"iss\":\"kubernetes/serviceaccount\"")
        || payload.contains("\"sub\":\"system:serviceaccount:")
        || (payload.contains("\"kubernetes.io\":{") && payload.contains("\"serviceaccount\":{"))
}

/// The payload of a well-formed JWT. Expiry is not judged: findings must not
/// change with the date of the scan (baselines, history scans), and a server
/// that skips the check still accepts an expired token.
fn checked_jwt(token: &str) -> Option<String> {
    if !checksum::jwt(token) {
        return None;
    }
    jwt_payload(token)
}

fn general_jwt(token: &str) -> bool {
    checked_jwt(token)
        .is_some_and(|payload| !is_kubernetes(&payload) && !payload.contains("\"role\":\"anon\""))
}

fn kubernetes_jwt(token: &str) -> bool {
    checked_jwt(token).is_some_and(|payload| is_kubernetes(&payload))
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{family_ids, fires};
    use std::ops::RangeInclusive;

    const FAMILY: RangeInclusive<&str> = "SEC190"..="SEC200";
    /// The file texts are read as when only the family's findings count.
    const KEY_FILE: &str = "key.txt";
    const PATH: &str = "example.txt";

    const EC_LINES: [&str; 3] = [
        "MHcCAQEEILLhEyVueIh0j1VKeX/prVUb+jmOpugn+w6WB1frK84RoAoGCCqGSM49",
        "AwEHoUQDQgAEIWb5/DIR/rrwfJlhPL1CoJZ4BobXmc18H6WNJgq6cKq8Z5WsK7bF",
        "cN9tDUaMYqwxiOXm60BiU76rhIznrB5tzw==",
    ];

    fn ec_key(separator: &str) -> String {
        format!(
            "-----BEGIN EC PRIVATE KEY-----{separator}{}{separator}-----END EC PRIVATE KEY-----",
            EC_LINES.join(separator)
        )
    }

    #[test]
    fn keys_are_found_however_the_file_carries_them() {
        // A PEM file, CRLF line ends, JSON and double-escaped JSON strings,
        // indentation under a YAML block scalar, one line with spaces.
        for separator in ["\n", "\r\n", r"\n", r"\\n", "\n      ", " "] {
            let text = format!("key: \"{}\"\n", ec_key(separator));
            assert!(fires("SEC191", PATH, &text), "{separator:?}: {text}");
        }
        // String literals concatenated in code.
        let java = format!(
            "String key = \"-----BEGIN EC PRIVATE KEY-----\\n\" +\n    \"{}\\n\" +\n    \"{}\\n\" +\n    \"{}\\n\" +\n    \"-----END EC PRIVATE KEY-----\";\n",
            EC_LINES[0], EC_LINES[1], EC_LINES[2]
        );
        assert!(fires("SEC191", PATH, &java), "{java}");
        let python = format!(
            "KEY = (\n    \"-----BEGIN EC PRIVATE KEY-----\\n\"\n    \"{}\\n\"\n    \"{}\\n\"\n    \"{}\\n\"\n    \"-----END EC PRIVATE KEY-----\\n\"\n)\n",
            EC_LINES[0], EC_LINES[1], EC_LINES[2]
        );
        assert!(fires("SEC191", PATH, &python), "{python}");
    }

    #[test]
    fn headers_truncated_bodies_and_made_up_bodies_are_not_keys() {
        assert!(!fires(
            "SEC191",
            PATH,
            "if pem.startswith('-----BEGIN EC PRIVATE KEY-----'):\n    load(pem)\n"
        ));
        let truncated =
            format!("{}\n{}\n-----END EC PRIVATE KEY-----\n", "-----BEGIN EC PRIVATE KEY-----", EC_LINES[0]);
        assert!(!fires("SEC191", PATH, &truncated), "body cut short");
        let no_end = format!("-----BEGIN EC PRIVATE KEY-----\n{}\n", EC_LINES.join("\n"));
        assert!(!fires("SEC191", PATH, &no_end), "no END line");
        let made_up = format!(
            "-----BEGIN RSA PRIVATE KEY-----\n{}\n-----END RSA PRIVATE KEY-----\n",
            "QUFB".repeat(16)
        );
        assert!(!fires("SEC190", PATH, &made_up), "not DER");
        let other_label = ec_key("\n").replace("EC PRIVATE KEY", "RSA PRIVATE KEY");
        assert!(fires("SEC190", PATH, &other_label), "the body, not the label, decides the structure");
    }

    #[test]
    fn public_keys_and_certificates_are_not_private_keys() {
        let text = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ0Zm1x8zYkq1b7V5i0c6yR1b0dAwCgYIKoZIzj0EAwIw\n-----END CERTIFICATE-----\n\
                    -----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEIWb5/DIR/rrwfJlhPL1CoJZ4BobX\n-----END PUBLIC KEY-----\n";
        assert!(family_ids(FAMILY, KEY_FILE, text).is_empty());
    }

    const OPENSSH_ENCRYPTED: &str = "-----BEGIN OPENSSH PRIVATE KEY-----\n\
        b3BlbnNzaC1rZXktdjEAAAAACmFlczI1Ni1jdHIAAAAGYmNyeXB0AAAAGAAAABAsBXx6bP\n\
        lCLuwlBoWFtOovAAAAEAAAAAEAAAAzAAAAC3NzaC1lZDI1NTE5AAAAIDv2YANMuqYSrwvV\n\
        i0TWCgit7I4kqJAz89v1Dqs5tLFjAAAAkKF1yXvZhU8t196eE9E4wriC2wOsfJS2swlltN\n\
        C/yFGfPAJT7C9Q7YILjvO7+Mv4eMMEcSiVVkK3/JURGzYkhlcINqP0/vbNy2yNm7Dk9RBd\n\
        +REdUn4O6BDPM4/QanBPcQxhtCcMeFj8YqGmmlGXhYrOp+48w/kFf0QMahokAqa+8BaAbm\n\
        qYT4eOf4KgveIt+g==\n\
        -----END OPENSSH PRIVATE KEY-----\n";

    const PGP_PROTECTED: &str = "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\
        Comment: CI Prot <prot@example.org>\n\
        \n\
        lIYEawj80RYJKwYBBAHaRw8BAQdA0r4bnm45YI25Q2v5oPT8sLMtODk4EcnqPxSM\n\
        to59n+7+BwMCb/86Pa5MmOz/RQga97cSg5FWUdXMZxcctDyfE4GRumPSO9kx9JFV\n\
        olskazD3tit8Vv7lJTfOFjT44jdovXaKCU5DtFs+cZRO3bCmyST8mg==\n\
        =uyKl\n\
        -----END PGP PRIVATE KEY BLOCK-----\n";

    const SSH2_ENCRYPTED: &str = "---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----\n\
        Comment: \"rsa-key-20240611\"\n\
        P2/56wAAAJsAAAA3aWYtbW9kbntzaWdue3JzYS1wa2NzMS1zaGExfSxlbmNyeXB0e3JzYS\n\
        1wa2NzMXYyLW9hZXB9fQAAAAgzZGVzLWNiYwAAAEgbUpcow/f46e9K+GUBH6dcu5mGvyoy\n\
        idwRmdSm++svL6iaAGN7xqhfxcl+c47qDNcuLUH9QvDkdUntuiKU7WeCl8lG2C0p5vw=\n\
        ---- END SSH2 ENCRYPTED PRIVATE KEY ----\n";

    const PUTTY_ENCRYPTED: &str = "PuTTY-User-Key-File-3: ssh-ed25519\n\
        Encryption: aes256-cbc\n\
        Comment: deploy@build-01\n\
        Public-Lines: 2\n\
        AAAAC3NzaC1lZDI1NTE5AAAAIOb4Th1TbC5lBggKI8VgSLJ60jvpZIh0QNL/Uk7w\n\
        bzPk\n\
        Key-Derivation: Argon2id\n\
        Argon2-Memory: 8192\n\
        Argon2-Passes: 13\n\
        Argon2-Parallelism: 1\n\
        Argon2-Salt: 7c3a94f21d0b6e58a9c4f01e2d3b5a67\n\
        Private-Lines: 1\n\
        Jd2kq8vM1xT4bRz0nL6wYcF3sG9hP5aE7uQiKoNj2VmXyBtC0rDfHg8lWpS4eZ6U\n\
        Private-MAC: 0b4f9e2d7c1a8b3e6f5d4c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a29\n";

    #[test]
    fn passphrase_protected_keys_are_one_medium_finding() {
        for (text, clear_rule) in [(OPENSSH_ENCRYPTED, "SEC193"), (PGP_PROTECTED, "SEC194")] {
            let ids = family_ids(FAMILY, KEY_FILE, text);
            assert_eq!(ids, ["SEC196"], "{text}");
            assert!(!ids.iter().any(|id| id == clear_rule));
        }
        let legacy = "-----BEGIN RSA PRIVATE KEY-----\n\
                      Proc-Type: 4,ENCRYPTED\n\
                      DEK-Info: AES-128-CBC,2F8A41C3D1B3E1F4A7C06D7A5C8B9E01\n\
                      \n\
                      k3Qp0cS1mC7vYx2LwZrT8aVnF4eHbJ6uGdKiOqM9sW5yXtN1pR0lDfE3gB7hUjA2\n\
                      c8vQm4nZ6xWyT1rLpS9kH3oJ5aG2bF7dE0iC4uN8sMqXwYzR1tVeKlPjO6hIgDfA\n\
                      -----END RSA PRIVATE KEY-----\n";
        assert_eq!(family_ids(FAMILY, KEY_FILE, legacy), ["SEC196"]);
        assert_eq!(family_ids(FAMILY, KEY_FILE, SSH2_ENCRYPTED), ["SEC196"], "ssh.com key with a cipher");
        assert_eq!(
            family_ids(FAMILY, KEY_FILE, &PUTTY_ENCRYPTED.replace("\n", "\r\n")),
            ["SEC196"],
            "PuTTY key with a cipher"
        );
        // The clear forms are not reported as encrypted.
        for rule in crate::rules::keys::RULES.iter().filter(|r| r.multiline && r.meta.id != "SEC196") {
            assert_eq!(
                family_ids(FAMILY, KEY_FILE, rule.meta.bad_example),
                [rule.meta.id],
                "only its own rule"
            );
        }
    }

    #[test]
    fn pgp_armor_checksum_is_verified() {
        let rule = crate::rules::keys::RULES.iter().find(|r| r.meta.id == "SEC194").unwrap();
        assert!(fires("SEC194", PATH, rule.meta.bad_example));
        assert!(!fires("SEC194", PATH, &rule.meta.bad_example.replace("=rLuW", "=rLuX")));
        assert!(
            fires("SEC194", PATH, &rule.meta.bad_example.replace("=rLuW\n", "")),
            "the checksum is optional"
        );
    }

    const K8S_BOUND: &str = "eyJhbGciOiJSUzI1NiIsImtpZCI6IlhxM25WN2ZUejBiWXcyTGhLOXNEcFI0bUM4dUoxYUVlNmdXa041b1F5WnMifQ.eyJhdWQiOlsiaHR0cHM6Ly9rdWJlcm5ldGVzLmRlZmF1bHQuc3ZjLmNsdXN0ZXIubG9jYWwiXSwiZXhwIjo0MTAyNDQ0ODAwLCJpYXQiOjE3MTgwMDAwMDAsImlzcyI6Imh0dHBzOi8va3ViZXJuZXRlcy5kZWZhdWx0LnN2Yy5jbHVzdGVyLmxvY2FsIiwia3ViZXJuZXRlcy5pbyI6eyJuYW1lc3BhY2UiOiJjaSIsInNlcnZpY2VhY2NvdW50Ijp7Im5hbWUiOiJkZXBsb3llciIsInVpZCI6ImIwNzZlMTAxLTlkNzYtNDJhNi04MmZhLTIwZmNiMmM4MjNhMiJ9fSwibmJmIjoxNzE4MDAwMDAwLCJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6Y2k6ZGVwbG95ZXIifQ.eN7oiHbMu_BHX3qRJsKwIh0nr8cBIygp5kyALS8SsnIyZpEF9j9u_Bo5OBXQqxsuOec2iZaQoW2GfO06eahSew";

    #[test]
    fn jwts_are_told_apart_by_their_claims() {
        assert_eq!(
            family_ids(FAMILY, KEY_FILE, &format!("K8S_TOKEN={K8S_BOUND}\n")),
            ["SEC200"],
            "bound token"
        );
        let anon = "SUPABASE_ANON_KEY=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZSIsInJlZiI6InF3aGZrZGpzdWV5cnRhbHNrZGpmIiwicm9sZSI6ImFub24iLCJpYXQiOjE3MTgwMDAwMDAsImV4cCI6MjAzMzU3NjAwMH0.hALStBMSC75NJCSNsUCMmjPqVrEsgwNjBa2ba1xRvqU\n";
        assert!(!fires("SEC199", PATH, anon), "public by design");
        let jwt_io = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
        assert!(!fires("SEC199", PATH, &format!("curl -H 'Authorization: Bearer {jwt_io}'\n")));
        let two = "a=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.c2lnbmF0dXJlc2lnbmF0dXJl b=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJiIn0.c2lnbmF0dXJlc2lnbmF0dXJl\n";
        assert_eq!(family_ids(FAMILY, KEY_FILE, two), ["SEC199", "SEC199"], "back to back");
        // Five parts: an encrypted JWE, not a signed token.
        assert!(!fires(
            "SEC199",
            PATH,
            "eyJhbGciOiJSU0EtT0FFUCJ9.eyJhIjoiYiJ9.c2lnbmF0dXJlc2lnbmF0dXJl.aXY.dGFn\n"
        ));
    }
}
