//! IAM policy documents, as every AWS policy attribute holds them: identity
//! policies, trust policies, and the resource policies of buckets, queues,
//! topics, keys and registries. Terraform gives them as JSON strings (from
//! `jsonencode` or a heredoc), CloudFormation as objects; both read the same here.

use crate::cloud::{Attr, Value};
use bosun_core::Span;

/// Policies larger than this are not read (the largest AWS allows is ~20 KB).
const MAX_POLICY_BYTES: usize = 256 * 1024;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct PolicyDocument {
    pub statements: Vec<Statement>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Statement {
    /// `Effect: Allow` (anything else is Deny).
    pub allow: bool,
    pub actions: Vec<String>,
    pub not_actions: Vec<String>,
    pub resources: Vec<String>,
    pub not_resources: Vec<String>,
    /// Every principal value, whatever its type (`AWS`, `Service`, `Federated`);
    /// `*` for anyone, whether written `"*"` or `{"AWS": "*"}`.
    pub principals: Vec<String>,
    pub has_condition: bool,
    /// The keys of the condition operators' entries, lower-cased (`aws:securetransport`).
    pub condition_keys: Vec<String>,
    /// The statement's own lines when the policy is an object, else the policy attribute's.
    pub span: Span,
    pub file: u32,
}

impl Statement {
    /// Allows every action (`*` or `NotAction` with an allow).
    pub fn allows_any_action(&self) -> bool {
        self.allow && (self.actions.iter().any(|a| a == "*") || !self.not_actions.is_empty())
    }

    /// An allowed action matches `pattern` (`s3:GetObject`, `iam:PassRole`), wildcards in
    /// the statement's actions honoured, case-insensitive as IAM compares them.
    pub fn allows_action(&self, action: &str) -> bool {
        self.allow && self.actions.iter().any(|pattern| wildcard_match(pattern, action))
    }

    /// An allowed action is a service-wide wildcard such as `s3:*`.
    pub fn service_wildcard(&self) -> Option<&str> {
        if !self.allow {
            return None;
        }
        self.actions.iter().map(String::as_str).find(|a| a.ends_with(":*"))
    }

    /// Any principal at all may use it, with no condition narrowing it.
    pub fn is_public(&self) -> bool {
        self.allow && self.principals.iter().any(|p| p == "*") && !self.has_condition
    }

    /// Applies to every resource.
    pub fn wildcard_resource(&self) -> bool {
        self.resources.iter().any(|r| r == "*") || !self.not_resources.is_empty()
    }

    /// A condition tests this key (`aws:SecureTransport`), compared without case.
    pub fn has_condition_key(&self, key: &str) -> bool {
        self.condition_keys.iter().any(|k| k.eq_ignore_ascii_case(key))
    }
}

/// Reads a policy. `None` when it is unknown, a reference, or not a policy.
pub fn parse(attr: &Attr) -> Option<PolicyDocument> {
    match &attr.value {
        Value::String(text) if text.len() <= MAX_POLICY_BYTES => {
            let json: serde_json::Value = serde_json::from_str(text.trim()).ok()?;
            let document = from_json(&json, attr.span, attr.file);
            Some(document)
        }
        Value::Object(_) => Some(from_attr(attr)),
        _ => None,
    }
}

fn from_json(json: &serde_json::Value, span: Span, file: u32) -> PolicyDocument {
    let statements = match json.get("Statement") {
        Some(serde_json::Value::Array(items)) => items.iter().collect(),
        Some(single @ serde_json::Value::Object(_)) => vec![single],
        _ => Vec::new(),
    };
    let statements = statements
        .into_iter()
        .map(|s| {
            let condition = s.get("Condition");
            Statement {
                allow: s
                    .get("Effect")
                    .and_then(|e| e.as_str())
                    .is_some_and(|e| e.eq_ignore_ascii_case("allow")),
                actions: json_strings(s.get("Action")),
                not_actions: json_strings(s.get("NotAction")),
                resources: json_strings(s.get("Resource")),
                not_resources: json_strings(s.get("NotResource")),
                principals: json_principals(s.get("Principal")),
                // A condition that is not an object is one bosun could not read (a
                // value unknown before apply): it may narrow the statement.
                has_condition: condition
                    .is_some_and(|c| !c.is_null() && c.as_object().is_none_or(|o| !o.is_empty())),
                condition_keys: json_condition_keys(condition),
                span,
                file,
            }
        })
        .collect();
    PolicyDocument { statements }
}

fn json_strings(value: Option<&serde_json::Value>) -> Vec<String> {
    match value {
        Some(serde_json::Value::String(s)) => vec![s.clone()],
        Some(serde_json::Value::Array(items)) => {
            items.iter().filter_map(|i| i.as_str()).map(String::from).collect()
        }
        _ => Vec::new(),
    }
}

fn json_principals(value: Option<&serde_json::Value>) -> Vec<String> {
    match value {
        Some(serde_json::Value::Object(by_type)) => {
            by_type.values().flat_map(|v| json_strings(Some(v))).collect()
        }
        other => json_strings(other),
    }
}

fn json_condition_keys(condition: Option<&serde_json::Value>) -> Vec<String> {
    let Some(serde_json::Value::Object(operators)) = condition else { return Vec::new() };
    operators
        .values()
        .filter_map(|tests| tests.as_object())
        .flat_map(|tests| tests.keys().map(|k| k.to_ascii_lowercase()))
        .collect()
}

fn from_attr(document: &Attr) -> PolicyDocument {
    let statements = match document.get("Statement") {
        Some(statements) => statements.items().iter().map(statement_from_attr).collect(),
        None => Vec::new(),
    };
    PolicyDocument { statements }
}

fn statement_from_attr(s: &Attr) -> Statement {
    let strings = |key: &str| -> Vec<String> {
        s.get(key).map(|v| v.strings().into_iter().map(String::from).collect()).unwrap_or_default()
    };
    let principals = match s.get("Principal") {
        Some(principal @ Attr { value: Value::Object(_), .. }) => principal
            .entries()
            .iter()
            .flat_map(|(_, v)| v.strings().into_iter().map(String::from).collect::<Vec<_>>())
            .collect(),
        Some(principal) => principal.strings().into_iter().map(String::from).collect(),
        None => Vec::new(),
    };
    let condition = s.get("Condition");
    let condition_keys = condition
        .map(|c| {
            c.entries()
                .iter()
                .flat_map(|(_, tests)| tests.entries().iter().map(|(k, _)| k.to_ascii_lowercase()))
                .collect()
        })
        .unwrap_or_default();
    Statement {
        allow: s.get("Effect").and_then(Attr::as_str).is_some_and(|e| e.eq_ignore_ascii_case("allow")),
        actions: strings("Action"),
        not_actions: strings("NotAction"),
        resources: strings("Resource"),
        not_resources: strings("NotResource"),
        principals,
        // An unknown condition may narrow the statement: count it as one.
        has_condition: condition.is_some_and(|c| c.is_unknown() || !c.entries().is_empty()),
        condition_keys,
        span: s.span,
        file: s.file,
    }
}

/// IAM's `*` and `?` wildcards, without case.
fn wildcard_match(pattern: &str, text: &str) -> bool {
    let pattern: Vec<char> = pattern.to_ascii_lowercase().chars().collect();
    let text: Vec<char> = text.to_ascii_lowercase().chars().collect();
    let (mut p, mut t, mut star, mut mark) = (0, 0, None, 0);
    while t < text.len() {
        if p < pattern.len() && (pattern[p] == '?' || pattern[p] == text[t]) {
            p += 1;
            t += 1;
        } else if p < pattern.len() && pattern[p] == '*' {
            star = Some(p);
            mark = t;
            p += 1;
        } else if let Some(s) = star {
            p = s + 1;
            mark += 1;
            t = mark;
        } else {
            return false;
        }
    }
    pattern[p..].iter().all(|&c| c == '*')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn string(text: &str) -> Attr {
        Attr::new(Value::String(text.into()), Span::line(3), 0)
    }

    #[test]
    fn json_string_policies_are_read() {
        let doc = parse(&string(
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":["s3:*"],"Resource":"*"}]}"#,
        ))
        .unwrap();
        let statement = &doc.statements[0];
        assert!(statement.is_public() && statement.wildcard_resource());
        assert_eq!(statement.service_wildcard(), Some("s3:*"));
        assert!(statement.allows_action("S3:GetObject") && !statement.allows_action("iam:PassRole"));
        assert_eq!(statement.span, Span::line(3));
    }

    #[test]
    fn conditions_narrow_public_statements() {
        let doc = parse(&string(
            r#"{"Statement":{"Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Condition":{"ArnEquals":{"aws:SourceArn":"arn:x"}}}}"#,
        ))
        .unwrap();
        assert!(!doc.statements[0].is_public());
        assert!(doc.statements[0].has_condition_key("AWS:SourceArn"));
    }

    #[test]
    fn unknown_and_garbage_are_not_policies() {
        assert!(parse(&Attr::unknown(Span::line(1), 0)).is_none());
        assert!(parse(&string("not json")).is_none());
    }

    #[test]
    fn wildcards() {
        assert!(wildcard_match("iam:*", "iam:PassRole"));
        assert!(wildcard_match("s3:Get*", "s3:GetObject"));
        assert!(wildcard_match("ec2:Describe?nstances", "ec2:DescribeInstances"));
        assert!(!wildcard_match("s3:Get*", "s3:PutObject"));
    }
}
