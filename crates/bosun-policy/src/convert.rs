//! Moving documents between serde_json (what bosun parses) and regorus values (what
//! policies see), with the size and depth checks that keep hostile input cheap.

use crate::error::EvalError;
use crate::limits::Limits;
use regorus::Value;
use std::collections::BTreeMap;

/// Converts `doc` for use as (part of) `input`, refusing documents beyond the limits.
/// Checked here, before evaluation, because regorus walks inputs recursively.
pub fn to_rego(doc: &serde_json::Value, limits: &Limits) -> Result<Value, EvalError> {
    let mut budget = limits.max_input_nodes;
    convert(doc, 0, limits.max_input_depth, &mut budget)
}

fn convert(
    doc: &serde_json::Value,
    depth: usize,
    max_depth: usize,
    budget: &mut usize,
) -> Result<Value, EvalError> {
    if *budget == 0 {
        return Err(EvalError::InputTooLarge("the document has too many values".into()));
    }
    *budget -= 1;
    let nested = |what: &str| {
        if depth >= max_depth {
            Err(EvalError::InputTooLarge(format!("{what} nested deeper than {max_depth} levels")))
        } else {
            Ok(())
        }
    };
    Ok(match doc {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::from(*b),
        serde_json::Value::Number(n) => number(n),
        serde_json::Value::String(s) => Value::from(s.as_str()),
        serde_json::Value::Array(items) => {
            nested("arrays")?;
            let mut out = Vec::with_capacity(items.len());
            for item in items {
                out.push(convert(item, depth + 1, max_depth, budget)?);
            }
            Value::from(out)
        }
        serde_json::Value::Object(map) => {
            nested("objects")?;
            let mut out = BTreeMap::new();
            for (key, value) in map {
                out.insert(Value::from(key.as_str()), convert(value, depth + 1, max_depth, budget)?);
            }
            Value::from(out)
        }
    })
}

fn number(n: &serde_json::Number) -> Value {
    if let Some(i) = n.as_i64() {
        Value::from(i)
    } else if let Some(u) = n.as_u64() {
        Value::from(u)
    } else {
        Value::from(n.as_f64().unwrap_or(0.0))
    }
}

/// A policy result back as JSON. Sets become arrays, as in OPA's own JSON output.
pub fn to_json(value: &Value) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or(serde_json::Value::Null)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn round_trips_a_kubernetes_object() {
        let doc = json!({"kind": "Pod", "spec": {"containers": [{"name": "a", "ports": [{"containerPort": 80}]}]},
                         "weight": 1.5, "none": null, "ok": true});
        let value = to_rego(&doc, &Limits::default()).unwrap();
        assert_eq!(to_json(&value), doc);
    }

    #[test]
    fn refuses_deep_nesting() {
        let mut doc = json!("leaf");
        for _ in 0..70 {
            doc = json!([doc]);
        }
        let err = to_rego(&doc, &Limits::default()).unwrap_err();
        assert_eq!(err, EvalError::InputTooLarge("arrays nested deeper than 64 levels".into()));
    }

    #[test]
    fn refuses_too_many_values() {
        let doc = serde_json::Value::Array(vec![json!(1); 50]);
        let limits = Limits { max_input_nodes: 10, ..Limits::default() };
        assert!(matches!(to_rego(&doc, &limits), Err(EvalError::InputTooLarge(_))));
        let limits = Limits { max_input_nodes: 51, ..Limits::default() };
        assert!(to_rego(&doc, &limits).is_ok());
    }
}
