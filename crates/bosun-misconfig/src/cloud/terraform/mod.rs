//! Terraform: HCL files (and their JSON spelling) read into a [`Deployment`].

use super::deployment::{Deployment, Lang, Resource};
use super::value::{Attr, Value};
use bosun_core::{FileError, Span};
use hcl_edit::expr::Expression;
use hcl_edit::structure::{BlockLabel, Body, Structure};
use hcl_edit::Span as _;

/// What loading a module gave: its resources, the files that failed, and notes
/// about what was deliberately not read (remote modules, ...).
#[derive(Debug, Default)]
pub struct Loaded {
    pub deployment: Deployment,
    pub errors: Vec<FileError>,
    pub notes: Vec<String>,
}

/// Loads one module from its files' display paths and texts.
pub fn load_files(files: &[(String, String)]) -> Loaded {
    let mut loaded = Loaded::default();
    for (index, (path, text)) in files.iter().enumerate() {
        loaded.deployment.files.push(path.clone());
        let lines = LineIndex::new(text);
        match hcl_edit::parser::parse_body(text) {
            Ok(body) => collect_resources(&body, index as u32, &lines, &mut loaded.deployment.resources),
            Err(e) => loaded.errors.push(FileError {
                path: path.clone(),
                line: Some(e.location().line() as u32),
                message: e.message().to_string(),
            }),
        }
    }
    loaded
}

fn collect_resources(body: &Body, file: u32, lines: &LineIndex, out: &mut Vec<Resource>) {
    for block in body.get_blocks("resource") {
        let [kind, name] = block.labels.as_slice() else { continue };
        let (kind, name) = (label(kind), label(name));
        out.push(Resource {
            lang: Lang::Terraform,
            address: format!("{kind}.{name}"),
            kind,
            span: lines.span(block.span()),
            file,
            body: body_value(&block.body, file, lines, lines.span(block.span())),
        });
    }
}

fn label(label: &BlockLabel) -> String {
    label.as_str().to_string()
}

fn body_value(body: &Body, file: u32, lines: &LineIndex, span: Span) -> Attr {
    let mut entries: Vec<(String, Attr)> = Vec::new();
    for structure in body.iter() {
        match structure {
            Structure::Attribute(attribute) => {
                let span = lines.span(attribute.span());
                entries.push((attribute.key.to_string(), literal(&attribute.value, file, lines, span)));
            }
            Structure::Block(block) => {
                let span = lines.span(block.span());
                let value = body_value(&block.body, file, lines, span);
                let key = block.ident.to_string();
                match entries.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, Attr { value: Value::List(items), .. })) => items.push(value),
                    _ => entries.push((key, Attr::new(Value::List(vec![value]), span, file))),
                }
            }
        }
    }
    Attr::new(Value::Object(entries), span, file)
}

/// Literal expressions only; anything that needs evaluation is unknown.
fn literal(expr: &Expression, file: u32, lines: &LineIndex, span: Span) -> Attr {
    let value = match expr {
        Expression::Null(_) => Value::Null,
        Expression::Bool(b) => Value::Bool(*b.value()),
        Expression::Number(n) => n.value().as_f64().map_or(Value::Unknown, Value::Number),
        Expression::String(s) => Value::String(s.value().to_string()),
        Expression::Array(array) => Value::List(
            array.iter().map(|item| literal(item, file, lines, lines.span_or(item.span(), span))).collect(),
        ),
        Expression::Object(object) => Value::Object(
            object
                .iter()
                .map(|(key, value)| {
                    let key = match key {
                        hcl_edit::expr::ObjectKey::Ident(ident) => ident.to_string(),
                        hcl_edit::expr::ObjectKey::Expression(Expression::String(s)) => s.value().to_string(),
                        hcl_edit::expr::ObjectKey::Expression(_) => String::new(),
                    };
                    (key, literal(value.expr(), file, lines, lines.span_or(value.expr().span(), span)))
                })
                .collect(),
        ),
        Expression::Traversal(traversal) => {
            resource_reference(traversal).map_or(Value::Unknown, Value::Reference)
        }
        _ => Value::Unknown,
    };
    Attr::new(value, span, file)
}

/// `aws_kms_key.main.arn` → a reference to `aws_kms_key.main`.
fn resource_reference(traversal: &hcl_edit::expr::Traversal) -> Option<String> {
    use hcl_edit::expr::TraversalOperator;
    let Expression::Variable(root) = &traversal.expr else { return None };
    let root = root.as_str();
    if matches!(root, "var" | "local" | "module" | "data" | "each" | "count" | "path" | "terraform" | "self")
    {
        return None;
    }
    match traversal.operators.first().map(|op| op.value()) {
        Some(TraversalOperator::GetAttr(name)) => Some(format!("{root}.{}", name.as_str())),
        _ => None,
    }
}

/// Byte offsets to 1-based lines.
pub(crate) struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub(crate) fn new(text: &str) -> Self {
        let starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
        LineIndex { starts }
    }

    pub(crate) fn line(&self, offset: usize) -> u32 {
        self.starts.partition_point(|&start| start <= offset) as u32
    }

    pub(crate) fn span_or(&self, range: Option<std::ops::Range<usize>>, fallback: Span) -> Span {
        if range.is_some() {
            self.span(range)
        } else {
            fallback
        }
    }

    pub(crate) fn span(&self, range: Option<std::ops::Range<usize>>) -> Span {
        match range {
            Some(range) => {
                Span::new(self.line(range.start), self.line(range.end.saturating_sub(1).max(range.start)))
            }
            None => Span::default(),
        }
    }
}
