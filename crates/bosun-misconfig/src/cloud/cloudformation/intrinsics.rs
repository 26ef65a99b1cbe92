//! CloudFormation's intrinsic functions, evaluated with what the template
//! alone knows: parameter defaults, mappings, conditions. What depends on the
//! deployment (pseudo parameters, imports, attributes of created resources) is
//! unknown, or a reference when it names a resource of the template.

use crate::cloud::value::{Attr, Value};
use bosun_syntax::yaml::{self, Node};
use std::cell::Cell;
use std::collections::HashSet;

/// Conditions may refer to conditions; a cycle or a very deep chain is unknown.
const MAX_DEPTH: u32 = 64;

pub struct Evaluator<'a> {
    parameters: Option<&'a Node>,
    conditions: Option<&'a Node>,
    mappings: Option<&'a Node>,
    resources: HashSet<String>,
    depth: Cell<u32>,
}

impl<'a> Evaluator<'a> {
    pub fn new(root: &'a Node) -> Self {
        let resources = root.get("Resources").map(|r| r.string_entries().map(|(id, _)| id).collect());
        Evaluator {
            parameters: root.get("Parameters"),
            conditions: root.get("Conditions"),
            mappings: root.get("Mappings"),
            resources: resources.unwrap_or_default(),
            depth: Cell::new(0),
        }
    }

    /// Evaluates a value. `AWS::NoValue` removes the property it stands in.
    pub fn eval(&self, node: &Node) -> Attr {
        self.eval_opt(node).unwrap_or_else(|| Attr::new(Value::Null, node.span, 0))
    }

    /// The value of a named condition, when the template decides it.
    pub fn condition(&self, name: &str) -> Option<bool> {
        let definition = self.conditions?.get(name)?;
        self.nested(|| self.eval_opt(definition).and_then(|attr| attr.as_bool()))
    }

    fn nested<T>(&self, f: impl FnOnce() -> Option<T>) -> Option<T> {
        if self.depth.get() >= MAX_DEPTH {
            return None;
        }
        self.depth.set(self.depth.get() + 1);
        let result = f();
        self.depth.set(self.depth.get() - 1);
        result
    }

    fn eval_opt(&self, node: &Node) -> Option<Attr> {
        let value = match &node.value {
            yaml::Value::Null => Value::Null,
            yaml::Value::Bool(b) => Value::Bool(*b),
            yaml::Value::Int(i) => Value::Number(*i as f64),
            yaml::Value::Float(f) => Value::Number(*f),
            yaml::Value::String(s) => Value::String(s.clone()),
            yaml::Value::Seq(items) => Value::List(items.iter().filter_map(|i| self.eval_opt(i)).collect()),
            yaml::Value::Map(entries) => match entries.as_slice() {
                [(key, argument)] if key.as_str().is_some_and(is_intrinsic) => {
                    let function = key.as_str().unwrap_or_default();
                    self.nested(|| Some(self.intrinsic(function, argument).value)).unwrap_or(Value::Unknown)
                }
                _ => Value::Object(
                    entries.iter().filter_map(|(k, v)| Some((k.scalar_text()?, self.eval_opt(v)?))).collect(),
                ),
            },
        };
        // `AWS::NoValue` (directly or through `Fn::If`) removes the property.
        let attr = Attr::new(value, node.span, 0);
        (!attr.is_no_value()).then_some(attr)
    }

    fn intrinsic(&self, function: &str, argument: &Node) -> Attr {
        let span = argument.span;
        let value = match function {
            "Ref" => self.reference(argument.as_str().unwrap_or_default()),
            "Fn::GetAtt" => {
                let target = match &argument.value {
                    yaml::Value::String(s) => s.split('.').next().map(str::to_string),
                    yaml::Value::Seq(items) => items.first().and_then(Node::as_str).map(str::to_string),
                    _ => None,
                };
                match target {
                    Some(id) if self.resources.contains(&id) => Value::Reference(id),
                    _ => Value::Unknown,
                }
            }
            "Fn::If" => return self.fn_if(argument),
            "Fn::Sub" => self.fn_sub(argument),
            "Fn::Join" => self.fn_join(argument),
            "Fn::Select" => self.fn_select(argument),
            "Fn::Split" => self.fn_split(argument),
            "Fn::FindInMap" => self.fn_find_in_map(argument),
            // Templates say what they encode; checks want the text (user data).
            "Fn::Base64" => self.eval(argument).value,
            "Fn::Equals" => self.fn_equals(argument),
            "Fn::And" | "Fn::Or" => self.fn_and_or(function == "Fn::And", argument),
            "Fn::Not" => match self.args(argument).first().and_then(Attr::as_bool) {
                Some(b) => Value::Bool(!b),
                None => Value::Unknown,
            },
            "Condition" => {
                self.condition(argument.as_str().unwrap_or_default()).map_or(Value::Unknown, Value::Bool)
            }
            _ => Value::Unknown,
        };
        Attr::new(value, span, 0)
    }

    fn reference(&self, name: &str) -> Value {
        if name == "AWS::NoValue" {
            return Value::Reference(NO_VALUE.into());
        }
        if self.resources.contains(name) {
            return Value::Reference(name.to_string());
        }
        match self.parameters.and_then(|p| p.get(name)).and_then(|p| p.get("Default")) {
            Some(default) => self.eval(default).value,
            None => Value::Unknown,
        }
    }

    fn args(&self, argument: &Node) -> Vec<Attr> {
        argument.as_seq().iter().map(|a| self.eval(a)).collect()
    }

    fn fn_if(&self, argument: &Node) -> Attr {
        let [condition, then, otherwise] = argument.as_seq() else { return Attr::unknown(argument.span, 0) };
        // A branch may be `AWS::NoValue`: keep it so that the property is dropped.
        let branch = |node: &Node| {
            self.eval_opt(node).unwrap_or_else(|| Attr::new(Value::Reference(NO_VALUE.into()), node.span, 0))
        };
        match self.condition(condition.as_str().unwrap_or_default()) {
            Some(true) => branch(then),
            Some(false) => branch(otherwise),
            None => {
                // Either branch may apply: known only when both agree.
                let (a, b) = (branch(then), branch(otherwise));
                if a.value == b.value {
                    a
                } else {
                    Attr::unknown(argument.span, 0)
                }
            }
        }
    }

    fn fn_sub(&self, argument: &Node) -> Value {
        let (template, variables) = match &argument.value {
            yaml::Value::String(s) => (s.as_str(), None),
            yaml::Value::Seq(items) => match items.as_slice() {
                [template, variables] => (template.as_str().unwrap_or_default(), Some(variables)),
                _ => return Value::Unknown,
            },
            _ => return Value::Unknown,
        };
        let lookup = |name: &str| -> Value {
            if let Some(value) = variables.and_then(|v| v.get(name)) {
                return self.eval(value).value;
            }
            let base = name.split('.').next().unwrap_or(name);
            if name.contains('.') {
                if self.resources.contains(base) {
                    return Value::Reference(base.to_string());
                }
                return Value::Unknown;
            }
            self.reference(name)
        };
        // A template that is one reference and nothing else keeps the reference.
        if let Some(name) = template.strip_prefix("${").and_then(|t| t.strip_suffix('}')) {
            if !name.contains("${") && !name.starts_with('!') {
                if let reference @ Value::Reference(_) = lookup(name) {
                    return reference;
                }
            }
        }
        let mut out = String::new();
        let mut rest = template;
        while let Some(start) = rest.find("${") {
            out.push_str(&rest[..start]);
            let after = &rest[start + 2..];
            let Some(end) = after.find('}') else { return Value::Unknown };
            let name = &after[..end];
            if let Some(literal) = name.strip_prefix('!') {
                out.push_str("${");
                out.push_str(literal);
                out.push('}');
            } else {
                match lookup(name.trim()) {
                    Value::String(s) => out.push_str(&s),
                    Value::Number(n) => out.push_str(&n.to_string()),
                    _ => return Value::Unknown,
                }
            }
            rest = &after[end + 1..];
        }
        out.push_str(rest);
        Value::String(out)
    }

    fn fn_join(&self, argument: &Node) -> Value {
        let [delimiter, list] = argument.as_seq() else { return Value::Unknown };
        let Some(delimiter) = delimiter.as_str() else { return Value::Unknown };
        let list = self.eval(list);
        let Value::List(items) = &list.value else { return Value::Unknown };
        let mut parts = Vec::new();
        for item in items {
            match &item.value {
                Value::String(s) => parts.push(s.clone()),
                Value::Number(n) => parts.push(n.to_string()),
                _ => return Value::Unknown,
            }
        }
        Value::String(parts.join(delimiter))
    }

    fn fn_select(&self, argument: &Node) -> Value {
        let [index, list] = argument.as_seq() else { return Value::Unknown };
        let (index, list) = (self.eval(index), self.eval(list));
        match (index.as_i64(), &list.value) {
            (Some(i), Value::List(items)) if i >= 0 => {
                items.get(i as usize).map_or(Value::Unknown, |item| item.value.clone())
            }
            _ => Value::Unknown,
        }
    }

    fn fn_split(&self, argument: &Node) -> Value {
        let [delimiter, text] = argument.as_seq() else { return Value::Unknown };
        let (Some(delimiter), text) = (delimiter.as_str(), self.eval(text)) else { return Value::Unknown };
        match text.as_str() {
            Some(text) if !delimiter.is_empty() => Value::List(
                text.split(delimiter)
                    .map(|part| Attr::new(Value::String(part.into()), argument.span, 0))
                    .collect(),
            ),
            _ => Value::Unknown,
        }
    }

    fn fn_find_in_map(&self, argument: &Node) -> Value {
        let keys: Vec<Attr> = self.args(argument);
        let [map, top, second] = keys.as_slice() else { return Value::Unknown };
        let (Some(map), Some(top), Some(second)) = (map.as_str(), top.as_str(), second.as_str()) else {
            return Value::Unknown;
        };
        match self.mappings.and_then(|m| m.path(&[map, top, second])) {
            Some(value) => self.eval(value).value,
            None => Value::Unknown,
        }
    }

    fn fn_equals(&self, argument: &Node) -> Value {
        let [a, b] = argument.as_seq() else { return Value::Unknown };
        let (a, b) = (self.eval(a), self.eval(b));
        if a.is_unknown() || b.is_unknown() || a.reference().is_some() || b.reference().is_some() {
            return Value::Unknown;
        }
        Value::Bool(scalar_text(&a) == scalar_text(&b))
    }

    fn fn_and_or(&self, all: bool, argument: &Node) -> Value {
        let values: Vec<Option<bool>> = self.args(argument).iter().map(Attr::as_bool).collect();
        let decisive = !all;
        if values.contains(&Some(decisive)) {
            return Value::Bool(decisive);
        }
        if values.iter().all(Option::is_some) {
            return Value::Bool(all);
        }
        Value::Unknown
    }
}

/// The address standing for `AWS::NoValue` until the property is dropped.
const NO_VALUE: &str = "AWS::NoValue";

fn is_intrinsic(key: &str) -> bool {
    key == "Ref" || key == "Condition" || key.starts_with("Fn::")
}

fn scalar_text(attr: &Attr) -> Option<String> {
    match &attr.value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

impl Attr {
    fn is_no_value(&self) -> bool {
        self.reference() == Some(NO_VALUE)
    }
}
