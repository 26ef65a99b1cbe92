//! A YAML (and JSON) reader that keeps the line span of every node.
//!
//! Built on `yaml-rust2`'s pull parser rather than its loader so that we can
//! enforce our own limits (nesting depth, node count after alias expansion) and
//! keep every document that parsed before an error in a multi-document stream.

use crate::Span;
use yaml_rust2::parser::{Event, Parser, Tag};
use yaml_rust2::scanner::TScalarStyle;

/// Limits that keep hostile YAML (alias bombs, deep nesting) from exhausting memory.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Deepest nesting of sequences and mappings.
    pub max_depth: usize,
    /// Nodes in one document, counting every copy an alias makes.
    pub max_nodes: usize,
    /// Documents in one stream.
    pub max_documents: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_depth: 128, max_nodes: 1_000_000, max_documents: 10_000 }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    String(String),
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    pub span: Span,
}

/// One document of a stream, with its position in the stream (0-based).
#[derive(Debug, Clone)]
pub struct Document {
    pub index: usize,
    pub root: Node,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub line: u32,
    pub message: String,
}

impl std::fmt::Display for YamlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for YamlError {}

/// What a stream parse gives: every document that parsed, and the error that
/// stopped the parse, if any. Documents before the error are still useful.
#[derive(Debug, Clone)]
pub struct Stream {
    pub documents: Vec<Document>,
    pub error: Option<YamlError>,
}

pub fn parse_stream(text: &str) -> Stream {
    parse_stream_with(text, Limits::default())
}

pub fn parse_stream_with(text: &str, limits: Limits) -> Stream {
    parse(text, limits, false)
}

/// Parses a CloudFormation template: its short-form tags (`!Ref X`, `!Sub "..."`,
/// `!GetAtt A.B`, `!If [...]`) become the long form they stand for
/// (`{Ref: X}`, `{"Fn::Sub": "..."}`, ...), so one reader serves YAML and JSON templates.
pub fn parse_cloudformation(text: &str) -> Stream {
    parse(text, Limits::default(), true)
}

fn parse(text: &str, limits: Limits, cloudformation_tags: bool) -> Stream {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut builder = Builder::new(limits);
    builder.cloudformation_tags = cloudformation_tags;
    let mut parser = Parser::new_from_str(text);
    loop {
        match parser.next_token() {
            Ok((event, mark)) => match builder.on_event(event, mark.line() as u32) {
                Ok(true) => continue,
                Ok(false) => break,
                Err(error) => return builder.finish(Some(error)),
            },
            Err(e) => {
                let message = match e.info() {
                    "recursion limit exceeded" => "nesting too deep (recursion limit exceeded)".to_string(),
                    other => other.to_string(),
                };
                let error = YamlError { line: e.marker().line() as u32, message };
                return builder.finish(Some(error));
            }
        }
    }
    builder.finish(None)
}

/// A collection being built: its start line, anchor, and children so far.
enum Frame {
    Seq { line: u32, anchor: usize, tag: Option<Tag>, items: Vec<Node> },
    Map { line: u32, anchor: usize, tag: Option<Tag>, entries: Vec<(Node, Node)>, key: Option<Node> },
}

struct Builder {
    limits: Limits,
    documents: Vec<Document>,
    stack: Vec<Frame>,
    anchors: Vec<(usize, Node)>,
    nodes: usize,
    root: Option<Node>,
    /// Rewrite local tags (`!Ref`) into CloudFormation's long form.
    cloudformation_tags: bool,
}

impl Builder {
    fn new(limits: Limits) -> Self {
        Builder {
            limits,
            documents: Vec::new(),
            stack: Vec::new(),
            anchors: Vec::new(),
            nodes: 0,
            root: None,
            cloudformation_tags: false,
        }
    }

    fn finish(self, error: Option<YamlError>) -> Stream {
        Stream { documents: self.documents, error }
    }

    /// Returns Ok(false) at the end of the stream.
    fn on_event(&mut self, event: Event, line: u32) -> Result<bool, YamlError> {
        let err = |message: String| YamlError { line, message };
        match event {
            Event::StreamEnd => return Ok(false),
            Event::DocumentStart => {
                if self.documents.len() >= self.limits.max_documents {
                    return Err(err(format!(
                        "more than {} documents in one stream",
                        self.limits.max_documents
                    )));
                }
                self.anchors.clear();
                self.nodes = 0;
            }
            Event::DocumentEnd => {
                if let Some(root) = self.root.take() {
                    let index = self.documents.len();
                    self.documents.push(Document { index, root });
                }
            }
            Event::Alias(id) => {
                let node = match self.anchors.iter().rev().find(|(a, _)| *a == id) {
                    Some((_, node)) => node.clone(),
                    None => return Err(err("alias to an unknown anchor".into())),
                };
                // Copies made by aliases count against the node budget: this is what
                // stops "billion laughs" documents.
                self.count(count_nodes(&node), line)?;
                self.push_node(node);
            }
            Event::Scalar(text, style, anchor, tag) => {
                self.count(1, line)?;
                let end = line + scalar_extra_lines(&text, style);
                let node = Node { value: resolve_scalar(text, style), span: Span::new(line, end) };
                let node = self.apply_tag(tag, node);
                self.remember(anchor, &node);
                self.push_node(node);
            }
            Event::SequenceStart(anchor, tag) => {
                self.open(line)?;
                self.stack.push(Frame::Seq { line, anchor, tag, items: Vec::new() });
            }
            Event::MappingStart(anchor, tag) => {
                self.open(line)?;
                self.stack.push(Frame::Map { line, anchor, tag, entries: Vec::new(), key: None });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let (node, anchor, tag) = match self.stack.pop() {
                    Some(Frame::Seq { line, anchor, tag, items }) => {
                        let end = items.iter().map(|n| n.span.end_line).max().unwrap_or(line);
                        (Node { value: Value::Seq(items), span: Span::new(line, end) }, anchor, tag)
                    }
                    Some(Frame::Map { line, anchor, tag, entries, .. }) => {
                        let end = entries.iter().map(|(_, v)| v.span.end_line).max().unwrap_or(line);
                        let entries = apply_merge_keys(entries);
                        (Node { value: Value::Map(entries), span: Span::new(line, end) }, anchor, tag)
                    }
                    None => return Err(err("unbalanced collection end".into())),
                };
                let node = self.apply_tag(tag, node);
                self.remember(anchor, &node);
                self.push_node(node);
            }
            Event::StreamStart | Event::Nothing => {}
        }
        Ok(true)
    }

    fn open(&mut self, line: u32) -> Result<(), YamlError> {
        if self.stack.len() >= self.limits.max_depth {
            let message = format!("nesting deeper than {} levels", self.limits.max_depth);
            return Err(YamlError { line, message });
        }
        self.count(1, line)
    }

    /// `!Ref X` becomes `{Ref: X}`, `!Condition X` `{Condition: X}`, any other
    /// local tag `!Name` becomes `{"Fn::Name": ...}`. Other tags are ignored.
    fn apply_tag(&self, tag: Option<Tag>, node: Node) -> Node {
        let Some(tag) = tag.filter(|t| self.cloudformation_tags && t.handle == "!" && !t.suffix.is_empty())
        else {
            return node;
        };
        let key = match tag.suffix.as_str() {
            "Ref" | "Condition" => tag.suffix,
            other => format!("Fn::{other}"),
        };
        let span = node.span;
        let key = Node { value: Value::String(key), span };
        Node { value: Value::Map(vec![(key, node)]), span }
    }

    fn count(&mut self, n: usize, line: u32) -> Result<(), YamlError> {
        self.nodes += n;
        if self.nodes > self.limits.max_nodes {
            return Err(YamlError {
                line,
                message: format!(
                    "document expands to more than {} nodes (alias bomb?)",
                    self.limits.max_nodes
                ),
            });
        }
        Ok(())
    }

    fn remember(&mut self, anchor: usize, node: &Node) {
        if anchor != 0 {
            self.anchors.push((anchor, node.clone()));
        }
    }

    fn push_node(&mut self, node: Node) {
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map { entries, key, .. }) => match key.take() {
                None => *key = Some(node),
                Some(k) => entries.push((k, node)),
            },
        }
    }
}

fn count_nodes(node: &Node) -> usize {
    1 + match &node.value {
        Value::Seq(items) => items.iter().map(count_nodes).sum(),
        Value::Map(entries) => entries.iter().map(|(k, v)| count_nodes(k) + count_nodes(v)).sum(),
        _ => 0,
    }
}

/// Literal and folded blocks and multi-line quoted scalars cover more than one line.
fn scalar_extra_lines(text: &str, style: TScalarStyle) -> u32 {
    match style {
        // The parser marks a block scalar at its first content line.
        TScalarStyle::Literal | TScalarStyle::Folded => {
            text.trim_end_matches('\n').matches('\n').count() as u32
        }
        _ => 0,
    }
}

/// `<<: *defaults` (YAML 1.1 merge keys, used a lot in docker-compose files):
/// the merged mapping's entries are added unless the mapping sets them itself.
fn apply_merge_keys(entries: Vec<(Node, Node)>) -> Vec<(Node, Node)> {
    if !entries.iter().any(|(k, _)| k.as_str() == Some("<<")) {
        return entries;
    }
    let (merges, mut own): (Vec<_>, Vec<_>) =
        entries.into_iter().partition(|(k, _)| k.as_str() == Some("<<"));
    for (_, source) in merges {
        let sources = match source.value {
            Value::Seq(items) => items,
            _ => vec![source],
        };
        for source in sources {
            if let Value::Map(inherited) = source.value {
                for (k, v) in inherited {
                    if !own.iter().any(|(existing, _)| existing.value == k.value) {
                        own.push((k, v));
                    }
                }
            }
        }
    }
    own
}

/// Resolves a plain scalar the way Kubernetes' YAML reader does (YAML 1.2 core
/// schema); quoted and block scalars are always strings.
fn resolve_scalar(text: String, style: TScalarStyle) -> Value {
    if style != TScalarStyle::Plain {
        return Value::String(text);
    }
    match text.as_str() {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    if let Some(i) = parse_int(&text) {
        return Value::Int(i);
    }
    let looks_numeric = text.bytes().next().is_some_and(|b| b.is_ascii_digit() || b"+-.".contains(&b));
    if looks_numeric && !text.contains('_') {
        if let Ok(f) = text.parse::<f64>() {
            if f.is_finite() {
                return Value::Float(f);
            }
        }
    }
    Value::String(text)
}

fn parse_int(text: &str) -> Option<i64> {
    if let Some(hex) = text.strip_prefix("0x") {
        return i64::from_str_radix(hex, 16).ok();
    }
    if let Some(oct) = text.strip_prefix("0o") {
        return i64::from_str_radix(oct, 8).ok();
    }
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

impl Node {
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.value {
            Value::Map(entries) => entries.iter().find(|(k, _)| k.as_str() == Some(key)).map(|(_, v)| v),
            _ => None,
        }
    }

    /// Follows a path of mapping keys.
    pub fn path(&self, keys: &[&str]) -> Option<&Node> {
        keys.iter().try_fold(self, |node, key| node.get(key))
    }

    /// The key node of an entry, for findings that point at where a key was written.
    pub fn key_node(&self, key: &str) -> Option<&Node> {
        self.entries().find(|(k, _)| k.as_str() == Some(key)).map(|(k, _)| k)
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The scalar as text, whatever its type: what a user wrote, for messages and
    /// for fields that Kubernetes reads as strings.
    pub fn scalar_text(&self) -> Option<String> {
        match &self.value {
            Value::String(s) => Some(s.clone()),
            Value::Bool(b) => Some(b.to_string()),
            Value::Int(i) => Some(i.to_string()),
            Value::Float(f) => Some(f.to_string()),
            Value::Null | Value::Seq(_) | Value::Map(_) => None,
        }
    }

    /// Booleans, including the YAML 1.1 spellings some tools still accept.
    pub fn as_bool(&self) -> Option<bool> {
        match &self.value {
            Value::Bool(b) => Some(*b),
            Value::String(s) => match s.to_ascii_lowercase().as_str() {
                "true" | "yes" | "on" | "y" => Some(true),
                "false" | "no" | "off" | "n" => Some(false),
                _ => None,
            },
            _ => None,
        }
    }

    pub fn as_i64(&self) -> Option<i64> {
        match &self.value {
            Value::Int(i) => Some(*i),
            Value::String(s) => s.trim().parse().ok(),
            Value::Float(f) if f.fract() == 0.0 => Some(*f as i64),
            _ => None,
        }
    }

    pub fn as_seq(&self) -> &[Node] {
        match &self.value {
            Value::Seq(items) => items,
            _ => &[],
        }
    }

    pub fn is_map(&self) -> bool {
        matches!(self.value, Value::Map(_))
    }

    pub fn is_null(&self) -> bool {
        matches!(self.value, Value::Null)
    }

    /// Entries of a mapping (empty for anything else).
    pub fn entries(&self) -> impl Iterator<Item = (&Node, &Node)> {
        let entries: &[(Node, Node)] = match &self.value {
            Value::Map(entries) => entries,
            _ => &[],
        };
        entries.iter().map(|(k, v)| (k, v))
    }

    /// Entries whose keys are strings.
    pub fn string_entries(&self) -> impl Iterator<Item = (String, &Node)> {
        self.entries().filter_map(|(k, v)| k.scalar_text().map(|k| (k, v)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Node {
        let stream = parse_stream(text);
        assert_eq!(stream.error, None);
        stream.documents.into_iter().next().unwrap().root
    }

    #[test]
    fn keeps_line_spans_of_nested_values() {
        let root =
            one("apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: a\n      image: nginx\n");
        assert_eq!(root.span, Span::new(1, 6));
        let image = &root.path(&["spec", "containers"]).unwrap().as_seq()[0].get("image").unwrap();
        assert_eq!(image.as_str(), Some("nginx"));
        assert_eq!(image.span, Span::line(6));
        assert_eq!(root.key_node("kind").unwrap().span, Span::line(2));
    }

    #[test]
    fn resolves_scalars_like_kubernetes() {
        let root = one("a: true\nb: 'true'\nc: 42\nd: 0x1F\ne: 1.5\nf: ~\ng: 1_000\nh: yes\n");
        assert_eq!(root.get("a").unwrap().value, Value::Bool(true));
        assert_eq!(root.get("b").unwrap().value, Value::String("true".into()));
        assert_eq!(root.get("c").unwrap().as_i64(), Some(42));
        assert_eq!(root.get("d").unwrap().as_i64(), Some(31));
        assert_eq!(root.get("e").unwrap().value, Value::Float(1.5));
        assert!(root.get("f").unwrap().is_null());
        assert_eq!(root.get("g").unwrap().as_str(), Some("1_000"));
        assert_eq!(root.get("h").unwrap().as_bool(), Some(true));
    }

    #[test]
    fn reads_every_document_of_a_stream_and_keeps_those_before_an_error() {
        let stream = parse_stream("a: 1\n---\nb: 2\n---\nc: [1, 2\n");
        assert_eq!(stream.documents.len(), 2);
        assert_eq!(stream.documents[1].root.get("b").unwrap().span, Span::line(3));
        let error = stream.error.expect("unclosed flow sequence is an error");
        assert!(error.line >= 5, "error points at the broken document: {error}");
    }

    #[test]
    fn merge_keys_fill_in_missing_entries() {
        let root = one("base: &b {image: x, user: root}\nsvc:\n  <<: *b\n  user: app\n");
        let svc = root.get("svc").unwrap();
        assert_eq!(svc.get("image").unwrap().as_str(), Some("x"));
        assert_eq!(svc.get("user").unwrap().as_str(), Some("app"));
        assert!(svc.get("<<").is_none());
    }

    #[test]
    fn refuses_alias_bombs() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let p = i - 1;
            text.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        let stream = parse_stream(&text);
        let error = stream.error.expect("alias bomb must be refused");
        assert!(error.message.contains("alias bomb"), "{error}");
    }

    #[test]
    fn refuses_deep_nesting() {
        let text = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        assert!(parse_stream(&text).error.is_some());
        let text = (0..500).map(|i| format!("{}k:\n", "  ".repeat(i))).collect::<String>();
        assert!(parse_stream(&text).error.is_some());
    }

    #[test]
    fn block_scalars_span_their_content_lines() {
        let root = one("a: |\n  one\n  two\nb: 1\n");
        assert_eq!(root.get("a").unwrap().span, Span::new(2, 3));
        assert_eq!(root.get("b").unwrap().span, Span::line(4));
    }

    #[test]
    fn reads_json() {
        let root = one("{\"kind\": \"Pod\",\n \"spec\": {\"hostPID\": true}}");
        assert_eq!(root.path(&["spec", "hostPID"]).unwrap().as_bool(), Some(true));
        assert_eq!(root.path(&["spec", "hostPID"]).unwrap().span, Span::line(2));
    }

    #[test]
    fn cloudformation_short_tags_become_the_long_form() {
        let text =
            "Bucket:\n  Name: !Ref Param\n  Arn: !GetAtt Other.Arn\n  Value: !If [Cond, !Sub 'a-${X}', b]\n";
        let root = parse_cloudformation(text).documents.remove(0).root;
        assert_eq!(root.path(&["Bucket", "Name", "Ref"]).unwrap().as_str(), Some("Param"));
        assert_eq!(root.path(&["Bucket", "Name"]).unwrap().span, Span::line(2));
        assert_eq!(root.path(&["Bucket", "Arn", "Fn::GetAtt"]).unwrap().as_str(), Some("Other.Arn"));
        let branches = root.path(&["Bucket", "Value", "Fn::If"]).unwrap().as_seq();
        assert_eq!(branches[1].get("Fn::Sub").unwrap().as_str(), Some("a-${X}"));
        // Plain YAML readers leave tags alone.
        let plain = one("Name: !Ref Param\n");
        assert_eq!(plain.get("Name").unwrap().as_str(), Some("Param"));
    }
}
