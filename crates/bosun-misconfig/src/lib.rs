//! Misconfiguration rules. Each input kind has a folder: its model (the view
//! rules see), its engine (parse, build views, run checks) and `rules/`, one file
//! per rule. `registry.rs` is the one list of every rule. Judgements that rules of
//! several input kinds share (what a credential looks like, which registries are
//! trusted, which ports are for remote administration) live in `credentials.rs`,
//! `images.rs` and `ports.rs`, so that the kinds agree.

pub mod analyze;
pub mod cloud;
pub mod compose;
pub mod credentials;
pub mod dockerfile;
pub mod images;
pub mod kubernetes;
pub mod ports;
pub mod registry;
pub mod rule;

pub use analyze::{analyze_cluster, analyze_file, FileAnalysis, InputKind};
pub use rule::{Check, Hits, Rule, RuleSet};
