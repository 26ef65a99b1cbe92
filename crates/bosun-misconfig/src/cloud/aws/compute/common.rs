//! Helpers the compute concepts share: settings written as JSON strings
//! (Terraform's `jsonencode` container definitions), keys whose case differs
//! between the two languages (`privileged` and `Privileged`), and whether an
//! environment variable holds a credential written into the code.

use crate::cloud::{Attr, Value};
use crate::credentials::{has_url_password, is_placeholder, is_switch, looks_like_path, names_a_secret};

/// Documents larger than this are not read.
const MAX_JSON_BYTES: usize = 512 * 1024;

/// A structured value whether it is written as one (CloudFormation, a Terraform
/// object) or as JSON text (`jsonencode(...)`, a heredoc). JSON values take the
/// string's lines. `None` when the value is unknown or is not JSON.
pub fn structured(attr: &Attr) -> Option<Attr> {
    match &attr.value {
        Value::String(text) if text.len() <= MAX_JSON_BYTES => {
            let json: serde_json::Value = serde_json::from_str(text.trim()).ok()?;
            Some(from_json(&json, attr))
        }
        Value::List(_) | Value::Object(_) => Some(attr.clone()),
        _ => None,
    }
}

fn from_json(json: &serde_json::Value, at: &Attr) -> Attr {
    let value = match json {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Bool(*b),
        serde_json::Value::Number(n) => n.as_f64().map(Value::Number).unwrap_or(Value::Unknown),
        serde_json::Value::String(s) => Value::String(s.clone()),
        serde_json::Value::Array(items) => Value::List(items.iter().map(|i| from_json(i, at)).collect()),
        serde_json::Value::Object(entries) => {
            Value::Object(entries.iter().map(|(k, v)| (k.clone(), from_json(v, at))).collect())
        }
    };
    Attr::new(value, at.span, at.file)
}

/// The entry `key` of an object, compared without case: container definitions
/// say `readonlyRootFilesystem` in Terraform's JSON and `ReadonlyRootFilesystem`
/// in CloudFormation.
pub fn get_ci<'a>(attr: &'a Attr, key: &str) -> Option<&'a Attr> {
    attr.entries().iter().find(|(k, _)| k.eq_ignore_ascii_case(key)).map(|(_, v)| v)
}

/// Why a variable called `name` with this value is a credential written into
/// the code, or `None`: the name says it holds a secret and the value is a
/// literal (not a reference, placeholder, path, ARN, switch or empty), or the
/// value is a URL with a password in it.
pub fn literal_secret(name: &str, value: &Attr) -> Option<&'static str> {
    let text = value.as_str()?.trim();
    if text.is_empty()
        || is_switch(text)
        || is_placeholder(text)
        || looks_like_path(text)
        || text.starts_with("arn:")
    {
        return None;
    }
    if names_a_secret(name) {
        Some("a literal secret")
    } else if has_url_password(text) {
        Some("a URL with a literal password")
    } else {
        None
    }
}

/// The `name = value` pairs of an environment written as a map (Lambda's
/// `variables`, `Environment.Variables`).
pub fn map_entries(attr: Option<&Attr>) -> Vec<(&str, &Attr)> {
    attr.map(|a| a.entries().iter().map(|(k, v)| (k.as_str(), v)).collect()).unwrap_or_default()
}

/// The `{name, value}` objects of an environment written as a list (ECS
/// `environment`, CodeBuild `environment_variable` blocks), either language's case.
pub fn named_entries(attr: Option<&Attr>) -> Vec<(&str, &Attr, &Attr)> {
    let Some(attr) = attr else { return Vec::new() };
    attr.items()
        .iter()
        .filter_map(|item| {
            let name = get_ci(item, "name")?.as_str()?;
            let value = get_ci(item, "value")?;
            Some((name, value, item))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use bosun_core::Span;

    fn text(s: &str) -> Attr {
        Attr::new(Value::String(s.into()), Span::line(3), 0)
    }

    #[test]
    fn json_text_becomes_structure_with_the_string_lines() {
        let parsed = structured(&text("[{\"name\":\"app\",\"privileged\":true}]")).unwrap();
        let first = &parsed.items()[0];
        assert!(get_ci(first, "Privileged").unwrap().is_true());
        assert_eq!(first.span, Span::line(3));
        assert!(structured(&text("not json")).is_none());
        assert!(structured(&Attr::unknown(Span::line(1), 0)).is_none());
    }

    #[test]
    fn secrets_are_literals_under_secret_names() {
        assert_eq!(literal_secret("DB_PASSWORD", &text("hunter22")), Some("a literal secret"));
        assert!(literal_secret("DB_PASSWORD", &text("${db_password}")).is_none());
        assert!(literal_secret("DB_PASSWORD", &text("arn:aws:secretsmanager:eu-west-1:1:secret:x")).is_none());
        assert!(literal_secret("DB_PASSWORD", &text("{{resolve:secretsmanager:db}}")).is_none());
        assert!(literal_secret("LOG_LEVEL", &text("debug")).is_none());
        assert_eq!(
            literal_secret("DATABASE_URL", &text("postgres://app:pw@db/app")),
            Some("a URL with a literal password")
        );
        assert!(literal_secret("API_KEY", &Attr::unknown(Span::line(1), 0)).is_none());
    }
}
