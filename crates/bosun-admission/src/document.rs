//! The object under review as the rules see it. bosun's rules read span-keeping
//! YAML nodes and report line spans; an admission object has no lines. So the
//! object is converted straight from JSON into nodes (no text, no reparse), and
//! each node gets a "line" that is really its index in a table of field paths.
//! A finding's line then names the field it is about,
//! e.g. `spec.template.spec.containers[0].securityContext.privileged`.

use bosun_syntax::yaml::{Node, Value as NodeValue};
use bosun_syntax::Span;
use serde_json::Value;

/// One step from a parent node.
enum Step {
    Root,
    Key(String),
    Index(usize),
}

/// The field path of every node, by "line" (1-based, as spans are).
pub struct FieldTable {
    /// `(parent line, step)`; line N is entry N-1.
    entries: Vec<(u32, Step)>,
}

impl FieldTable {
    /// The path of the node at `line`, dotted with `[i]` indices; empty for the root.
    pub fn path(&self, line: u32) -> String {
        let mut steps = Vec::new();
        let mut current = line;
        while let Some((parent, step)) = current.checked_sub(1).and_then(|i| self.entries.get(i as usize)) {
            steps.push(step);
            current = *parent;
        }
        let mut out = String::new();
        for step in steps.iter().rev() {
            match step {
                Step::Root => {}
                Step::Key(key) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(key);
                }
                Step::Index(i) => out.push_str(&format!("[{i}]")),
            }
        }
        out
    }
}

/// Converts a JSON object into a node tree and its field table.
pub fn to_node(value: &Value) -> (Node, FieldTable) {
    let mut table = FieldTable { entries: Vec::with_capacity(256) };
    let root = convert(value, 0, Step::Root, &mut table);
    (root, table)
}

fn convert(value: &Value, parent: u32, step: Step, table: &mut FieldTable) -> Node {
    table.entries.push((parent, step));
    let line = table.entries.len() as u32;
    let span = Span::line(line);
    let value = match value {
        Value::Null => NodeValue::Null,
        Value::Bool(b) => NodeValue::Bool(*b),
        Value::Number(n) => match n.as_i64() {
            Some(i) => NodeValue::Int(i),
            None => NodeValue::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        Value::String(s) => NodeValue::String(s.clone()),
        Value::Array(items) => NodeValue::Seq(
            items.iter().enumerate().map(|(i, item)| convert(item, line, Step::Index(i), table)).collect(),
        ),
        // A key node stands for the mapping that holds it: rules point at a key
        // (a container's `name`, the object's `kind`) to mean "this container",
        // "this object", so that is the field a finding names.
        Value::Object(map) => NodeValue::Map(
            map.iter()
                .map(|(key, item)| {
                    let key_node = Node { value: NodeValue::String(key.clone()), span };
                    (key_node, convert(item, line, Step::Key(key.clone()), table))
                })
                .collect(),
        ),
    };
    Node { value, span }
}

/// Writes the request's namespace into `metadata.namespace` when the object
/// leaves it out (as a CREATE may: the API server takes it from the URL), so
/// that rules judging the namespace see the one the object lands in. The
/// added nodes take the line of `metadata`, so findings on them name it.
pub fn default_namespace(root: &mut Node, namespace: &str) {
    if namespace.is_empty() {
        return;
    }
    let NodeValue::Map(entries) = &mut root.value else { return };
    let Some((_, metadata)) = entries.iter_mut().find(|(k, _)| k.as_str() == Some("metadata")) else {
        return;
    };
    let span = metadata.span;
    let NodeValue::Map(fields) = &mut metadata.value else { return };
    let present = fields.iter().any(|(k, v)| k.as_str() == Some("namespace") && !v.is_null());
    if !present {
        fields.retain(|(k, _)| k.as_str() != Some("namespace"));
        let node = |text: &str| Node { value: NodeValue::String(text.to_string()), span };
        fields.push((node("namespace"), node(namespace)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_node_knows_its_field_path() {
        let (root, table) = to_node(&json!({"spec": {"containers": [{"name": "a", "image": "x"}]}}));
        let image = root.path(&["spec", "containers"]).unwrap().as_seq()[0].get("image").unwrap();
        assert_eq!(table.path(image.span.start_line), "spec.containers[0].image");
        let container = &root.path(&["spec", "containers"]).unwrap().as_seq()[0];
        assert_eq!(table.path(container.key_node("name").unwrap().span.start_line), "spec.containers[0]");
        assert_eq!(table.path(root.span.start_line), "");
        assert_eq!(table.path(0), "");
        assert_eq!(table.path(9999), "");
    }
}
