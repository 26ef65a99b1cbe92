//! Resources: `count`/`for_each` expansion into instances, and each instance's
//! body (attributes, nested blocks, `dynamic` blocks) evaluated.

use super::eval::Eval;
use super::limits;
use super::modules::{Instance, Loader, Slot};
use super::parse::{Body, Expr, Item};
use super::values::{attr, is_pending, restamp, sorted_entries};
use crate::cloud::deployment::{Lang, Resource};
use crate::cloud::value::{Attr, Value};
use bosun_core::Span;
use std::rc::Rc;

/// An instance key.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Key {
    /// Neither `count` nor `for_each`.
    None,
    Index(i64),
    Name(String),
    /// `count` or `for_each` whose value is unknown: one instance stands for all.
    Unknown,
}

/// The instances of one resource block.
pub(crate) struct Expanded {
    pub counted: bool,
    pub for_each: bool,
    pub instances: Vec<(Key, Resource)>,
}

/// The instances `count`/`for_each` ask for, with the `count`/`each` values of each.
pub(crate) struct Expansion {
    pub counted: bool,
    pub for_each: bool,
    pub instances: Vec<(Key, Vec<(String, Attr)>)>,
}

fn object(entries: Vec<(&str, Attr)>) -> Attr {
    let entries = entries.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
    attr(Value::Object(entries), Span::default(), 0)
}

fn unknown() -> Attr {
    Attr::unknown(Span::default(), 0)
}

pub(crate) fn expansion(loader: &Loader, inst: &Instance, body: &Body, address: &str) -> Expansion {
    if let Some(count) = body.attr("count") {
        let value = Eval::new(loader, inst, Vec::new()).eval(&count.expr);
        let n = value.ok().and_then(|v| v.as_f64()).filter(|n| n.fract() == 0.0 && *n >= 0.0);
        let instances = match n {
            Some(n) => {
                let n = clamp(loader, n as usize, address);
                (0..n)
                    .map(|i| {
                        let index = attr(Value::Number(i as f64), count.span, count.file);
                        (Key::Index(i as i64), vec![("count".to_string(), object(vec![("index", index)]))])
                    })
                    .collect()
            }
            None => vec![(Key::Unknown, vec![("count".to_string(), object(vec![("index", unknown())]))])],
        };
        return Expansion { counted: true, for_each: false, instances };
    }
    if let Some(for_each) = body.attr("for_each") {
        let value = Eval::new(loader, inst, Vec::new()).eval(&for_each.expr).ok();
        let pairs: Option<Vec<(String, Attr)>> = value.and_then(|value| match &value.value {
            Value::Object(entries) => Some(sorted_entries(entries)),
            Value::List(items) => {
                let mut keys: Vec<String> =
                    items.iter().map(|i| i.as_str().map(str::to_string)).collect::<Option<_>>()?;
                keys.sort();
                keys.dedup();
                Some(
                    keys.into_iter()
                        .map(|k| {
                            let v = attr(Value::String(k.clone()), value.span, value.file);
                            (k, v)
                        })
                        .collect(),
                )
            }
            _ => None,
        });
        let instances = match pairs {
            Some(pairs) => {
                let n = clamp(loader, pairs.len(), address);
                pairs
                    .into_iter()
                    .take(n)
                    .map(|(k, v)| {
                        let key = attr(Value::String(k.clone()), for_each.span, for_each.file);
                        (Key::Name(k), vec![("each".to_string(), object(vec![("key", key), ("value", v)]))])
                    })
                    .collect()
            }
            None => vec![(
                Key::Unknown,
                vec![("each".to_string(), object(vec![("key", unknown()), ("value", unknown())]))],
            )],
        };
        return Expansion { counted: false, for_each: true, instances };
    }
    Expansion { counted: false, for_each: false, instances: vec![(Key::None, Vec::new())] }
}

fn clamp(loader: &Loader, n: usize, address: &str) -> usize {
    if n > limits::INSTANCES {
        loader.note(format!("{address}: {n} instances; only the first {} are scanned", limits::INSTANCES));
        limits::INSTANCES
    } else {
        n
    }
}

/// A resource's instances, evaluated once. `None` while it is being evaluated (a cycle)
/// or when no such resource is declared.
pub(crate) fn resource(loader: &Loader, inst: &Instance, kind: &str, name: &str) -> Option<Rc<Expanded>> {
    let key = format!("{kind}.{name}");
    match inst.resources.borrow().get(&key) {
        Some(Slot::Done(expanded)) => return Some(expanded.clone()),
        Some(Slot::Busy) => return None,
        None => {}
    }
    let block = inst.config.resource(kind, name)?;
    inst.resources.borrow_mut().insert(key.clone(), Slot::Busy);
    let address = format!("{}{key}", inst.prefix);
    let expansion = expansion(loader, inst, &block.body, &address);
    let mut expanded =
        Expanded { counted: expansion.counted, for_each: expansion.for_each, instances: Vec::new() };
    for (instance_key, bindings) in expansion.instances {
        let total = loader.resource_count.get() + 1;
        if total > limits::RESOURCES {
            loader.note(format!(
                "more than {} resource instances; {address} and later ones not scanned",
                limits::RESOURCES
            ));
            break;
        }
        loader.resource_count.set(total);
        let mut eval = Eval::new(loader, inst, bindings);
        let body = eval_body(&mut eval, &block.body, block.span, block.file, true);
        expanded.instances.push((
            instance_key.clone(),
            Resource {
                lang: Lang::Terraform,
                kind: kind.to_string(),
                address: format!("{address}{}", instance_key.suffix()),
                span: block.span,
                file: block.file,
                body,
            },
        ));
    }
    let expanded = Rc::new(expanded);
    inst.resources.borrow_mut().insert(key, Slot::Done(expanded.clone()));
    Some(expanded)
}

/// Meta-arguments that are not part of a resource's own settings.
const META_ATTRS: &[&str] = &["count", "for_each", "depends_on", "provider"];
const META_BLOCKS: &[&str] = &["lifecycle", "provisioner", "connection"];

/// A block body as an object: attributes evaluated, nested blocks as lists of objects.
pub(crate) fn eval_body(eval: &mut Eval, body: &Body, span: Span, file: u32, top: bool) -> Attr {
    let mut entries: Vec<(String, Attr)> = Vec::new();
    for item in &body.items {
        match item {
            Item::Attr(decl) => {
                if top && META_ATTRS.contains(&decl.name.as_str()) {
                    continue;
                }
                let value = eval.eval(&decl.expr).unwrap_or_else(|_| Attr::unknown(decl.span, decl.file));
                entries.push((decl.name.clone(), restamp(value, decl.span, decl.file)));
            }
            Item::Block(block) if block.ident == "dynamic" => {
                let Some(label) = block.labels.first() else { continue };
                for content in dynamic(eval, block) {
                    push_block(&mut entries, label, content);
                }
            }
            Item::Block(block) => {
                if top && META_BLOCKS.contains(&block.ident.as_str()) {
                    continue;
                }
                if !eval.loader.step(1) {
                    break;
                }
                let value = eval_body(eval, &block.body, block.span, block.file, false);
                push_block(&mut entries, &block.ident, value);
            }
        }
    }
    attr(Value::Object(entries), span, file)
}

fn push_block(entries: &mut Vec<(String, Attr)>, key: &str, value: Attr) {
    match entries.iter_mut().find(|(k, _)| k == key) {
        Some((_, Attr { value: Value::List(items), .. })) => items.push(value),
        _ => {
            let (span, file) = (value.span, value.file);
            entries.push((key.to_string(), attr(Value::List(vec![value]), span, file)));
        }
    }
}

/// The blocks a `dynamic "name" { for_each, iterator, content {} }` block makes.
fn dynamic(eval: &mut Eval, block: &super::parse::Block) -> Vec<Attr> {
    let label = &block.labels[0];
    let Some(content) = block.body.blocks("content").next() else { return Vec::new() };
    let iterator = match block.body.attr("iterator").map(|a| &a.expr) {
        Some(Expr::Hcl { expr: hcl_edit::expr::Expression::Variable(v), .. }) => v.as_str().to_string(),
        Some(expr) => expr.literal_str().map(str::to_string).unwrap_or_else(|| label.clone()),
        None => label.clone(),
    };
    let items: Vec<(Attr, Attr)> = match block.body.attr("for_each").map(|a| eval.eval(&a.expr)) {
        Some(Ok(value)) if !is_pending(&value) => match &value.value {
            Value::List(items) => items
                .iter()
                .enumerate()
                .map(|(i, v)| (attr(Value::Number(i as f64), v.span, v.file), v.clone()))
                .collect(),
            Value::Object(entries) => sorted_entries(entries)
                .into_iter()
                .map(|(k, v)| (attr(Value::String(k), v.span, v.file), v))
                .collect(),
            Value::Null => Vec::new(),
            _ => vec![(unknown(), unknown())],
        },
        _ => vec![(unknown(), unknown())],
    };
    let mut out = Vec::new();
    for (key, value) in items {
        if out.len() >= limits::INSTANCES || !eval.loader.step(1) {
            break;
        }
        eval.bindings.push((iterator.clone(), object(vec![("key", key), ("value", value)])));
        out.push(eval_body(eval, &content.body, content.span, content.file, false));
        eval.bindings.pop();
    }
    out
}
