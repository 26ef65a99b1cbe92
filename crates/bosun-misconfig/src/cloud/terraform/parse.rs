//! Terraform files (native HCL and the JSON spelling) read into one small
//! configuration tree: blocks, and attributes holding unevaluated expressions.

use bosun_core::{FileError, Span};
use bosun_syntax::yaml::{self, Node};
use hcl_edit::expr::Expression;
use hcl_edit::structure::Structure;
use hcl_edit::template::Template;
use hcl_edit::Span as _;
use std::rc::Rc;

/// An attribute's expression, not yet evaluated.
#[derive(Debug)]
pub(crate) enum Expr {
    Hcl { expr: Expression, file: u32, lines: Rc<LineIndex> },
    Json(Json),
}

impl Expr {
    /// The text of a literal string expression (module `source`, `version`).
    pub(crate) fn literal_str(&self) -> Option<&str> {
        match self {
            Expr::Hcl { expr: Expression::String(s), .. } => Some(s.value()),
            Expr::Hcl { expr: Expression::StringTemplate(t), .. } => {
                match t.iter().collect::<Vec<_>>().as_slice() {
                    [hcl_edit::template::Element::Literal(l)] => Some(l.value()),
                    [] => Some(""),
                    _ => None,
                }
            }
            Expr::Json(Json { kind: JsonKind::Text(s), .. }) => Some(s),
            _ => None,
        }
    }
}

/// A value of Terraform's JSON syntax: strings are templates where the
/// configuration takes expressions.
#[derive(Debug)]
pub(crate) struct Json {
    pub span: Span,
    pub file: u32,
    pub kind: JsonKind,
}

#[derive(Debug)]
pub(crate) enum JsonKind {
    Null,
    Bool(bool),
    Number(f64),
    Text(String),
    Template(Template),
    List(Vec<Json>),
    Object(Vec<(String, Json)>),
}

#[derive(Debug, Default)]
pub(crate) struct Body {
    pub items: Vec<Item>,
}

#[derive(Debug)]
pub(crate) enum Item {
    Attr(AttrDecl),
    Block(Block),
}

#[derive(Debug)]
pub(crate) struct AttrDecl {
    pub name: String,
    pub expr: Expr,
    pub span: Span,
    pub file: u32,
}

#[derive(Debug)]
pub(crate) struct Block {
    pub ident: String,
    pub labels: Vec<String>,
    pub body: Body,
    pub span: Span,
    pub file: u32,
}

impl Body {
    pub(crate) fn attr(&self, name: &str) -> Option<&AttrDecl> {
        self.items.iter().find_map(|item| match item {
            Item::Attr(attr) if attr.name == name => Some(attr),
            _ => None,
        })
    }

    pub(crate) fn blocks<'a>(&'a self, ident: &'a str) -> impl Iterator<Item = &'a Block> + 'a {
        self.items.iter().filter_map(move |item| match item {
            Item::Block(block) if block.ident == ident => Some(block),
            _ => None,
        })
    }
}

/// Reads a native-syntax file.
pub(crate) fn parse_hcl(path: &str, text: &str, file: u32) -> Result<Body, FileError> {
    let lines = Rc::new(LineIndex::new(text));
    match hcl_edit::parser::parse_body(text) {
        Ok(body) => Ok(convert_body(body, file, &lines)),
        Err(e) => Err(FileError {
            path: path.to_string(),
            line: Some(e.location().line() as u32),
            message: format!("invalid HCL: {}", first_line(e.message())),
        }),
    }
}

fn first_line(message: &str) -> String {
    message.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("; ")
}

fn convert_body(body: hcl_edit::structure::Body, file: u32, lines: &Rc<LineIndex>) -> Body {
    let mut items = Vec::new();
    for structure in body {
        match structure {
            Structure::Attribute(attribute) => {
                let span = lines.span(attribute.span());
                items.push(Item::Attr(AttrDecl {
                    name: attribute.key.to_string(),
                    expr: Expr::Hcl { expr: attribute.value, file, lines: lines.clone() },
                    span,
                    file,
                }));
            }
            Structure::Block(block) => {
                let span = lines.span(block.span());
                items.push(Item::Block(Block {
                    ident: block.ident.to_string(),
                    labels: block.labels.iter().map(|l| l.as_str().to_string()).collect(),
                    body: convert_body(block.body, file, lines),
                    span,
                    file,
                }));
            }
        }
    }
    Body { items }
}

/// Reads a parsed expression from its own text (variable values given on the command line).
pub(crate) fn parse_expression(text: &str, file: u32) -> Option<Expr> {
    let lines = Rc::new(LineIndex::new(text));
    hcl_edit::parser::parse_expr(text).ok().map(|expr| Expr::Hcl { expr, file, lines })
}

/// Reads a `.tf.json` file into the same tree as native syntax.
pub(crate) fn parse_tf_json(path: &str, text: &str, file: u32) -> Result<Body, FileError> {
    let root = parse_json_root(path, text)?;
    let mut body = Body::default();
    let Some(root) = root else { return Ok(body) };
    for (key, value) in entries(&root) {
        match key.as_str() {
            "resource" | "data" => {
                for (kind, names) in entries(value) {
                    for (name, decl) in entries(names) {
                        for decl in objects(decl) {
                            body.items.push(Item::Block(Block {
                                ident: key.clone(),
                                labels: vec![kind.clone(), name.clone()],
                                body: json_block_body(decl, file, true),
                                span: decl.span,
                                file,
                            }));
                        }
                    }
                }
            }
            "module" | "variable" | "output" => {
                for (name, decl) in entries(value) {
                    for decl in objects(decl) {
                        body.items.push(Item::Block(Block {
                            ident: key.clone(),
                            labels: vec![name.clone()],
                            body: json_block_body(decl, file, key != "variable"),
                            span: decl.span,
                            file,
                        }));
                    }
                }
            }
            "locals" => {
                for decl in objects(value) {
                    body.items.push(Item::Block(Block {
                        ident: "locals".into(),
                        labels: Vec::new(),
                        body: json_block_body(decl, file, true),
                        span: decl.span,
                        file,
                    }));
                }
            }
            _ => {}
        }
    }
    Ok(body)
}

/// Reads a `.tfvars.json` file: its top-level object as attributes holding literal values.
pub(crate) fn parse_tfvars_json(path: &str, text: &str, file: u32) -> Result<Body, FileError> {
    let root = parse_json_root(path, text)?;
    let mut body = Body::default();
    if let Some(root) = root {
        for (name, value) in entries(&root) {
            body.items.push(Item::Attr(AttrDecl {
                name,
                expr: Expr::Json(json_value(value, file, false)),
                span: value.span,
                file,
            }));
        }
    }
    Ok(body)
}

fn parse_json_root(path: &str, text: &str) -> Result<Option<Node>, FileError> {
    let limits = yaml::Limits { max_depth: 128, max_nodes: 5_000_000, max_documents: 1 };
    let stream = yaml::parse_stream_with(text, limits);
    if let Some(error) = stream.error {
        return Err(FileError {
            path: path.to_string(),
            line: Some(error.line),
            message: format!("invalid JSON: {}", error.message),
        });
    }
    let root = stream.documents.into_iter().next().map(|d| d.root);
    match &root {
        Some(node) if !node.is_map() && !node.is_null() => Err(FileError {
            path: path.to_string(),
            line: Some(node.span.start_line),
            message: "invalid Terraform JSON: the top level must be an object".into(),
        }),
        _ => Ok(root),
    }
}

fn entries(node: &Node) -> Vec<(String, &Node)> {
    node.string_entries().filter(|(key, _)| key != "//").collect()
}

/// A block given as one object or as a list of objects.
fn objects(node: &Node) -> Vec<&Node> {
    match &node.value {
        yaml::Value::Seq(items) => items.iter().filter(|i| i.is_map()).collect(),
        yaml::Value::Map(_) => vec![node],
        _ => Vec::new(),
    }
}

fn json_block_body(node: &Node, file: u32, templates: bool) -> Body {
    let mut body = Body::default();
    for (key, value) in entries(node) {
        if key == "dynamic" && templates {
            for (label, decl) in entries(value) {
                for decl in objects(decl) {
                    let mut inner = Body::default();
                    for (k, v) in entries(decl) {
                        if k == "content" {
                            for content in objects(v) {
                                inner.items.push(Item::Block(Block {
                                    ident: "content".into(),
                                    labels: Vec::new(),
                                    body: json_block_body(content, file, true),
                                    span: content.span,
                                    file,
                                }));
                            }
                        } else {
                            inner.items.push(json_attr(k, v, file, true));
                        }
                    }
                    body.items.push(Item::Block(Block {
                        ident: "dynamic".into(),
                        labels: vec![label.clone()],
                        body: inner,
                        span: decl.span,
                        file,
                    }));
                }
            }
            continue;
        }
        // A variable's default is a literal value; its type is an expression.
        let literal = !templates && key != "type";
        let mut attr = json_attr(key, value, file, !literal);
        if let Item::Attr(AttrDecl { name, expr, .. }) = &mut attr {
            if name == "type" {
                if let Expr::Json(Json { kind: JsonKind::Text(text), .. }) = expr {
                    if let Some(parsed) = parse_expression(text, file) {
                        *expr = parsed;
                    }
                }
            }
        }
        body.items.push(attr);
    }
    body
}

fn json_attr(name: String, value: &Node, file: u32, templates: bool) -> Item {
    Item::Attr(AttrDecl {
        name,
        expr: Expr::Json(json_value(value, file, templates)),
        span: value.span,
        file,
    })
}

fn json_value(node: &Node, file: u32, templates: bool) -> Json {
    let kind = match &node.value {
        yaml::Value::Null => JsonKind::Null,
        yaml::Value::Bool(b) => JsonKind::Bool(*b),
        yaml::Value::Int(i) => JsonKind::Number(*i as f64),
        yaml::Value::Float(f) => JsonKind::Number(*f),
        yaml::Value::String(s) => {
            if templates && (s.contains("${") || s.contains("%{")) {
                match hcl_edit::parser::parse_template(s) {
                    Ok(template) => JsonKind::Template(template),
                    Err(_) => JsonKind::Text(s.clone()),
                }
            } else {
                JsonKind::Text(s.clone())
            }
        }
        yaml::Value::Seq(items) => {
            JsonKind::List(items.iter().map(|i| json_value(i, file, templates)).collect())
        }
        yaml::Value::Map(pairs) => JsonKind::Object(
            pairs
                .iter()
                .filter_map(|(k, v)| Some((k.scalar_text()?, json_value(v, file, templates))))
                .collect(),
        ),
    };
    Json { span: node.span, file, kind }
}

/// Byte offsets to 1-based lines.
#[derive(Debug)]
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

    pub(crate) fn span(&self, range: Option<std::ops::Range<usize>>) -> Span {
        match range {
            Some(range) => {
                Span::new(self.line(range.start), self.line(range.end.saturating_sub(1).max(range.start)))
            }
            None => Span::default(),
        }
    }
}
