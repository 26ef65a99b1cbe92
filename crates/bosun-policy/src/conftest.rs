//! conftest-style policies: `deny`, `violation` and `warn` rules over `input`.
//!
//! Which packages count: conftest itself reads only `main` unless given `--namespace` or
//! `--all-namespaces`. bosun reads every package that declares such a rule, as if
//! `--all-namespaces` were always on: the user named these files with `--policy`, and
//! silently ignoring a `package k8s.security` deny rule would be worse than surprising.
//! Rule names follow conftest: `deny`, `violation`, `warn`, or those with a `_suffix`.

use crate::convert::to_json;
use crate::error::EvalError;
use crate::pool::EnginePool;
use crate::rego::DeclaredRule;
use crate::violation::{Enforcement, PolicyOrigin, Violation};
use regorus::Value;

/// One rule that produces results.
#[derive(Debug, Clone)]
struct Entrypoint {
    package: String,
    rule: String,
    path: String,
    enforcement: Enforcement,
}

/// All `.rego` modules of a load, compiled into one engine (as conftest bundles them),
/// so that helper packages are shared.
#[derive(Debug)]
pub struct RegoModules {
    pool: EnginePool,
    entrypoints: Vec<Entrypoint>,
    tests: Vec<DeclaredRule>,
}

/// The enforcement a rule name asks for, if it is a result rule at all.
fn rule_kind(rule: &str) -> Option<Enforcement> {
    [("deny", Enforcement::Deny), ("violation", Enforcement::Deny), ("warn", Enforcement::Warn)]
        .into_iter()
        .find(|(prefix, _)| {
            rule.strip_prefix(prefix).is_some_and(|rest| rest.is_empty() || rest.starts_with('_'))
        })
        .map(|(_, enforcement)| enforcement)
}

impl RegoModules {
    pub fn new(pool: EnginePool, rules: &[DeclaredRule]) -> Self {
        let entrypoints = rules
            .iter()
            .filter(|r| !r.is_function)
            .filter_map(|r| {
                rule_kind(&r.rule).map(|enforcement| Entrypoint {
                    package: r.package.clone(),
                    rule: r.rule.clone(),
                    path: r.path(),
                    enforcement,
                })
            })
            .collect();
        let tests = rules.iter().filter(|r| !r.is_function && r.rule.starts_with("test_")).cloned().collect();
        RegoModules { pool, entrypoints, tests }
    }

    pub fn pool(&self) -> &EnginePool {
        &self.pool
    }

    pub fn tests(&self) -> &[DeclaredRule] {
        &self.tests
    }

    pub fn entrypoint_count(&self) -> usize {
        self.entrypoints.len()
    }

    /// Evaluates every result rule with `input` as the document.
    pub fn evaluate(&self, input: &Value, out: &mut Vec<Violation>) -> Result<(), EvalError> {
        if self.entrypoints.is_empty() {
            return Ok(());
        }
        self.pool.with(|engine| {
            engine.set_input(input.clone());
            for entry in &self.entrypoints {
                let value = engine.eval_rule(entry.path.clone()).map_err(|e| EvalError::Policy {
                    policy: format!("{}/{}", entry.package, entry.rule),
                    reason: e.to_string(),
                })?;
                collect(entry, &value, out);
            }
            Ok(())
        })
    }
}

/// Turns one rule's value into violations. conftest accepts a set (or array) of strings
/// or of objects with `msg`, and also a plain string or `true`.
fn collect(entry: &Entrypoint, value: &Value, out: &mut Vec<Violation>) {
    let origin = || PolicyOrigin::Rego { package: entry.package.clone(), rule: entry.rule.clone() };
    let push = |out: &mut Vec<Violation>, result: &Value| {
        let (message, details) = message_and_details(result);
        out.push(Violation { origin: origin(), enforcement: entry.enforcement, message, details });
    };
    match value {
        Value::Undefined | Value::Null | Value::Bool(false) => {}
        Value::Set(items) => items.iter().for_each(|item| push(out, item)),
        Value::Array(items) => items.iter().for_each(|item| push(out, item)),
        other => push(out, other),
    }
}

/// A result's message, and the rest of a result object as details.
fn message_and_details(result: &Value) -> (String, Option<serde_json::Value>) {
    match to_json(result) {
        serde_json::Value::String(message) => (message, None),
        serde_json::Value::Object(mut map) => {
            let message = match map.remove("msg") {
                Some(serde_json::Value::String(s)) => s,
                Some(other) => other.to_string(),
                None => String::new(),
            };
            let details = if map.is_empty() { None } else { Some(serde_json::Value::Object(map)) };
            (message, details)
        }
        serde_json::Value::Bool(true) => (String::new(), None),
        other => (other.to_string(), None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_conftest_rule_names() {
        assert_eq!(rule_kind("deny"), Some(Enforcement::Deny));
        assert_eq!(rule_kind("deny_privileged"), Some(Enforcement::Deny));
        assert_eq!(rule_kind("violation"), Some(Enforcement::Deny));
        assert_eq!(rule_kind("warn_latest_tag"), Some(Enforcement::Warn));
        assert_eq!(rule_kind("denylist"), None);
        assert_eq!(rule_kind("warning"), None);
        assert_eq!(rule_kind("allow"), None);
    }

    #[test]
    fn splits_message_from_details() {
        let value = Value::from_json_str(r#"{"msg": "no", "severity": "high"}"#).unwrap();
        let (message, details) = message_and_details(&value);
        assert_eq!(message, "no");
        assert_eq!(details, Some(serde_json::json!({"severity": "high"})));
        assert_eq!(message_and_details(&Value::from("plain")), ("plain".to_string(), None));
    }
}
