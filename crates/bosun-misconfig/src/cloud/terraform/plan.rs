//! `terraform show -json` plans: the planned values of every managed resource,
//! values known only after apply as `Unknown` (or, when the configuration says
//! they come from another resource, a `Reference` to it).

use crate::cloud::deployment::{Deployment, Lang, Resource};
use crate::cloud::value::{Attr, Value};
use bosun_core::{FileError, Span};
use bosun_syntax::yaml::{self, Node};
use std::collections::HashMap;

/// True when a JSON text is a plan (`terraform show -json plan.out`).
pub fn looks_like_plan(text: &str) -> bool {
    let start = text.trim_start();
    start.starts_with('{') && text.contains("\"planned_values\"") && text.contains("\"format_version\"")
}

/// Reads a plan's resources.
pub fn load_plan(display_path: &str, text: &str) -> Result<Deployment, FileError> {
    let limits = yaml::Limits { max_depth: 256, max_nodes: 10_000_000, max_documents: 1 };
    let stream = yaml::parse_stream_with(text, limits);
    if let Some(error) = stream.error {
        return Err(FileError {
            path: display_path.to_string(),
            line: Some(error.line),
            message: format!("invalid plan JSON: {}", error.message),
        });
    }
    let mut deployment = Deployment::new(vec![display_path.to_string()]);
    let Some(root) = stream.documents.first().map(|d| &d.root) else { return Ok(deployment) };
    if !root.is_map() {
        return Err(FileError {
            path: display_path.to_string(),
            line: Some(root.span.start_line),
            message: "invalid plan JSON: the top level must be an object".into(),
        });
    }
    let mut expressions = HashMap::new();
    if let Some(module) = root.path(&["configuration", "root_module"]) {
        collect_expressions(module, "", &mut expressions, 0);
    }
    let mut after_unknown = HashMap::new();
    if let Some(changes) = root.get("resource_changes") {
        for change in changes.as_seq() {
            let (Some(address), Some(unknown)) =
                (change.get("address").and_then(Node::as_str), change.path(&["change", "after_unknown"]))
            else {
                continue;
            };
            after_unknown.insert(address.to_string(), unknown);
        }
    }
    if let Some(module) = root.path(&["planned_values", "root_module"]) {
        let plan = Plan { expressions, after_unknown };
        plan.module(module, &mut deployment.resources, 0);
    }
    Ok(deployment)
}

struct Plan<'a> {
    /// Configuration expressions by resource address without instance keys.
    expressions: HashMap<String, &'a Node>,
    after_unknown: HashMap<String, &'a Node>,
}

const MAX_MODULE_DEPTH: usize = 64;

fn collect_expressions<'a>(
    module: &'a Node,
    prefix: &str,
    out: &mut HashMap<String, &'a Node>,
    depth: usize,
) {
    if depth > MAX_MODULE_DEPTH {
        return;
    }
    if let Some(resources) = module.get("resources") {
        for resource in resources.as_seq() {
            let (Some(address), Some(expressions)) =
                (resource.get("address").and_then(Node::as_str), resource.get("expressions"))
            else {
                continue;
            };
            let address = if address.starts_with("module.") {
                address.to_string()
            } else {
                format!("{prefix}{address}")
            };
            out.insert(address, expressions);
        }
    }
    if let Some(calls) = module.get("module_calls") {
        for (name, call) in calls.string_entries() {
            if let Some(inner) = call.get("module") {
                collect_expressions(inner, &format!("{prefix}module.{name}."), out, depth + 1);
            }
        }
    }
}

impl Plan<'_> {
    fn module(&self, module: &Node, out: &mut Vec<Resource>, depth: usize) {
        if depth > MAX_MODULE_DEPTH {
            return;
        }
        let module_address = module.get("address").and_then(Node::as_str).unwrap_or("");
        let prefix = if module_address.is_empty() { String::new() } else { format!("{module_address}.") };
        if let Some(resources) = module.get("resources") {
            for resource in resources.as_seq() {
                if resource.get("mode").and_then(Node::as_str).is_some_and(|m| m != "managed") {
                    continue;
                }
                let (Some(address), Some(kind)) = (
                    resource.get("address").and_then(Node::as_str),
                    resource.get("type").and_then(Node::as_str),
                ) else {
                    continue;
                };
                let mut body = match resource.get("values") {
                    Some(values) if values.is_map() => convert(values),
                    _ => Attr::new(Value::Object(Vec::new()), resource.span, 0),
                };
                let config_address = strip_keys(address);
                if let Some(unknown) = self.after_unknown.get(address) {
                    let expressions = self.expressions.get(&config_address).copied();
                    mark_unknown(&mut body, unknown, expressions, &prefix, resource.span, 0);
                }
                out.push(Resource {
                    lang: Lang::TerraformPlan,
                    kind: kind.to_string(),
                    address: address.to_string(),
                    span: resource.span,
                    file: 0,
                    body,
                });
            }
        }
        if let Some(children) = module.get("child_modules") {
            for child in children.as_seq() {
                self.module(child, out, depth + 1);
            }
        }
    }
}

/// A plan value; nulls inside objects are left out, as an unset attribute is in HCL.
fn convert(node: &Node) -> Attr {
    let value = match &node.value {
        yaml::Value::Null => Value::Null,
        yaml::Value::Bool(b) => Value::Bool(*b),
        yaml::Value::Int(i) => Value::Number(*i as f64),
        yaml::Value::Float(f) => Value::Number(*f),
        yaml::Value::String(s) => Value::String(s.clone()),
        yaml::Value::Seq(items) => Value::List(items.iter().map(convert).collect()),
        yaml::Value::Map(entries) => Value::Object(
            entries
                .iter()
                .filter(|(_, v)| !v.is_null())
                .filter_map(|(k, v)| Some((k.scalar_text()?, convert(v))))
                .collect(),
        ),
    };
    Attr::new(value, node.span, 0)
}

/// Marks the values `after_unknown` says are known only after apply.
fn mark_unknown(
    body: &mut Attr,
    unknown: &Node,
    expressions: Option<&Node>,
    prefix: &str,
    span: Span,
    depth: usize,
) {
    if depth > 64 {
        return;
    }
    match (&mut body.value, &unknown.value) {
        (Value::Object(entries), yaml::Value::Map(marks)) => {
            for (key, mark) in marks {
                let Some(key) = key.scalar_text() else { continue };
                let expression = expressions.and_then(|e| block(e).get(&key));
                if mark.as_bool() == Some(true) {
                    let value = expression
                        .and_then(|e| reference(e, prefix))
                        .map_or(Value::Unknown, Value::Reference);
                    let at = entries.iter().find(|(k, _)| *k == key).map_or(span, |(_, v)| v.span);
                    let attr = Attr::new(value, at, 0);
                    match entries.iter_mut().find(|(k, _)| *k == key) {
                        Some(entry) => entry.1 = attr,
                        None => entries.push((key, attr)),
                    }
                } else if let Some((_, inner)) = entries.iter_mut().find(|(k, _)| *k == key) {
                    mark_unknown(inner, mark, expression, prefix, span, depth + 1);
                }
            }
        }
        (Value::List(items), yaml::Value::Seq(marks)) => {
            for (i, (item, mark)) in items.iter_mut().zip(marks).enumerate() {
                if mark.as_bool() == Some(true) {
                    item.value = Value::Unknown;
                    continue;
                }
                let expression = expressions.and_then(|e| match &e.value {
                    yaml::Value::Seq(blocks) => blocks.get(i).or(blocks.first()),
                    _ => Some(e),
                });
                mark_unknown(item, mark, expression, prefix, span, depth + 1);
            }
        }
        _ => {}
    }
}

/// A nested block's expressions are a list of one object.
fn block(node: &Node) -> &Node {
    match &node.value {
        yaml::Value::Seq(items) => items.first().unwrap_or(node),
        _ => node,
    }
}

/// The resource an expression's `references` name: `["aws_kms_key.k.arn", "aws_kms_key.k"]`.
fn reference(expression: &Node, prefix: &str) -> Option<String> {
    let references = expression.get("references")?.as_seq();
    let mut candidates: Vec<String> =
        references.iter().filter_map(Node::as_str).filter_map(resource_address).collect();
    candidates.sort_by_key(|c| std::cmp::Reverse(c.len()));
    // The most specific (an instance key) first; every candidate names the same resource.
    let first = candidates.first()?;
    if candidates.iter().any(|c| strip_keys(c) != strip_keys(first)) {
        return None; // refers to several resources: not one value
    }
    Some(format!("{prefix}{first}"))
}

/// `aws_kms_key.k[0].arn` → `aws_kms_key.k[0]`; not a resource → `None`.
fn resource_address(reference: &str) -> Option<String> {
    let mut parts = split_address(reference);
    let kind = parts.first()?.clone();
    if matches!(
        kind.as_str(),
        "var" | "local" | "data" | "module" | "each" | "count" | "path" | "terraform" | "self"
    ) || !kind.contains('_')
    {
        return None;
    }
    parts.truncate(2);
    (parts.len() == 2).then(|| parts.join("."))
}

/// Splits an address on dots outside brackets and quotes.
fn split_address(address: &str) -> Vec<String> {
    let mut parts = vec![String::new()];
    let (mut depth, mut quoted) = (0, false);
    for c in address.chars() {
        match c {
            '"' => quoted = !quoted,
            '[' if !quoted => depth += 1,
            ']' if !quoted => depth -= 1,
            '.' if !quoted && depth == 0 => {
                parts.push(String::new());
                continue;
            }
            _ => {}
        }
        parts.last_mut().expect("never empty").push(c);
    }
    parts
}

/// `module.a[0].aws_x.y["k"]` → `module.a.aws_x.y`.
fn strip_keys(address: &str) -> String {
    let mut out = String::new();
    let (mut depth, mut quoted) = (0, false);
    for c in address.chars() {
        match c {
            '"' if depth > 0 => quoted = !quoted,
            '[' if !quoted => depth += 1,
            ']' if !quoted && depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}
