//! Expression evaluation: HCL expressions (and Terraform JSON's templates) to
//! [`Value`]s, with `Unknown` for whatever cannot be known before apply and
//! `Reference` for the id/ARN/name of another resource.

use super::functions;
use super::limits;
use super::modules::{Instance, Loader};
use super::parse::{Expr, Json, JsonKind, LineIndex};
use super::resources::{self, Key};
use super::values::{attr, boolean, known, number, same, size, sorted_entries, text, Fail, R};
use crate::cloud::deployment::Resource;
use crate::cloud::value::{Attr, Value};
use bosun_core::Span;
use hcl_edit::expr::{BinaryOperator, Expression, ForExpr, Traversal, TraversalOperator, UnaryOperator};
use hcl_edit::template::{Directive, Element, Template};
use hcl_edit::Span as _;

/// Where the expression being evaluated came from, for the spans of its values.
#[derive(Clone, Copy)]
pub(crate) enum Origin<'x> {
    Lines(u32, &'x LineIndex),
    Fixed(u32, Span),
}

impl Origin<'_> {
    pub(crate) fn span(&self, range: Option<std::ops::Range<usize>>) -> Span {
        match self {
            Origin::Lines(_, lines) => lines.span(range),
            Origin::Fixed(_, span) => *span,
        }
    }

    pub(crate) fn file(&self) -> u32 {
        match self {
            Origin::Lines(file, _) | Origin::Fixed(file, _) => *file,
        }
    }
}

/// An evaluation in one module instance, with the names bound around it
/// (`count`, `each`, `for` variables, `dynamic` iterators).
pub(crate) struct Eval<'a, 'f> {
    pub loader: &'a Loader<'f>,
    pub inst: Option<&'a Instance>,
    pub bindings: Vec<(String, Attr)>,
    /// Inside a `templatefile` template: only its own variables are in scope.
    pub template_file: bool,
}

type Ops<'e> = [&'e TraversalOperator];

impl<'a, 'f> Eval<'a, 'f> {
    pub(crate) fn new(loader: &'a Loader<'f>, inst: &'a Instance, bindings: Vec<(String, Attr)>) -> Self {
        Eval { loader, inst: Some(inst), bindings, template_file: false }
    }

    /// No module scope: variable defaults and tfvars (literals and functions only).
    pub(crate) fn detached(loader: &'a Loader<'f>) -> Self {
        Eval { loader, inst: None, bindings: Vec::new(), template_file: false }
    }

    pub(crate) fn eval(&mut self, expr: &Expr) -> R {
        match expr {
            Expr::Hcl { expr, file, lines } => self.expr(expr, Origin::Lines(*file, lines)),
            Expr::Json(json) => self.json(json),
        }
    }

    fn json(&mut self, json: &Json) -> R {
        let value = match &json.kind {
            JsonKind::Null => Value::Null,
            JsonKind::Bool(b) => Value::Bool(*b),
            JsonKind::Number(n) => Value::Number(*n),
            JsonKind::Text(s) => Value::String(s.clone()),
            JsonKind::Template(t) => return self.template(t, Origin::Fixed(json.file, json.span)),
            JsonKind::List(items) => {
                Value::List(items.iter().map(|i| self.json(i)).collect::<Result<_, _>>()?)
            }
            JsonKind::Object(entries) => Value::Object(
                entries.iter().map(|(k, v)| Ok((k.clone(), self.json(v)?))).collect::<Result<_, _>>()?,
            ),
        };
        Ok(attr(value, json.span, json.file))
    }

    pub(crate) fn unknown(&self, o: Origin, range: Option<std::ops::Range<usize>>) -> Attr {
        Attr::unknown(o.span(range), o.file())
    }

    /// One expression, within the depth and step limits (past them: unknown).
    pub(crate) fn expr(&mut self, e: &Expression, o: Origin) -> R {
        let depth = self.loader.depth.get();
        if depth >= limits::EVAL_DEPTH {
            self.loader.note(format!(
                "expressions nested deeper than {} levels; their values are unknown",
                limits::EVAL_DEPTH
            ));
            return Ok(self.unknown(o, e.span()));
        }
        if !self.loader.step(1) {
            return Ok(self.unknown(o, e.span()));
        }
        self.loader.depth.set(depth + 1);
        let result = self.expr_inner(e, o);
        self.loader.depth.set(depth);
        result
    }

    fn expr_inner(&mut self, e: &Expression, o: Origin) -> R {
        let span = o.span(e.span());
        let file = o.file();
        let value = match e {
            Expression::Null(_) => Value::Null,
            Expression::Bool(b) => Value::Bool(*b.value()),
            Expression::Number(n) => n.value().as_f64().map_or(Value::Unknown, Value::Number),
            Expression::String(s) => Value::String(s.value().to_string()),
            Expression::Array(array) => {
                Value::List(array.iter().map(|item| self.expr(item, o)).collect::<Result<_, _>>()?)
            }
            Expression::Object(object) => {
                let mut entries: Vec<(String, Attr)> = Vec::new();
                for (key, value) in object.iter() {
                    let key = match key {
                        hcl_edit::expr::ObjectKey::Ident(ident) => ident.to_string(),
                        hcl_edit::expr::ObjectKey::Expression(expr) => {
                            // A bare name as a key is the name itself, in parentheses an expression.
                            if let Expression::Variable(v) = expr {
                                v.as_str().to_string()
                            } else {
                                match text(&self.expr(expr, o)?)? {
                                    Some(key) => key,
                                    None => return Ok(attr(Value::Unknown, span, file)),
                                }
                            }
                        }
                    };
                    let value = self.expr(value.expr(), o)?;
                    match entries.iter_mut().find(|(k, _)| *k == key) {
                        Some(entry) => entry.1 = value,
                        None => entries.push((key, value)),
                    }
                }
                Value::Object(entries)
            }
            Expression::StringTemplate(t) => return self.template(t, o),
            Expression::HeredocTemplate(h) => return self.template(&h.template, o),
            Expression::Parenthesis(p) => return self.expr(p.inner(), o),
            Expression::Variable(v) => {
                return match self.binding(v.as_str()) {
                    Some(value) => Ok(value),
                    None => Err(Fail),
                }
            }
            Expression::Conditional(c) => {
                let cond = self.expr(&c.cond_expr, o)?;
                return match boolean(&cond)? {
                    Some(true) => self.expr(&c.true_expr, o),
                    Some(false) => self.expr(&c.false_expr, o),
                    None => {
                        let a = self.expr(&c.true_expr, o);
                        let b = self.expr(&c.false_expr, o);
                        match (a, b) {
                            (Ok(a), Ok(b)) if known(&a) && same(&a.value, &b.value) => Ok(a),
                            _ => Ok(attr(Value::Unknown, span, file)),
                        }
                    }
                };
            }
            Expression::FuncCall(call) => return functions::call(self, call, o),
            Expression::Traversal(t) => return self.traversal(t, o),
            Expression::UnaryOp(op) => {
                let value = self.expr(&op.expr, o)?;
                match op.operator.value() {
                    UnaryOperator::Neg => match number(&value)? {
                        Some(n) => Value::Number(-n),
                        None => Value::Unknown,
                    },
                    UnaryOperator::Not => match boolean(&value)? {
                        Some(b) => Value::Bool(!b),
                        None => Value::Unknown,
                    },
                }
            }
            Expression::BinaryOp(op) => {
                let lhs = self.expr(&op.lhs_expr, o)?;
                let rhs = self.expr(&op.rhs_expr, o)?;
                binary(*op.operator.value(), &lhs, &rhs)?
            }
            Expression::ForExpr(f) => return self.for_expr(f, o),
        };
        Ok(attr(value, span, file))
    }

    fn binding(&self, name: &str) -> Option<Attr> {
        let value = self.bindings.iter().rev().find(|(n, _)| n == name).map(|(_, v)| v)?;
        Some(self.charged(value))
    }

    /// A copy of a named value, paid for by its size (so copying big values in a
    /// loop ends at the step limit, not in memory exhaustion).
    fn charged(&self, value: &Attr) -> Attr {
        if self.loader.step(size(value, 1 << 20) as u64) {
            value.clone()
        } else {
            Attr::unknown(value.span, value.file)
        }
    }

    fn traversal(&mut self, t: &Traversal, o: Origin) -> R {
        let ops: Vec<&TraversalOperator> = t.operators.iter().map(|op| op.value()).collect();
        let span = o.span(t.span());
        if let Expression::Variable(root) = &t.expr {
            let name = root.as_str();
            if let Some(value) = self.binding(name) {
                return self.apply(value, &ops, o);
            }
            if let Some(result) = self.named(name, &ops, span, o) {
                return result;
            }
            return Err(Fail);
        }
        let base = self.expr(&t.expr, o)?;
        self.apply(base, &ops, o)
    }

    /// `var.x`, `local.x`, `module.m.out`, `aws_x.name.attr`, `path.module`, ...
    fn named(&mut self, name: &str, ops: &Ops, span: Span, o: Origin) -> Option<R> {
        let file = o.file();
        let unknown = Ok(attr(Value::Unknown, span, file));
        if self.template_file {
            return None;
        }
        let first = match ops.first() {
            Some(TraversalOperator::GetAttr(ident)) => Some(ident.as_str()),
            _ => None,
        };
        Some(match name {
            "var" => {
                let inst = self.inst?;
                let value = self.charged(inst.vars.get(first?)?);
                self.apply(value, &ops[1..], o)
            }
            "local" => {
                let inst = self.inst?;
                let value = self.loader.local(inst, first?)?;
                let value = self.charged(&value);
                self.apply(value, &ops[1..], o)
            }
            "path" => {
                let inst = self.inst?;
                let value = match first? {
                    "module" => inst.path_module(&self.loader.root_dir),
                    "root" | "cwd" => ".".to_string(),
                    _ => return Some(Err(Fail)),
                };
                self.apply(attr(Value::String(value), span, file), &ops[1..], o)
            }
            "terraform" | "data" | "self" => unknown,
            "count" | "each" => return None,
            "module" => {
                let inst = self.inst?;
                self.module(inst, first?, &ops[1..], span, o)
            }
            _ => {
                let inst = self.inst?;
                let resource_name = first?;
                self.resource(inst, name, resource_name, &ops[1..], span, o)
            }
        })
    }

    fn module(&mut self, inst: &Instance, name: &str, rest: &Ops, span: Span, o: Origin) -> R {
        let file = o.file();
        let unknown = Ok(attr(Value::Unknown, span, file));
        if !inst.config.modules.iter().any(|b| b.labels[0] == name) {
            return Err(Fail);
        }
        let Some(calls) = self.loader.calls(inst, name) else { return unknown };
        if calls.instances.is_empty() && !calls.counted && !calls.for_each {
            return unknown; // not scanned (remote, missing)
        }
        let single = !calls.counted && !calls.for_each;
        let unknown_keys = calls.instances.first().is_some_and(|(k, _)| *k == Key::Unknown);
        let (child, rest) = if single {
            (calls.instances[0].1.clone(), rest)
        } else {
            match rest.first() {
                Some(op @ (TraversalOperator::Index(_) | TraversalOperator::LegacyIndex(_))) => {
                    let Some(key) = self.op_key(op, o)? else { return unknown };
                    let found = if unknown_keys {
                        calls.instances.first()
                    } else {
                        calls.instances.iter().find(|(k, _)| key_matches(k, &key))
                    };
                    match found {
                        Some((_, child)) => (child.clone(), &rest[1..]),
                        None => return Err(Fail),
                    }
                }
                _ if unknown_keys => return unknown,
                _ => {
                    let whole: Vec<(Key, Attr)> = calls
                        .instances
                        .iter()
                        .map(|(k, child)| (k.clone(), self.loader.outputs(child)))
                        .collect();
                    let value = collection(whole, calls.counted, span, file);
                    return self.apply(value, rest, o);
                }
            }
        };
        match rest.first() {
            Some(TraversalOperator::GetAttr(out)) => match self.loader.output(&child, out.as_str()) {
                Some(value) => self.apply(value, &rest[1..], o),
                None => Err(Fail),
            },
            _ => {
                let value = self.loader.outputs(&child);
                self.apply(value, rest, o)
            }
        }
    }

    fn resource(&mut self, inst: &Instance, kind: &str, name: &str, rest: &Ops, span: Span, o: Origin) -> R {
        let file = o.file();
        let base = format!("{}{kind}.{name}", inst.prefix);
        let reference = |address: String| Ok(attr(Value::Reference(address), span, file));
        let Some(expanded) = resources::resource(self.loader, inst, kind, name) else {
            // Undeclared, or being evaluated: still a reference to it by name.
            return match rest {
                [] | [TraversalOperator::GetAttr(_)] => reference(base),
                [TraversalOperator::Index(_) | TraversalOperator::LegacyIndex(_)]
                | [TraversalOperator::Index(_) | TraversalOperator::LegacyIndex(_), TraversalOperator::GetAttr(_)] => {
                    reference(base)
                }
                _ => Ok(attr(Value::Unknown, span, file)),
            };
        };
        if !expanded.counted && !expanded.for_each {
            return match expanded.instances.first() {
                Some((_, resource)) => self.instance_value(resource, rest, span, o),
                None => Ok(attr(Value::Unknown, span, file)),
            };
        }
        let unknown_keys = expanded.instances.first().is_some_and(|(k, _)| *k == Key::Unknown);
        match rest.first() {
            Some(op @ (TraversalOperator::Index(_) | TraversalOperator::LegacyIndex(_))) => {
                let key = self.op_key(op, o)?;
                let found = match &key {
                    _ if unknown_keys => expanded.instances.first(),
                    Some(key) => expanded.instances.iter().find(|(k, _)| key_matches(k, key)),
                    None => {
                        return match &rest[1..] {
                            [] | [TraversalOperator::GetAttr(_)] => reference(base),
                            _ => Ok(attr(Value::Unknown, span, file)),
                        }
                    }
                };
                match found {
                    Some((_, resource)) => self.instance_value(resource, &rest[1..], span, o),
                    None => Err(Fail),
                }
            }
            Some(TraversalOperator::AttrSplat(_) | TraversalOperator::FullSplat(_)) => {
                if unknown_keys {
                    return Ok(attr(Value::Unknown, span, file));
                }
                let mut items = Vec::new();
                for (_, resource) in &expanded.instances {
                    items.push(self.instance_value(resource, &rest[1..], span, o)?);
                }
                Ok(attr(Value::List(items), span, file))
            }
            None if !unknown_keys => {
                let whole = expanded
                    .instances
                    .iter()
                    .map(|(k, r)| (k.clone(), attr(Value::Reference(r.address.clone()), span, file)))
                    .collect();
                Ok(collection(whole, expanded.counted, span, file))
            }
            None => Ok(attr(Value::Unknown, span, file)),
            Some(_) => Err(Fail),
        }
    }

    /// An attribute of one resource instance: its literal value when set, else a reference to it.
    fn instance_value(&mut self, resource: &Resource, rest: &Ops, span: Span, o: Origin) -> R {
        let file = o.file();
        match rest {
            [] => Ok(attr(Value::Reference(resource.address.clone()), span, file)),
            [TraversalOperator::GetAttr(name), more @ ..] => {
                let set = resource.body.entries().iter().find(|(k, _)| k == name.as_str()).map(|(_, v)| v);
                match set {
                    Some(value) if !value.is_unknown() => self.apply(value.clone(), more, o),
                    _ if more.is_empty() => Ok(attr(Value::Reference(resource.address.clone()), span, file)),
                    _ => Ok(attr(Value::Unknown, span, file)),
                }
            }
            _ => Ok(attr(Value::Unknown, span, file)),
        }
    }

    /// The key an index operator gives: `Ok(None)` when unknown.
    fn op_key(&mut self, op: &TraversalOperator, o: Origin) -> Result<Option<Attr>, Fail> {
        let key = match op {
            TraversalOperator::Index(e) => self.expr(e, o)?,
            TraversalOperator::LegacyIndex(n) => attr(Value::Number(*n.value() as f64), Span::default(), 0),
            _ => return Err(Fail),
        };
        Ok(if known(&key) { Some(key) } else { None })
    }

    /// Applies traversal operators to a value.
    pub(crate) fn apply(&mut self, mut value: Attr, ops: &Ops, o: Origin) -> R {
        for (i, op) in ops.iter().enumerate() {
            match op {
                TraversalOperator::GetAttr(name) => {
                    value = match &value.value {
                        Value::Object(entries) => entries
                            .iter()
                            .find(|(k, _)| k == name.as_str())
                            .map(|(_, v)| v.clone())
                            .ok_or(Fail)?,
                        Value::Unknown | Value::Reference(_) => Attr::unknown(value.span, value.file),
                        _ => return Err(Fail),
                    };
                }
                TraversalOperator::Index(_) | TraversalOperator::LegacyIndex(_) => {
                    let Some(key) = self.op_key(op, o)? else {
                        return Ok(Attr::unknown(value.span, value.file));
                    };
                    value = index(&value, &key)?;
                }
                TraversalOperator::AttrSplat(_) | TraversalOperator::FullSplat(_) => {
                    let (span, file) = (value.span, value.file);
                    let items = match value.value {
                        Value::List(items) => items,
                        Value::Null => Vec::new(),
                        Value::Unknown | Value::Reference(_) => return Ok(Attr::unknown(span, file)),
                        other => vec![attr(other, span, file)],
                    };
                    let mut out = Vec::with_capacity(items.len());
                    for item in items {
                        out.push(self.apply(item, &ops[i + 1..], o)?);
                    }
                    return Ok(attr(Value::List(out), span, file));
                }
            }
        }
        Ok(value)
    }

    /// A template: one interpolation alone keeps its value's type, anything else is a string.
    pub(crate) fn template(&mut self, t: &Template, o: Origin) -> R {
        let elements: Vec<&Element> = t.iter().collect();
        if let [Element::Interpolation(i)] = elements.as_slice() {
            return self.expr(&i.expr, o);
        }
        let mut out = String::new();
        let span = o.span(t.span());
        let value = if self.render(t, &mut out, false, o)? { Value::String(out) } else { Value::Unknown };
        Ok(attr(value, span, o.file()))
    }

    /// Renders a template into `out`; false when a part of it is unknown.
    fn render(
        &mut self,
        t: &Template,
        out: &mut String,
        mut strip_next: bool,
        o: Origin,
    ) -> Result<bool, Fail> {
        for element in t.iter() {
            match element {
                Element::Literal(literal) => {
                    let s = literal.value().as_str();
                    out.push_str(if strip_next { s.trim_start() } else { s });
                    strip_next = false;
                }
                Element::Interpolation(i) => {
                    if i.strip.strip_start() {
                        trim_end(out);
                    }
                    let value = self.expr(&i.expr, o)?;
                    match text(&value)? {
                        Some(s) => out.push_str(&s),
                        None => return Ok(false),
                    }
                    strip_next = i.strip.strip_end();
                }
                Element::Directive(directive) => match directive.as_ref() {
                    Directive::If(d) => {
                        if d.if_expr.strip.strip_start() {
                            trim_end(out);
                        }
                        let cond = self.expr(&d.if_expr.cond_expr, o)?;
                        let Some(cond) = boolean(&cond)? else { return Ok(false) };
                        if cond {
                            if !self.render(&d.if_expr.template, out, d.if_expr.strip.strip_end(), o)? {
                                return Ok(false);
                            }
                            let strip = match &d.else_expr {
                                Some(e) => e.strip.strip_start(),
                                None => d.endif_expr.strip.strip_start(),
                            };
                            if strip {
                                trim_end(out);
                            }
                        } else if let Some(e) = &d.else_expr {
                            if !self.render(&e.template, out, e.strip.strip_end(), o)? {
                                return Ok(false);
                            }
                            if d.endif_expr.strip.strip_start() {
                                trim_end(out);
                            }
                        }
                        strip_next = d.endif_expr.strip.strip_end();
                    }
                    Directive::For(d) => {
                        let f = &d.for_expr;
                        if f.strip.strip_start() {
                            trim_end(out);
                        }
                        let collection = self.expr(&f.collection_expr, o)?;
                        let Some(pairs) = pairs(&collection)? else { return Ok(false) };
                        let mark = self.bindings.len();
                        for (k, v) in pairs {
                            if !self.loader.step(1) {
                                self.bindings.truncate(mark);
                                return Ok(false);
                            }
                            if let Some(key_var) = &f.key_var {
                                self.bindings.push((key_var.as_str().to_string(), k));
                            }
                            self.bindings.push((f.value_var.as_str().to_string(), v));
                            let rendered = self.render(&f.template, out, f.strip.strip_end(), o);
                            self.bindings.truncate(mark);
                            if !rendered? {
                                return Ok(false);
                            }
                            if d.endfor_expr.strip.strip_start() {
                                trim_end(out);
                            }
                            if out.len() > limits::STRING_BYTES {
                                break;
                            }
                        }
                        strip_next = d.endfor_expr.strip.strip_end();
                    }
                },
            }
            if out.len() > limits::STRING_BYTES {
                self.loader.note(format!(
                    "a string longer than {} bytes was not built; its value is unknown",
                    limits::STRING_BYTES
                ));
                return Ok(false);
            }
        }
        Ok(true)
    }

    fn for_expr(&mut self, f: &ForExpr, o: Origin) -> R {
        let span = o.span(f.span());
        let file = o.file();
        let collection = self.expr(&f.intro.collection_expr, o)?;
        let Some(pairs) = pairs(&collection)? else { return Ok(attr(Value::Unknown, span, file)) };
        let mark = self.bindings.len();
        let result = self.for_items(f, pairs, o);
        self.bindings.truncate(mark);
        Ok(attr(result?.unwrap_or(Value::Unknown), span, file))
    }

    fn for_items(&mut self, f: &ForExpr, pairs: Vec<(Attr, Attr)>, o: Origin) -> Result<Option<Value>, Fail> {
        let mark = self.bindings.len();
        let mut list = Vec::new();
        let mut object: Vec<(String, Attr)> = Vec::new();
        for (k, v) in pairs {
            if !self.loader.step(1) {
                return Ok(None);
            }
            self.bindings.truncate(mark);
            if let Some(key_var) = &f.intro.key_var {
                self.bindings.push((key_var.as_str().to_string(), k));
            }
            self.bindings.push((f.intro.value_var.as_str().to_string(), v));
            if let Some(cond) = &f.cond {
                match boolean(&self.expr(&cond.expr, o)?)? {
                    Some(true) => {}
                    Some(false) => continue,
                    None => return Ok(None),
                }
            }
            let value = self.expr(&f.value_expr, o)?;
            match &f.key_expr {
                None => list.push(value),
                Some(key_expr) => {
                    let Some(key) = text(&self.expr(key_expr, o)?)? else { return Ok(None) };
                    let existing = object.iter_mut().find(|(k, _)| *k == key);
                    match (existing, f.grouping) {
                        (Some((_, Attr { value: Value::List(group), .. })), true) => group.push(value),
                        (Some(_), _) => return Err(Fail),
                        (None, true) => {
                            let (span, file) = (value.span, value.file);
                            object.push((key, attr(Value::List(vec![value]), span, file)));
                        }
                        (None, false) => object.push((key, value)),
                    }
                }
            }
        }
        Ok(Some(if f.key_expr.is_some() { Value::Object(object) } else { Value::List(list) }))
    }
}

fn trim_end(out: &mut String) {
    let len = out.trim_end().len();
    out.truncate(len);
}

/// The (key, value) pairs a `for` iterates: a list's indices, an object's keys in
/// order. `Ok(None)` when the collection is unknown.
pub(crate) fn pairs(collection: &Attr) -> Result<Option<Vec<(Attr, Attr)>>, Fail> {
    let (span, file) = (collection.span, collection.file);
    Ok(Some(match &collection.value {
        Value::List(items) => items
            .iter()
            .enumerate()
            .map(|(i, v)| (attr(Value::Number(i as f64), span, file), v.clone()))
            .collect(),
        Value::Object(entries) => sorted_entries(entries)
            .into_iter()
            .map(|(k, v)| (attr(Value::String(k), span, file), v))
            .collect(),
        Value::Unknown | Value::Reference(_) => return Ok(None),
        _ => return Err(Fail),
    }))
}

fn key_matches(key: &Key, wanted: &Attr) -> bool {
    match key {
        Key::Index(i) => wanted.as_f64() == Some(*i as f64),
        Key::Name(name) => {
            wanted.as_str() == Some(name) || text(wanted).ok().flatten().as_deref() == Some(name)
        }
        Key::None | Key::Unknown => false,
    }
}

/// The whole of a counted (a list) or `for_each` (an object) resource or module.
fn collection(items: Vec<(Key, Attr)>, counted: bool, span: Span, file: u32) -> Attr {
    let value = if counted {
        Value::List(items.into_iter().map(|(_, v)| v).collect())
    } else {
        Value::Object(
            items
                .into_iter()
                .map(|(k, v)| match k {
                    Key::Name(name) => (name, v),
                    _ => (String::new(), v),
                })
                .collect(),
        )
    };
    attr(value, span, file)
}

/// `list[i]`, `map["k"]`.
pub(crate) fn index(value: &Attr, key: &Attr) -> R {
    match &value.value {
        Value::List(items) => {
            let i = number(key)?.ok_or(Fail)?;
            if i.fract() != 0.0 || i < 0.0 {
                return Err(Fail);
            }
            items.get(i as usize).cloned().ok_or(Fail)
        }
        Value::Object(entries) => {
            let key = text(key)?.ok_or(Fail)?;
            entries.iter().find(|(k, _)| *k == key).map(|(_, v)| v.clone()).ok_or(Fail)
        }
        Value::Unknown | Value::Reference(_) => Ok(Attr::unknown(value.span, value.file)),
        _ => Err(Fail),
    }
}

fn binary(op: BinaryOperator, lhs: &Attr, rhs: &Attr) -> Result<Value, Fail> {
    use BinaryOperator::*;
    Ok(match op {
        Eq | NotEq => {
            if !known(lhs) || !known(rhs) {
                return Ok(Value::Unknown);
            }
            let equal = same(&lhs.value, &rhs.value);
            Value::Bool(if op == Eq { equal } else { !equal })
        }
        And | Or => {
            let (a, b) = (boolean(lhs)?, boolean(rhs)?);
            match (op, a, b) {
                (And, Some(false), _) | (And, _, Some(false)) => Value::Bool(false),
                (Or, Some(true), _) | (Or, _, Some(true)) => Value::Bool(true),
                (And, Some(a), Some(b)) => Value::Bool(a && b),
                (Or, Some(a), Some(b)) => Value::Bool(a || b),
                _ => Value::Unknown,
            }
        }
        _ => {
            let (Some(a), Some(b)) = (number(lhs)?, number(rhs)?) else { return Ok(Value::Unknown) };
            match op {
                Plus => Value::Number(a + b),
                Minus => Value::Number(a - b),
                Mul => Value::Number(a * b),
                Div if b == 0.0 => return Err(Fail),
                Div => Value::Number(a / b),
                Mod if b == 0.0 => return Err(Fail),
                Mod => Value::Number(a % b),
                Less => Value::Bool(a < b),
                LessEq => Value::Bool(a <= b),
                Greater => Value::Bool(a > b),
                GreaterEq => Value::Bool(a >= b),
                Eq | NotEq | And | Or => unreachable!("handled above"),
            }
        }
    })
}
