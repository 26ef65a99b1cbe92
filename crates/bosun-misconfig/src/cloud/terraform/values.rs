//! Helpers on evaluated values: knowing, comparing, printing and JSON.

use super::super::value::{Attr, Value};
use bosun_core::Span;

/// An evaluation that Terraform itself would reject (a missing attribute, an index
/// out of range, a wrong type). `try` and `can` see it; an attribute that fails is Unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Fail;

pub(crate) type R = Result<Attr, Fail>;

pub(crate) fn attr(value: Value, span: Span, file: u32) -> Attr {
    Attr::new(value, span, file)
}

/// No unknown and no reference anywhere inside.
pub(crate) fn known(attr: &Attr) -> bool {
    match &attr.value {
        Value::Unknown | Value::Reference(_) => false,
        Value::List(items) => items.iter().all(known),
        Value::Object(entries) => entries.iter().all(|(_, v)| known(v)),
        _ => true,
    }
}

/// The value itself is not unknown (its parts may be).
pub(crate) fn is_pending(attr: &Attr) -> bool {
    matches!(attr.value, Value::Unknown | Value::Reference(_))
}

/// Equal values, whatever their spans.
pub(crate) fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::List(x), Value::List(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(&a.value, &b.value))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter().all(|(k, v)| y.iter().any(|(k2, v2)| k == k2 && same(&v.value, &v2.value)))
        }
        (Value::Number(x), Value::Number(y)) => x == y,
        _ => a == b,
    }
}

/// Terraform's way of printing a number: integers without a fraction.
pub(crate) fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// The string form of a primitive: `Ok(None)` when unknown, `Err` when it has none.
pub(crate) fn text(attr: &Attr) -> Result<Option<String>, Fail> {
    match &attr.value {
        Value::String(s) => Ok(Some(s.clone())),
        Value::Number(n) => Ok(Some(format_number(*n))),
        Value::Bool(b) => Ok(Some(b.to_string())),
        Value::Unknown | Value::Reference(_) => Ok(None),
        Value::Null | Value::List(_) | Value::Object(_) => Err(Fail),
    }
}

/// A number, or a string holding one: `Ok(None)` when unknown.
pub(crate) fn number(attr: &Attr) -> Result<Option<f64>, Fail> {
    match &attr.value {
        Value::Number(n) => Ok(Some(*n)),
        Value::String(s) => s.trim().parse::<f64>().map(Some).map_err(|_| Fail),
        Value::Unknown | Value::Reference(_) => Ok(None),
        _ => Err(Fail),
    }
}

/// A bool, or the strings `true`/`false`: `Ok(None)` when unknown.
pub(crate) fn boolean(attr: &Attr) -> Result<Option<bool>, Fail> {
    match &attr.value {
        Value::Bool(b) => Ok(Some(*b)),
        Value::String(s) if s == "true" => Ok(Some(true)),
        Value::String(s) if s == "false" => Ok(Some(false)),
        Value::Unknown | Value::Reference(_) => Ok(None),
        _ => Err(Fail),
    }
}

/// How many values a value holds, stopping at `cap`.
pub(crate) fn size(attr: &Attr, cap: usize) -> usize {
    fn walk(attr: &Attr, count: &mut usize, cap: usize) {
        if *count >= cap {
            return;
        }
        *count += 1;
        match &attr.value {
            Value::String(s) => *count += s.len() / 16,
            Value::List(items) => items.iter().for_each(|i| walk(i, count, cap)),
            Value::Object(entries) => entries.iter().for_each(|(_, v)| walk(v, count, cap)),
            _ => {}
        }
    }
    let mut count = 0;
    walk(attr, &mut count, cap);
    count.min(cap)
}

/// Sets the outer span of a value (its parts keep theirs).
pub(crate) fn restamp(mut attr: Attr, span: Span, file: u32) -> Attr {
    attr.span = span;
    attr.file = file;
    attr
}

/// A fully known value as JSON (objects' keys sorted, as Terraform's `jsonencode` does).
pub(crate) fn to_json(attr: &Attr) -> Option<serde_json::Value> {
    Some(match &attr.value {
        Value::Unknown | Value::Reference(_) => return None,
        Value::Null => serde_json::Value::Null,
        Value::Bool(b) => serde_json::Value::Bool(*b),
        Value::Number(n) => {
            if n.fract() == 0.0 && n.abs() < 9e15 {
                serde_json::Value::from(*n as i64)
            } else {
                serde_json::Value::from(*n)
            }
        }
        Value::String(s) => serde_json::Value::String(s.clone()),
        Value::List(items) => serde_json::Value::Array(items.iter().map(to_json).collect::<Option<_>>()?),
        Value::Object(entries) => {
            let mut map = serde_json::Map::new();
            for (k, v) in entries {
                map.insert(k.clone(), to_json(v)?);
            }
            serde_json::Value::Object(map)
        }
    })
}

/// What `jsonencode` writes for a part of its argument that is not known yet:
/// a policy with one computed ARN is still a policy whose actions, principals
/// and effects can be checked. The placeholder never equals `*`, `Allow` or a
/// real action, so it cannot make a statement look wider than it is.
pub(crate) const JSON_UNKNOWN: &str = "${unknown}";

/// Like [`to_json`], with unknown parts written as [`JSON_UNKNOWN`] and
/// references as `${address}`.
pub(crate) fn to_json_partial(attr: &Attr) -> serde_json::Value {
    match &attr.value {
        Value::Unknown => serde_json::Value::String(JSON_UNKNOWN.into()),
        Value::Reference(address) => serde_json::Value::String(format!("${{{address}}}")),
        Value::List(items) => serde_json::Value::Array(items.iter().map(to_json_partial).collect()),
        Value::Object(entries) => {
            serde_json::Value::Object(entries.iter().map(|(k, v)| (k.clone(), to_json_partial(v))).collect())
        }
        _ => to_json(attr).unwrap_or(serde_json::Value::Null),
    }
}

pub(crate) fn from_json(json: &serde_json::Value, span: Span, file: u32) -> Attr {
    let value = match json {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Bool(*b),
        serde_json::Value::Number(n) => n.as_f64().map_or(Value::Unknown, Value::Number),
        serde_json::Value::String(s) => Value::String(s.clone()),
        serde_json::Value::Array(items) => {
            Value::List(items.iter().map(|i| from_json(i, span, file)).collect())
        }
        serde_json::Value::Object(map) => {
            Value::Object(map.iter().map(|(k, v)| (k.clone(), from_json(v, span, file))).collect())
        }
    };
    Attr::new(value, span, file)
}

/// The entries of an object sorted by key (Terraform iterates maps in key order).
pub(crate) fn sorted_entries(entries: &[(String, Attr)]) -> Vec<(String, Attr)> {
    let mut sorted = entries.to_vec();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    sorted
}

/// Quotes an instance key: `["a"]`.
pub(crate) fn quote_key(key: &str) -> String {
    serde_json::to_string(key).unwrap_or_else(|_| format!("\"{key}\""))
}
