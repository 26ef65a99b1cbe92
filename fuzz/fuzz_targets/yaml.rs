//! Arbitrary bytes through the YAML stream reader and the node helpers rules
//! use. Any panic, hang or runaway allocation is a bug: hostile YAML (alias
//! bombs, deep nesting, broken documents) must end in a `YamlError`.
//!
//! Run with `cargo +nightly fuzz run yaml`.

#![no_main]

use bosun_syntax::yaml::{self, Limits, Node};
use libfuzzer_sys::fuzz_target;

fn walk(node: &Node, depth: usize) {
    assert!(node.span.start_line <= node.span.end_line);
    assert!(depth <= 200, "nesting beyond the limit got through");
    node.scalar_text();
    node.as_bool();
    node.as_i64();
    for item in node.as_seq() {
        walk(item, depth + 1);
    }
    for (key, value) in node.entries() {
        walk(key, depth + 1);
        walk(value, depth + 1);
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // Small limits so the fuzzer reaches them quickly.
    let limits = Limits { max_depth: 64, max_nodes: 20_000, max_documents: 100 };
    let stream = yaml::parse_stream_with(&text, limits);
    assert!(stream.documents.len() <= limits.max_documents);
    for document in &stream.documents {
        walk(&document.root, 0);
    }
});
