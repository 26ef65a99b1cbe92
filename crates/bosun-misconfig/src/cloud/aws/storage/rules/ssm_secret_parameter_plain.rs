use crate::cloud::aws::storage::ssm;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ040",
        name: "ssm-parameter-secret-not-secure",
        title: "SSM parameter that holds a secret is stored as plain text",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["CKV2_AWS_34"],
        rationale: "A `String` or `StringList` parameter is stored and shown unencrypted: anyone who can read parameters, or see them in the console, history or CloudTrail events, reads the value. Names such as `password`, `secret`, `token` or `api_key` say the value is a credential and needs `SecureString`.",
        remediation: "Use `type = \"SecureString\"` for the `aws_ssm_parameter`. CloudFormation cannot create SecureString parameters: keep the secret in an `AWS::SecretsManager::Secret` instead of an `AWS::SSM::Parameter`.",
        bad_example: "variable \"db_password\" {\n  type      = string\n  sensitive = true\n}\n\nresource \"aws_ssm_parameter\" \"db\" {\n  name  = \"/prod/db/password\"\n  type  = \"String\"\n  value = var.db_password\n}\n",
        good_example: "variable \"db_password\" {\n  type      = string\n  sensitive = true\n}\n\nresource \"aws_ssm_parameter\" \"db\" {\n  name  = \"/prod/db/password\"\n  type  = \"SecureString\"\n  value = var.db_password\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  DbPassword:\n    Type: AWS::SSM::Parameter\n    Properties:\n      Name: /prod/db/password\n      Type: String\n      Value: change-me\n",
            good: "Resources:\n  DbPassword:\n    Type: AWS::SecretsManager::Secret\n    Properties:\n      Name: prod/db/password\n      GenerateSecretString:\n        PasswordLength: 32\n",
        }),
    }),
};

/// Words that say a parameter holds a credential, compared without case or separators.
const SECRET_WORDS: &[&str] =
    &["password", "passwd", "secret", "token", "apikey", "privatekey", "accesskey", "credential"];
/// A last word that says the parameter only points at or describes a secret.
const NOT_A_VALUE: &[&str] =
    &["arn", "id", "name", "path", "url", "uri", "version", "length", "rotation", "policy", "enabled", "ttl"];

fn check(deployment: &Deployment, hits: &mut Hits) {
    for parameter in ssm::parameters(deployment) {
        if !parameter.is_plain_text() {
            continue;
        }
        let Some(name) = parameter.name.and_then(|n| n.as_str()) else { continue };
        if !looks_like_secret(name) {
            continue;
        }
        // A reference or an ARN is a pointer to a secret, not the secret.
        if parameter
            .value
            .is_some_and(|v| v.reference().is_some() || v.as_str().is_some_and(|s| s.starts_with("arn:")))
        {
            continue;
        }
        let kind = parameter.kind.and_then(|k| k.as_str()).unwrap_or_default();
        let message = format!("the parameter `{name}` looks like a secret but is stored as plain `{kind}`");
        deployment.report(hits, parameter.resource, parameter.kind, message);
    }
}

fn looks_like_secret(name: &str) -> bool {
    let last = name.rsplit('/').next().unwrap_or(name);
    let words: Vec<String> = split_words(last);
    if words.last().is_some_and(|w| NOT_A_VALUE.contains(&w.as_str())) {
        return false;
    }
    let joined: String = words.concat();
    SECRET_WORDS.iter().any(|w| joined.contains(w))
}

/// `dbPassword`, `db_password`, `db-password` → `["db", "password"]`.
fn split_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut previous_lower = false;
    for c in text.chars() {
        if !c.is_ascii_alphanumeric() {
            if !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
            previous_lower = false;
            continue;
        }
        if c.is_ascii_uppercase() && previous_lower && !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
        previous_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        word.push(c.to_ascii_lowercase());
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    #[test]
    fn names() {
        assert!(looks_like_secret("/prod/db/password"));
        assert!(looks_like_secret("/app/stripeApiKey"));
        assert!(looks_like_secret("GITHUB_TOKEN"));
        assert!(!looks_like_secret("/app/db/password_secret_arn"));
        assert!(!looks_like_secret("/app/db/host"));
        assert!(!looks_like_secret("/app/token-ttl"));
    }

    #[test]
    fn pointers_to_secrets_are_not_secrets() {
        let text = "resource \"aws_ssm_parameter\" \"a\" {\n  name  = \"/app/db/secret\"\n  type  = \"String\"\n  value = aws_secretsmanager_secret.db.arn\n}\n";
        assert!(run_on_example(&RULE, text).is_empty());
    }
}
