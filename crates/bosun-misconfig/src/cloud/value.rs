//! The values cloud checks read. Whatever declared them (an HCL expression, a
//! CloudFormation intrinsic, a plan's JSON), they arrive here evaluated as far as
//! bosun can know them, each remembering the file and lines that set it.

use bosun_core::Span;

/// One value and where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Attr {
    pub value: Value,
    pub span: Span,
    /// Index into [`super::Deployment::files`]: a module's values live in its own files.
    pub file: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Depends on something bosun cannot know before apply (a computed attribute,
    /// a variable without a value, a function it does not model). Checks never
    /// report an unknown value as wrong.
    Unknown,
    /// The id, ARN or name of another resource of the deployment, by its address
    /// (`aws_kms_key.main`, or a CloudFormation logical id). Set, but not to a literal.
    Reference(String),
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    List(Vec<Attr>),
    /// Attributes in source order. Terraform's nested blocks appear as a key whose
    /// value is a list of objects, one per block (blocks may repeat).
    Object(Vec<(String, Attr)>),
}

impl Attr {
    pub fn new(value: Value, span: Span, file: u32) -> Self {
        Attr { value, span, file }
    }

    pub fn unknown(span: Span, file: u32) -> Self {
        Attr { value: Value::Unknown, span, file }
    }

    /// The entry `key` of an object. On a list of blocks, looks in the first block,
    /// so `get("versioning")` then `get("enabled")` reads `versioning { enabled = .. }`.
    /// Inside an unknown value everything is unknown: `get` gives the unknown
    /// value itself, so a setting under it reads as unknown, never as absent.
    pub fn get(&self, key: &str) -> Option<&Attr> {
        match &self.value {
            Value::Object(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            Value::List(items) => items.first().and_then(|first| first.get(key)),
            Value::Unknown => Some(self),
            _ => None,
        }
    }

    /// Follows keys one after another (see [`Attr::get`]).
    pub fn path(&self, keys: &[&str]) -> Option<&Attr> {
        keys.iter().try_fold(self, |attr, key| attr.get(key))
    }

    /// Every block (or object) under `key`: the elements of a list, or the object itself.
    pub fn blocks<'a>(&'a self, key: &str) -> impl Iterator<Item = &'a Attr> + 'a {
        self.get_direct(key).into_iter().flat_map(|attr| attr.items())
    }

    /// The elements of a list; an object or scalar counts as a list of one.
    pub fn items(&self) -> &[Attr] {
        match &self.value {
            Value::List(items) => items,
            Value::Null => &[],
            _ => std::slice::from_ref(self),
        }
    }

    fn get_direct(&self, key: &str) -> Option<&Attr> {
        match &self.value {
            Value::Object(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            Value::Unknown => Some(self),
            _ => None,
        }
    }

    pub fn entries(&self) -> &[(String, Attr)] {
        match &self.value {
            Value::Object(entries) => entries,
            _ => &[],
        }
    }

    pub fn is_unknown(&self) -> bool {
        matches!(self.value, Value::Unknown)
    }

    pub fn is_null(&self) -> bool {
        matches!(self.value, Value::Null)
    }

    /// Booleans, and the strings `"true"`/`"false"` that both languages accept for them.
    pub fn as_bool(&self) -> Option<bool> {
        match &self.value {
            Value::Bool(b) => Some(*b),
            Value::String(s) if s.eq_ignore_ascii_case("true") => Some(true),
            Value::String(s) if s.eq_ignore_ascii_case("false") => Some(false),
            _ => None,
        }
    }

    /// True only when the value is known to be true.
    pub fn is_true(&self) -> bool {
        self.as_bool() == Some(true)
    }

    /// True only when the value is known to be false.
    pub fn is_false(&self) -> bool {
        self.as_bool() == Some(false)
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// Numbers, and strings that hold one.
    pub fn as_f64(&self) -> Option<f64> {
        match &self.value {
            Value::Number(n) => Some(*n),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        }
    }

    pub fn as_i64(&self) -> Option<i64> {
        self.as_f64().filter(|n| n.fract() == 0.0).map(|n| n as i64)
    }

    /// The known strings of a string or a list of strings.
    pub fn strings(&self) -> Vec<&str> {
        self.items().iter().filter_map(|item| item.as_str()).collect()
    }

    /// A string (or list of strings) containing `wanted`, compared without case.
    pub fn has_string(&self, wanted: &str) -> bool {
        self.strings().iter().any(|s| s.eq_ignore_ascii_case(wanted))
    }

    /// Set to something that is not null, empty or false: a key, a reference, an
    /// unknown value all count as set.
    pub fn is_set(&self) -> bool {
        match &self.value {
            Value::Null => false,
            Value::Bool(b) => *b,
            Value::String(s) => !s.is_empty(),
            Value::List(items) => !items.is_empty(),
            Value::Object(entries) => !entries.is_empty(),
            Value::Unknown | Value::Reference(_) | Value::Number(_) => true,
        }
    }

    /// The address this value refers to, when it is a reference to another resource.
    pub fn reference(&self) -> Option<&str> {
        match &self.value {
            Value::Reference(address) => Some(address),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obj(entries: Vec<(&str, Value)>) -> Attr {
        let entries =
            entries.into_iter().map(|(k, v)| (k.to_string(), Attr::new(v, Span::line(1), 0))).collect();
        Attr::new(Value::Object(entries), Span::line(1), 0)
    }

    #[test]
    fn paths_descend_through_blocks() {
        let versioning = obj(vec![("enabled", Value::Bool(true))]);
        let body = obj(vec![("versioning", Value::List(vec![versioning]))]);
        assert!(body.path(&["versioning", "enabled"]).unwrap().is_true());
        assert_eq!(body.blocks("versioning").count(), 1);
        assert_eq!(body.blocks("missing").count(), 0);
    }

    #[test]
    fn settings_inside_an_unknown_value_are_unknown_not_absent() {
        let unknown = Attr::unknown(Span::line(4), 0);
        let body = obj(vec![("versioning", Value::Unknown)]);
        assert!(body.path(&["versioning", "status"]).is_some_and(Attr::is_unknown));
        assert!(unknown.get("anything").is_some_and(Attr::is_unknown));
        assert_eq!(body.blocks("versioning").count(), 1);
    }

    #[test]
    fn unknown_is_neither_true_nor_false_but_is_set() {
        let unknown = Attr::unknown(Span::line(1), 0);
        assert!(!unknown.is_true() && !unknown.is_false() && unknown.is_set());
        let text = Attr::new(Value::String("false".into()), Span::line(1), 0);
        assert!(text.is_false());
    }
}
